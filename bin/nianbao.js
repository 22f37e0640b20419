#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import("../dist/cli/main.js").catch((err) => {
  if (err && err.code === "ERR_MODULE_NOT_FOUND") {
    console.error("nianbao 尚未编译：请先运行 npm ci（或 npm run build）。");
    process.exit(2);
  }
  throw err;
});
