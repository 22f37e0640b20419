import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReports } from "../../src/read.js";
import { checkImage } from "../../src/readers/ocr/image-check.js";
import { readError } from "../support/read-error.js";
import { HAS_SHARED, SHARED } from "../support/shared.js";

/** A PNG signature and IHDR chunk claiming a size; nothing after it. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  b.set([8, 0, 0, 0, 0], 24);
  return b;
}

/** SOI, a baseline frame header of the given size, and (optionally) EOI. */
function jpeg(width: number, height: number, ends: boolean): Uint8Array {
  const sof = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...sof, 0xff, 0xda, 0, 2, 1, 2, 3, ...(ends ? [0xff, 0xd9] : [])]);
}

describe("image headers are checked before any decoder sees the bytes", () => {
  it("a picture too large to be a page is refused as too large, with the limit", async () => {
    expect(() => checkImage("png", pngHeader(30000, 30000))).toThrow(/PNG 图片太大（30000×30000 像素），超过上限 8000 万像素/);
    expect(() => checkImage("jpeg", jpeg(20000, 20000, true))).toThrow(/JPEG 图片太大/);
    expect(() => checkImage("png", pngHeader(2480, 3508))).not.toThrow();
    const e = await readError(readReports(pngHeader(30000, 30000), { name: "大图.png" }));
    expect(e.code).toBe("too-large");
  });

  it("a JPEG cut short is refused as incomplete, not handed to the decoder", () => {
    expect(() => checkImage("jpeg", jpeg(800, 1000, false))).toThrow(/JPEG 图片不完整/);
    expect(() => checkImage("jpeg", jpeg(800, 1000, true))).not.toThrow();
  });

  it.skipIf(!HAS_SHARED)("../shared/repro/png-30000x30000.png says too large", async () => {
    const e = await readError(readReports(readFileSync(join(SHARED, "repro/png-30000x30000.png")), { name: "x.png" }));
    expect(e.code).toBe("too-large");
    expect(e.message).toContain("30000×30000");
  });
});
