import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { decodeText, garbageRatio, hasControlBytes, looksLikeText, utf8Damage } from "../../src/readers/encoding.js";
import { encodeGbk, render } from "../../src/render/index.js";
import { text } from "../support/messages.js";
import { readError } from "../support/read-error.js";
import { SHARED } from "../support/shared.js";

// Encodings real text files come in: UTF-8 with a damaged byte, UTF-16 without a byte-order
// mark, GBK behind a stray UTF-8 BOM. Each reads as the same report its clean UTF-8 twin does.

const report = randomReport(31, { template: "2021", year: 2022, zeroRate: 0.5 });
const utf8 = render(report, "tab-row");
const source = new TextDecoder().decode(utf8);

async function read(bytes: Uint8Array, name = "report.txt"): Promise<Report> {
  const [r] = await readReports(bytes, { name });
  return r!;
}

const readerNotes = (r: Report) => r.findings.filter((f) => f.origin === "reader");

function utf16(s: string, endian: "le" | "be"): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (endian === "le" ? 0 : 1)] = c & 0xff;
    out[2 * i + (endian === "le" ? 1 : 0)] = c >> 8;
  }
  return out;
}

describe("text encodings", () => {
  it("UTF-8 with one invalid byte: read, the byte shown as �, an info finding names the line", async () => {
    const lines = source.split("\n");
    const at = lines.findIndex((l) => l.startsWith("五、"));
    const bytes = new TextEncoder().encode(lines.slice(0, at).join("\n") + "\n");
    const damaged = new Uint8Array([...bytes, 0xff, ...new TextEncoder().encode(lines.slice(at).join("\n"))]);
    const got = await read(damaged);
    expect(got.cells).toEqual(report.cells);
    const [note] = readerNotes(got);
    expect(note).toMatchObject({ rule: "reader-text", severity: "info", source: { line: at + 1 } });
    expect(text(note!)).toBe(`文本中有 1 处无法解码的字节（按 UTF-8 解码），已换成替换字符；第一处在第 ${at + 1} 行`);
  });

  it("a broken multi-byte character is one place and one replacement character", () => {
    const first = "本年度政府信息公开工作稳步推进。".repeat(8);
    const bytes = new TextEncoder().encode(`${first}\n六、其他需要报告的事项\n`);
    const i = bytes.indexOf(0xe6, new TextEncoder().encode(first).length + 4); // a lead byte on line 2
    bytes[i] = 0xff;
    const d = decodeText(bytes);
    expect(d.bad).toEqual({ count: 1, line: 2 });
    expect(d.text.split("\n")[1]).toMatch(/^六、.*\ufffd/);
    expect(d.text.match(/\ufffd/g)).toHaveLength(1);
  });

  it.skipIf(!existsSync(join(SHARED, "repro/utf8-one-bad-byte.txt")))("the repro file with one 0xFF byte reads, with the note on its line", async () => {
    const got = await read(readFileSync(join(SHARED, "repro/utf8-one-bad-byte.txt")), "utf8-one-bad-byte.txt");
    expect(got.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.values(got.cells).every((v) => typeof v === "number")).toBe(true);
    const notes = readerNotes(got);
    expect(notes.map((n) => [n.rule, n.severity, n.messageId])).toEqual([["reader-text", "info", "badBytes"]]);
    expect(text(notes[0]!)).toMatch(/^文本中有 1 处无法解码的字节（按 UTF-8 解码），已换成替换字符；第一处在第 \d+ 行$/);
  });

  it("UTF-16 without a byte-order mark, little- and big-endian, reads as the UTF-8 file does", async () => {
    for (const endian of ["le", "be"] as const) {
      const bytes = utf16(source, endian);
      expect(looksLikeText(bytes), endian).toBe(true);
      expect(decodeText(bytes).encoding).toBe(`utf-16${endian}`);
      const got = await read(bytes);
      expect(got.cells, endian).toEqual(report.cells);
      expect(got.meta.agency).toBe(report.meta.agency);
      expect(readerNotes(got)).toEqual([]);
    }
  });

  it("GBK text behind a stray UTF-8 byte-order mark is read as GBK", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encodeGbk(source)]);
    expect(decodeText(bytes).encoding).toBe("gb18030");
    const got = await read(bytes);
    expect(got.cells).toEqual(report.cells);
    expect(readerNotes(got)).toEqual([]);
  });

  it("GBK is not taken for UTF-16, and bytes with NULs that are no UTF-16 stay binary", async () => {
    expect(decodeText(encodeGbk(source)).encoding).toBe("gb18030");
    const junk = new Uint8Array(4096).map((_, i) => (i % 7 === 0 ? 0 : (i * 37) & 0xff));
    expect(looksLikeText(junk)).toBe(false);
    expect((await readError(readReports(junk, { name: "junk.txt" }))).code).toBe("unsupported");
  });
});

// Decoding counts on the bytes where it can (the common page is never looked at character by
// character); these counts must be exactly what decoding and looking would have said.
describe("counting on the bytes", () => {
  /** Bytes of UTF-8 pieces, GBK, broken and overlong sequences, surrogates, U+FFFD and BOMs, cut anywhere. */
  const PIECES = [[0xef, 0xbb, 0xbf], [0xef, 0xbf, 0xbd], [0xe4, 0xb8, 0xad], [0xc3, 0xa9], [0xf0, 0x9f, 0x98, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xc0, 0xaf], [0xd6, 0xd0], [0x41], [0x0a]];
  const bytes = fc
    .array(fc.oneof(fc.constantFrom(...PIECES), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 })), { maxLength: 16 })
    .chain((parts) => fc.integer({ min: 0, max: 3 }).map((cut) => new Uint8Array(parts.flat().slice(cut))));

  it("utf8Damage gives the replacement places and wide characters TextDecoder's output has", () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = new TextDecoder("utf-8").decode(b);
        let bad = 0;
        let wide = 0;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 0xfffd) bad += i > 0 && text.charCodeAt(i - 1) === 0xfffd ? 0 : 1;
          else if (c > 0x7f) wide++;
        }
        expect(utf8Damage(b)).toEqual({ bad, wide });
        // Given up early only when the ratio could not have been met.
        for (const ratio of [0.01, 0.1, 0.5]) if (utf8Damage(b, ratio) === null) expect(bad).toBeGreaterThan(wide * ratio);
      }),
      { numRuns: 3000 },
    );
  });

  it("hasControlBytes finds a control byte at any offset and alignment, and never tab, LF, FF, CR", () => {
    const base = new TextEncoder().encode("一、总体情况\r\n\t正文\f".repeat(40));
    const buf = new Uint8Array(base.length + 8);
    for (let offset = 0; offset < 4; offset++) {
      const view = buf.subarray(offset, offset + base.length);
      view.set(base);
      expect(hasControlBytes(view)).toBe(false);
      for (const at of [0, 1, 2, 3, 101, base.length - 1]) {
        for (const c of [0x00, 0x08, 0x0b, 0x1b, 0x1f, 0x7f]) {
          view[at] = c;
          expect(hasControlBytes(view), `byte ${c} at ${at}, offset ${offset}`).toBe(true);
          view[at] = base[at]!;
        }
      }
    }
  });

  it("garbage far into a page is still found: control characters past the first 8 KB make it unreadable", () => {
    const page = new TextEncoder().encode(`<html><body><p>${"一、总体情况。".repeat(1000)}</p>${"\u0001\u0002".repeat(600)}</body></html>`);
    expect(looksLikeText(page)).toBe(true);
    expect(garbageRatio(new TextDecoder().decode(page))).toBeGreaterThan(0.02);
    expect(() => decodeText(page)).toThrow(/无法识别文字编码/);
  });
});
