import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

/** Builds dist/ (the library and the CLI bundle) once per run, so tests that spawn the CLI test the current sources. */
export default function setup() {
  // NIANBAO_SKIP_BUILD=1 when dist/ is known to be current (or someone's half-written file breaks tsc).
  if (process.env.NIANBAO_SKIP_BUILD === "1") return;
  const root = resolve(__dirname, "../..");
  execFileSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [resolve(root, "scripts/bundle.mjs")], { cwd: root, stdio: "inherit" });
}
