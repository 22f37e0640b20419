import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

// The checkpointing thread of a batch import runs only where it is built (dist/; global setup
// builds it). When it fails, the writer must get its own checkpoints back at once: left
// waiting for the thread's answer, the WAL would grow until the batch ended.

describe("the WAL's checkpointing thread", () => {
  it("that cannot open the database says so, stops, and closes without waiting", async () => {
    const { BackgroundCheckpoints } = (await import(pathToFileURL(join(ROOT, "dist/store/checkpoints.js")).href)) as typeof import("../../src/store/checkpoints.js");
    let failed = 0;
    const bg = BackgroundCheckpoints.start(join(ROOT, "no-such-folder", "x.db"), () => failed++);
    expect(bg).not.toBeNull();
    bg!.request();
    await expect.poll(() => failed, { timeout: 10_000 }).toBe(1);
    bg!.request();
    await bg!.close();
    expect(failed).toBe(1);
  });
});
