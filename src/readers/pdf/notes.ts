import type { FindingMeta } from "../../model/finding.js";

/** What the PDF reader tells the user about pages it could not read as they are. */
export const pdfNotes: FindingMeta = {
  id: "reader-pdf",
  severity: "warning",
  title: "PDF 读取提示",
  description: "PDF 文件被截断、页数超过上限、个别页面损坏、文字层无法解码，或扫描页无法做文字识别时给出提示：读到的内容可能不全。",
  messages: {
    truncated: "PDF 文件不完整（缺少文件结尾标记），可能在下载或复制时被截断；读到的内容可能缺页",
    pageLimit: "PDF 共 {total} 页，超过上限，只读取了前 {count} 页（年度报告通常只有几页到几十页）",
    pagesDamaged: "第 {pages} 页已损坏，无法解析，已跳过",
    garbled: "第 {pages} 页的文字层无法解码（字体缺少 Unicode 字符映射），按没有文字层的页处理",
    ocrFailed: "第 {pages} 页没有文字层（可能是扫描件），文字识别组件加载失败（{reason}），这些页未能读取",
  },
};
