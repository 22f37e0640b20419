import type { FindingMeta } from "../../model/finding.js";

/** What the HTML reader tells the user about a page it could read only in part. */
export const htmlNotes: FindingMeta = {
  id: "reader-html",
  severity: "warning",
  title: "网页读取提示",
  description: "网页中的表格过大或过多时，只读取前面部分，以免恶意或损坏的网页耗尽内存；报告内容可能不全。",
  messages: {
    tableTooLarge: "网页中有一张表格过大（超过 {rows} 行或每行 {cells} 格），只读取了前面部分",
    tooManyTables: "网页中的表格过多过大，已略去其余表格",
  },
};
