import { readerNote, type ReaderNote } from "../../model/document.js";
import type { FindingMeta } from "../../model/finding.js";
import type { DecodedText } from "../encoding.js";

/** What the text readers tell the user about the bytes they decoded. */
export const textNotes: FindingMeta = {
  id: "reader-text",
  severity: "warning",
  title: "文本读取提示",
  description:
    "文本或网页中有无法按其编码解码的字节时，这些字节换成替换字符（�）后照常读取，并指出第一处所在的行。段落和表格单元格多到不可能是一份年度报告（数十万个）时，只读到那里，并指出停在第几行。",
  messages: {
    cut: "文本中的段落和表格单元格超过 {max} 个，远多于一份年度报告，只读取到第 {line} 行为止",
    badBytes: "文本中有 {n} 处无法解码的字节（按 {encoding} 解码），已换成替换字符；第一处在第 {line} 行",
  },
};

/** The note on bytes that could not be decoded, as a Document's `notes`, or nothing. */
export function decodingNotes(d: DecodedText): { notes?: ReaderNote[] } {
  if (!d.bad) return {};
  const data = { n: d.bad.count, encoding: d.encoding.toUpperCase(), line: d.bad.line };
  return { notes: [readerNote(textNotes, "info", "badBytes", data, { line: d.bad.line })] };
}
