import type { FindingMeta } from "../../model/finding.js";

/** What the DOCX reader tells the user about content it could not take as is. */
export const docxNotes: FindingMeta = {
  id: "reader-docx",
  severity: "warning",
  title: "Word 文件读取提示",
  description: "Word 文件中有嵌入的其他格式内容（altChunk）或尚未接受的修订时给出提示：前者可能缺内容，后者按“接受全部修订”读取，不同软件显示的内容可能不同。",
  messages: {
    altChunkSkipped: "文件中有 {n} 处嵌入的其他格式内容（altChunk）未能读取，报告内容可能不全",
    revisions: "文件中有尚未接受的修订（插入 {inserted} 处，删除 {deleted} 处），已按“接受全部修订”读取；不同软件显示的内容可能不同，请核对",
    tableTooLarge: "文件中有表格超过 {rows} 行，只读取了每张表的前 {rows} 行（共略去 {dropped} 行）：这份文件可能不是一份年度报告",
    embeddedNotHtml: "文件中嵌入的“{part}”不是网页格式，未能读取，报告内容可能不全",
  },
};
