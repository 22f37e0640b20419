/**
 * A bounded memo for work that sees the same few thousand strings in every report (labels,
 * their matches). Emptied when full: the working set is far smaller than the bound.
 */
export function remember<T>(cache: Map<string, T>, key: string, find: () => T, bound = 20_000): T {
  // One lookup when the answer is there (the usual case); `has` only for a stored undefined.
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as T;
  const found = find();
  if (cache.size >= bound) cache.clear();
  cache.set(detached(key), found);
  return found;
}

/**
 * A copy of a string that holds on to nothing else. A string cut out of a larger one (a cell's
 * text out of a Word file's 100 KB of XML, a line out of a whole text) keeps the larger one
 * alive in V8 for as long as it lives; kept as a cache key, that was every file a worker had read.
 * Joining forces a flat copy of the characters, and the slice after it cuts from that copy.
 */
export function detached(s: string): string {
  return (" " + s).slice(1);
}
