import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The import graph of src/: no cycle, and every layer imports only the layers below it
// (readers → model → extract → rules → pipeline → store → export → server/cli). Run alone with
// `npx vitest run test/architecture.test.ts`.

const SRC = resolve(__dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/** Relative imports of a module, static and dynamic, as src-relative paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|(?:^|\n)\s*import\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    out.push(relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
  }
  return out;
}

const graph = new Map(files(SRC).map((f) => [relative(SRC, f), importsOf(f)]));

/** The layer a module belongs to: its first folder, or the file name for top-level modules. */
function layer(mod: string): string {
  const [first, second] = mod.split("/");
  return second === undefined ? first!.replace(/\.ts$/, "") : first!;
}

/** What each layer may import besides itself. Anything not listed is a layering error. */
const MAY_IMPORT: Record<string, string[]> = {
  version: [],
  text: [],
  model: ["templates", "text"],
  templates: ["model", "text"],
  readers: ["model", "text", "templates"],
  extract: ["model", "text", "templates"],
  rules: ["model", "text", "templates", "extract"],
  generate: ["model", "templates", "text", "render"],
  render: ["model", "templates", "text", "rules", "extract"],
  report: ["model", "templates", "text", "rules", "extract", "readers", "compare"],
  read: ["model", "readers", "extract"],
  check: ["model", "rules", "templates"],
  compare: ["model", "templates", "text", "rules", "check", "read"],
  register: ["model", "templates", "text", "check", "rules", "render", "readers", "report"],
  pipeline: ["model", "read", "check", "readers", "rules", "templates", "version", "report"],
  // The corpus: stores what the pipeline gives (envelopes, the codec's JSON), runs the
  // cross-year rules (check) over it; `register` and `compare` may add their tables later.
  store: ["model", "pipeline", "check", "report", "text", "read", "register", "compare"],
  // Exports format what the store returns, with the template data's labels.
  export: ["model", "templates", "store", "report", "text"],
  stats: ["model", "templates", "store", "rules", "report", "text"],
  // The filing form: a draft made into a report (extract's cell reading), checked (check,
  // rules), laid out and written (render), pasted blocks read with the HTML reader's table code
  // (readers); service.ts keeps drafts in the store and submits through the pipeline's envelope.
  filing: ["model", "templates", "text", "extract", "rules", "check", "render", "readers", "report", "register", "pipeline", "store"],
  server: ["*"],
  cli: ["*"],
  index: ["*"],
};

describe("import graph", () => {
  it("has no cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (m: string) => {
      state.set(m, 1);
      stack.push(m);
      for (const d of graph.get(m) ?? []) {
        if (!graph.has(d)) continue;
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].join(" → "));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(m, 2);
    };
    for (const m of graph.keys()) if (!state.has(m)) visit(m);
    expect(cycles).toEqual([]);
  });

  it("imports only resolve to files that exist", () => {
    const missing = [...graph].flatMap(([m, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${m} → ${d}`));
    expect(missing).toEqual([]);
  });

  it("each layer imports only the layers below it", () => {
    const wrong: string[] = [];
    for (const [m, deps] of graph) {
      const from = layer(m);
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        wrong.push(`${m}: layer "${from}" has no place in the architecture test`);
        continue;
      }
      if (allowed.includes("*")) continue;
      for (const d of deps) {
        const to = layer(d);
        if (to !== from && !allowed.includes(to)) wrong.push(`${m} → ${d}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("no reader imports the extractor or a rule", () => {
    const bad = [...graph].filter(([m]) => m.startsWith("readers/")).flatMap(([m, deps]) => deps.filter((d) => /^(extract|rules)\//.test(d)).map((d) => `${m} → ${d}`));
    expect(bad).toEqual([]);
  });
});
