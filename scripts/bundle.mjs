// The command line as one bundle (dist/bundle/cli.js) and the pool's worker beside it, so that
// starting nianbao reads a few files instead of some 150 modules. Each reader's heavy part
// (parse5; saxes and fflate; the PDF and OCR code) is a chunk of its own, loaded on first use.
// pdfjs-dist, tesseract.js and piscina stay in node_modules: they find their own worker and
// data files by path; so do the store's drivers (better-sqlite3 loads a native addon, pg and
// pg-boss are CommonJS that look for their own files) and exceljs, which only exports need. Run by `npm run build` after tsc (which builds the library in dist/).
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bundle");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: "src/cli/main.ts", worker: "src/pipeline/worker.ts" },
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

// The build is complete: `npm run bench` measures dist/ and refuses a build older than the sources.
writeFileSync(join(root, "dist/.build-stamp"), `${new Date().toISOString()}\n`);
