import { ReadError } from "../model/errors.js";
import { decodeReports } from "../model/report-json.js";
import type { ReportReader } from "./types.js";

/**
 * True when the bytes are a JSON object or an array of objects (canonical report input).
 * `[bookmark: _GoBack]…` text also starts with `[`, so an array must open with `{` or `]`.
 */
export function looksLikeJson(bytes: Uint8Array): boolean {
  const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  // An object opens with `{"` or is `{}`; RTF (`{\rtf1`) also starts with a brace.
  const objectStart = (j: number) => {
    j++;
    while (j < bytes.length && isSpace(bytes[j]!)) j++;
    return bytes[j] === 0x22 || bytes[j] === 0x7d;
  };
  if (bytes[i] === 0x7b) return objectStart(i);
  if (bytes[i] !== 0x5b) return false;
  i++;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return (bytes[i] === 0x7b && objectStart(i)) || bytes[i] === 0x5d;
}

/**
 * Canonical report JSON (as `nianbao parse` prints, or data typed into a form): the codec's
 * decoder as a reader. A JSON array gives several reports.
 */
export const reportJsonReader: ReportReader = {
  id: "json",
  label: "报告 JSON",
  extensions: [".json"],
  output: "report",
  sniff(bytes) {
    // Above every text format: JSON is text too, but this reader is the one for it.
    return looksLikeJson(bytes) ? 0.99 : 0;
  },
  readReports(bytes) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new ReadError("encoding", "JSON 文件不是 UTF-8 编码");
    }
    // Data typed by hand says neither how it was read nor where the year came from.
    return decodeReports(text).map((r) => (r.meta.format !== undefined ? r : { ...r, meta: { ...r.meta, yearFrom: r.meta.yearFrom ?? "input", format: "json" } }));
  },
};
