import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { findSoffice } from "../../src/readers/doc/soffice.js";
import { modelDir } from "../../src/readers/ocr/engine.js";
import { HAS_SHARED } from "./shared.js";

/**
 * Tests that need something from outside the project — LibreOffice, poppler, the OCR model,
 * chromium, `../shared` — skip when it is missing on a developer's machine. In CI (`CI=true`)
 * missing is not a reason to skip: a failing test says what is missing, so a run that checked
 * nothing cannot pass. Every such test asks here.
 */
export const IN_CI = process.env.CI === "true";

/** True when the tests needing `what` are to be skipped; registers a failing test in CI. */
export function missing(what: string, present: boolean): boolean {
  if (present) return false;
  if (IN_CI) {
    it(`CI 需要 ${what}`, () => {
      throw new Error(`CI=true, but ${what} is missing: install it (.ci/run) instead of skipping the tests that need it`);
    });
  }
  return true;
}

function onPath(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** What the tests may need, looked up once. */
export const HAS = {
  libreoffice: findSoffice() !== null,
  poppler: onPath("pdftoppm") && onPath("pdfinfo"),
  ocrModel: existsSync(join(modelDir(), "chi_sim.traineddata.gz")),
  chromium: existsSync("/usr/bin/chromium") || onPath("chromium"),
  shared: HAS_SHARED,
};
