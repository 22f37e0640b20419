/**
 * A GBK encoder (Node's TextEncoder only writes UTF-8). The table is built once, on first use,
 * by decoding every two-byte GBK code with the platform's GB18030 decoder and inverting it.
 */
let table: Map<number, number> | null = null;

function gbkTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder("gb18030");
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      // Unassigned codes decode to U+FFFD or to more than one character; a code point keeps its first code.
      if (s.length !== 1 || s === "\ufffd") continue;
      const cp = s.charCodeAt(0);
      if (!map.has(cp)) map.set(cp, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

/**
 * Encodes text as GBK. ASCII is one byte, Chinese two. A character GBK lacks goes through
 * `fallback` (an HTML page writes `&#169;`); without one it becomes `?`, as Windows does.
 */
export function encodeGbk(text: string, fallback?: (codePoint: number) => string): Uint8Array {
  const map = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = map.get(cp);
    if (code !== undefined) out.push(code >> 8, code & 0xff);
    else for (const b of encodeGbk(fallback ? fallback(cp) : "?")) out.push(b);
  }
  return Uint8Array.from(out);
}
