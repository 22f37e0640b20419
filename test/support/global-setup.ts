import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** The newest modification time under a folder (files only). */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/**
 * Builds dist/ (the library and the CLI bundle) once per run, so tests that spawn the CLI test
 * the current sources; and the web UI (dist/web) when web/ changed since it was built.
 */
export default function setup() {
  // NIANBAO_SKIP_BUILD=1 when dist/ is known to be current (or someone's half-written file breaks tsc).
  if (process.env.NIANBAO_SKIP_BUILD === "1") return;
  const root = resolve(__dirname, "../..");
  execFileSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [resolve(root, "scripts/bundle.mjs")], { cwd: root, stdio: "inherit" });
  const index = join(root, "dist/web/index.html");
  // The web UI imports the library's layout and codec (src/), so both count.
  if (!existsSync(index) || statSync(index).mtimeMs < Math.max(newest(join(root, "web")), newest(join(root, "src")))) {
    execFileSync(process.execPath, [resolve(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  }
}
