/**
 * A bounded memo for work that sees the same few thousand strings in every report (labels,
 * their matches). Emptied when full: the working set is far smaller than the bound.
 */
export function remember<T>(cache: Map<string, T>, key: string, find: () => T, bound = 20_000): T {
  if (cache.has(key)) return cache.get(key)!;
  const found = find();
  if (cache.size >= bound) cache.clear();
  cache.set(key, found);
  return found;
}
