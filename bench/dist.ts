// The bench measures what users run: the built library in dist/ (as bin/nianbao.js does), not
// the sources through tsx, whose on-the-fly transform and source maps change the figures. The
// suites import the code they time from dist/; this checks, before any suite runs, that dist/
// was built from the sources as they are now.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Written by scripts/bundle.mjs, the last step of `npm run build`. */
export const BUILD_STAMP = join(ROOT, "dist/.build-stamp");

/** What the build is made from: a change to any of these makes dist/ stale. */
const SOURCES = ["src", "scripts/bundle.mjs", "tsconfig.json", "tsconfig.build.json", "package.json"];

function newest(path: string): { path: string; ms: number } {
  const st = statSync(path);
  let best = { path, ms: st.mtimeMs };
  if (st.isDirectory()) {
    for (const name of readdirSync(path)) {
      const n = newest(join(path, name));
      if (n.ms > best.ms) best = n;
    }
  }
  return best;
}

/** Why dist/ cannot be measured (missing or older than a source), in Chinese; null when it is current. */
export function distProblem(): string | null {
  if (!existsSync(BUILD_STAMP)) return "找不到编译后的 dist/（缺少 dist/.build-stamp）：请先运行 npm run build";
  const built = statSync(BUILD_STAMP).mtimeMs;
  for (const s of SOURCES) {
    const p = join(ROOT, s);
    if (!existsSync(p)) continue;
    const n = newest(p);
    if (n.ms > built) return `dist/ 不是最新的构建：${relative(ROOT, n.path)} 在上次构建之后改过，请先运行 npm run build`;
  }
  return null;
}
