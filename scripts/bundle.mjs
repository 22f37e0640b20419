// The command line as one bundle (dist/bundle/cli.js) and the pool's worker beside it, so that
// starting nianbao reads a few files instead of some 150 modules. Each reader's heavy part
// (parse5; saxes and fflate; the PDF and OCR code) is a chunk of its own, loaded on first use.
// pdfjs-dist, tesseract.js and piscina stay in node_modules: they find their own worker and
// data files by path; so do the store's drivers (better-sqlite3 loads a native addon, pg and
// pg-boss are CommonJS that look for their own files) and exceljs, which only exports need. Run by `npm run build` after tsc (which builds the library in dist/).
import { build } from "esbuild";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bundle");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: "src/cli/main.ts", worker: "src/pipeline/worker.ts", "import-worker": "src/store/import-worker.ts", checkpointer: "src/store/checkpointer.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The web server (fastify and its plugins) loads only for `nianbao serve`, from node_modules.
  external: ["pdfjs-dist", "tesseract.js", "@tesseract.js-data/*", "piscina", "better-sqlite3", "pg", "pg-boss", "exceljs", "fastify", "fastify-plugin", "@fastify/*"],
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  // commander and saxes are CommonJS and require Node's own modules.
  banner: { js: 'import { createRequire as __nianbaoRequire } from "node:module"; const require = __nianbaoRequire(import.meta.url);' },
  logLevel: "warning",
});

// A worker pool finds its worker module beside its own module: the pipeline's `./worker.js`
// (src/pipeline/many.ts), the import's `./import-worker.js` (src/store/batch.ts); so does the
// store's checkpointing thread (`./checkpointer.js`, src/store/checkpoints.ts). With code
// splitting those modules may land in chunks/ rather than beside cli.js, and the pool would
// quietly read every file on the main thread: wherever a lookup sits, a module re-exporting the
// worker entry sits beside it.
const outputs = [join(outdir, "cli.js"), ...readdirSync(join(outdir, "chunks")).map((f) => join(outdir, "chunks", f))];
for (const entry of ["worker", "import-worker", "checkpointer"]) {
  const lookup = `new URL("./${entry}.js", import.meta.url)`;
  const lookups = outputs.filter((f) => readFileSync(f, "utf8").includes(lookup));
  if (lookups.length === 0) throw new Error(`bundle: no module looks up ${entry}.js (${lookup}); update scripts/bundle.mjs`);
  for (const dir of new Set(lookups.map((f) => dirname(f)))) {
    const beside = join(dir, `${entry}.js`);
    if (existsSync(beside)) continue;
    const target = relative(dir, join(outdir, `${entry}.js`)).split("\\").join("/");
    const spec = JSON.stringify(target.startsWith(".") ? target : `./${target}`);
    // The pools' workers export their task; the checkpointer thread only runs.
    writeFileSync(beside, entry === "checkpointer" ? `import ${spec};\n` : `export { default } from ${spec};\n`);
  }
}

// The build is complete: `npm run bench` measures dist/ and refuses a build older than the sources.
writeFileSync(join(root, "dist/.build-stamp"), `${new Date().toISOString()}\n`);
