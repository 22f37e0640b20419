#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/bundle/ by `npm ci` (the `prepare` script).
import("../dist/bundle/cli.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]bundle[\\/]cli\.js/.test(String(err.message))) {
    console.error("nianbao 尚未编译：请先运行 npm ci（或 npm run build）。");
    process.exit(2);
  }
  throw err;
});
