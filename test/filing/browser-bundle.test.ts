import { build, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The filing page runs the live check in the browser: the same rule modules as the CLI. This
// bundles the page's entry (src/filing/browser.ts) for the browser, as the web build will, and
// fails on any import of a Node module or use of a Node global in the project's own code.

const ROOT = resolve(__dirname, "../..");
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Records every import of a Node built-in (and keeps it out of the bundle). */
function noNode(found: string[]): Plugin {
  return {
    name: "no-node",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.startsWith("node:") ? args.path : args.path.split("/")[0]!;
        if (!NODE.has(bare) && !args.path.startsWith("node:")) return undefined;
        found.push(`${args.importer.replace(`${ROOT}/`, "")} → ${args.path}`);
        return { path: args.path, external: true };
      });
    },
  };
}

describe("the filing page's library in the browser", () => {
  it("bundles for platform browser without a Node module", async () => {
    const found: string[] = [];
    const r = await build({ absWorkingDir: ROOT, entryPoints: ["src/filing/browser.ts"], bundle: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent", plugins: [noNode(found)] });
    expect(found).toEqual([]);
    const inputs = Object.keys(r.metafile.inputs);
    // What must run in the page is in the bundle: the rules, the templates, the messages, the form.
    for (const f of ["src/check.ts", "src/rules/index.ts", "src/rules/requests-row-total.ts", "src/templates/f2021.ts", "src/templates/guidance.ts", "src/report/messages.ts", "src/filing/check.ts", "src/filing/paste.ts", "src/render/layout.ts"]) expect(inputs).toContain(f);
    // …and nothing of the store, the pipeline or the file system.
    expect(inputs.filter((f) => /^src\/(store|pipeline|cli|read\.ts)|better-sqlite3|\/pg\//.test(f))).toEqual([]);
    // Node's globals in the project's own modules of the bundle.
    const globals = inputs
      .filter((f) => f.startsWith("src/"))
      .flatMap((f) => {
        const code = readFileSync(resolve(ROOT, f), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
        return [...code.matchAll(/\b(Buffer|process|__dirname|__filename|require)\b(?=\s*[.(])/g)].map((m) => `${f}: ${m[1]}`);
      });
    expect(globals).toEqual([]);
    console.log(`浏览器包：${inputs.length} 个模块，${(r.outputFiles[0]!.contents.length / 1024).toFixed(0)} KB（未压缩）`);
  });

  it("a module that imports Node is caught", async () => {
    const found: string[] = [];
    await build({ absWorkingDir: ROOT, entryPoints: ["src/filing/service.ts"], bundle: true, platform: "browser", format: "esm", write: false, logLevel: "silent", plugins: [noNode(found)] }).catch(() => {});
    expect(found.some((f) => f.includes("node:crypto"))).toBe(true);
  });
});
