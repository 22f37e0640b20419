// How the fuzz tests damage inputs: bytes changed, cut or inserted (any format), and for text
// lines shuffled or repeated, digits changed, line breaks turned into tabs.

const enc = new TextEncoder();

export type Mutation = (b: Uint8Array, rand: () => number) => Uint8Array;

export const MUTATIONS: Record<string, Mutation> = {
  flip: (b, rand) => {
    const c = b.slice();
    for (let k = 0; k < 1 + rand() * 20; k++) c[Math.floor(rand() * c.length)] = Math.floor(rand() * 256);
    return c;
  },
  truncate: (b, rand) => b.slice(0, Math.floor(rand() * b.length)),
  insert: (b, rand) => {
    const at = Math.floor(rand() * b.length);
    const junk = new Uint8Array(1 + Math.floor(rand() * 64)).map(() => Math.floor(rand() * 256));
    return new Uint8Array([...b.subarray(0, at), ...junk, ...b.subarray(at)]);
  },
  shuffleLines: (b, rand) => {
    const lines = new TextDecoder().decode(b).split("\n");
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return enc.encode(lines.join("\n"));
  },
  duplicateLines: (b, rand) => {
    const lines = new TextDecoder().decode(b).split("\n");
    const a = Math.floor(rand() * lines.length);
    const n = Math.floor(rand() * 200);
    return enc.encode([...lines.slice(0, a), ...lines.slice(a, a + n), ...lines.slice(a)].join("\n"));
  },
  digits: (b, rand) => enc.encode(new TextDecoder().decode(b).replace(/\d/g, (d) => (rand() < 0.3 ? String(Math.floor(rand() * 10)) : rand() < 0.1 ? "" : d))),
  tabs: (b, rand) => enc.encode(new TextDecoder().decode(b).replace(/\n/g, (n) => (rand() < 0.2 ? "\t" : rand() < 0.1 ? "\n\n" : n))),
};
