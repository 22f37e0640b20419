import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expandInputs } from "../src/cli/inputs.js";

const EXAMPLES = resolve(__dirname, "../examples");

describe("folders on the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-inputs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("follow symlinked reports and folders, list broken links, and do not loop", async () => {
    mkdirSync(join(dir, "sub"));
    copyFileSync(join(EXAMPLES, "01-tab-row-2021.txt"), join(dir, "sub", "a.txt"));
    symlinkSync(join(EXAMPLES, "03-markdown-2021.md"), join(dir, "link.md"));
    symlinkSync(join(dir, "nowhere.txt"), join(dir, "broken.txt"));
    symlinkSync(dir, join(dir, "sub", "loop"));
    symlinkSync(join(EXAMPLES, "README.md"), join(dir, "README.md"));
    const got = [...(await expandInputs([dir]))].map((p) => p.slice(dir.length + 1));
    expect(got).toEqual(["broken.txt", "link.md", "sub/a.txt"]);
  });

  it("lists a folder in the order localeCompare gives, each subfolder's files where its name falls", async () => {
    const mixed = join(dir, "mixed");
    mkdirSync(mixed);
    const files = ["b.txt", "B.txt", "a10.txt", "a9.txt", "北京.txt", "安徽.txt", "Z.md", "_x.txt", "c.html", ".hidden.txt", "notes.xyz"];
    for (const f of files) copyFileSync(join(EXAMPLES, "01-tab-row-2021.txt"), join(mixed, f));
    mkdirSync(join(mixed, "b"));
    copyFileSync(join(EXAMPLES, "01-tab-row-2021.txt"), join(mixed, "b", "inner.txt"));
    const skipped: string[] = [];
    const got = [...(await expandInputs([mixed], (p) => skipped.push(p)))].map((p) => p.slice(mixed.length + 1));
    const wanted = [...files.filter((f) => !f.startsWith(".") && f !== "notes.xyz"), "b"].sort((x, y) => x.localeCompare(y)).map((f) => (f === "b" ? "b/inner.txt" : f));
    expect(got).toEqual(wanted);
    expect(skipped).toEqual([join(mixed, "notes.xyz")]);
  });

  it("names each file as path.join would, however the folder is written", async () => {
    const sub = join(dir, "written");
    mkdirSync(sub);
    copyFileSync(join(EXAMPLES, "01-tab-row-2021.txt"), join(sub, "甲 乙.txt"));
    for (const written of [sub, `${sub}/`, `${dir}//written/./`, `${dir}/written/../written`]) {
      const got = await expandInputs([written]);
      expect([...got], written).toEqual([join(written, "甲 乙.txt")]);
      expect(got.length, "the count for the progress bar").toBe(1);
    }
    const here = process.cwd();
    process.chdir(sub);
    try {
      expect([...(await expandInputs([".", "甲 乙.txt", "-"]))]).toEqual(["甲 乙.txt", "甲 乙.txt", "-"]);
      expect([...(await expandInputs(["./"]))]).toEqual(["甲 乙.txt"]);
    } finally {
      process.chdir(here);
    }
  });
});
