import type { Reporter, TestModule } from "vitest/node";

/** Ends the run with one plain line a CI can read: `N passed, N failed`. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
      }
      // A file that failed outside its tests (an import, or a hook such as the rule tester's
      // check that every declared message is produced) counts once.
      const testsFailed = [...m.children.allTests()].some((t) => t.result().state === "failed");
      if (m.state() === "failed" && !testsFailed) failed++;
    }
    failed += errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
