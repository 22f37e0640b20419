/** Length of the longest common subsequence of two strings (by UTF-16 unit; labels are BMP). */
export function lcsLength(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const prev = new Uint16Array(b.length + 1);
  const cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev.set(cur);
  }
  return prev[b.length]!;
}

/**
 * Similarity 0–1 of two labels: the common subsequence over the longer length. Robust to
 * dropped characters (`其他法律行政止公开`) and inserted notes, cheap for short labels.
 */
export function labelSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  if (n > 200) return a === b ? 1 : 0;
  return lcsLength(a, b) / n;
}
