import type { FindingMeta } from "../../model/finding.js";

/** What the OCR stage tells the user about pages recognised from images. */
export const ocrNotes: FindingMeta = {
  id: "reader-ocr",
  severity: "warning",
  title: "文字识别（OCR）提示",
  description:
    "扫描件和图片用文字识别读取。识别把握不大的单元格另有“low-confidence”发现逐格列出；这里说明整页的情况：空白页、歪斜后摆正、页数超过识别上限。",
  messages: {
    scanned: "{pages}是扫描图像，没有文字层，已用文字识别（OCR）读取；识别把握不大的单元格会单独列出",
    image: "这是一张{kind}图片，已用文字识别（OCR）读取；识别把握不大的单元格会单独列出",
    blankPage: "第 {page} 页是空白页",
    deskewed: "第 {page} 页扫描时歪斜约 {angle} 度，已先摆正再识别",
    lowConfidence: "第 {page} 页有 {n} 个表格单元格识别把握不大（几次识别结果不一致或置信度低）",
    tooManyPages: "扫描页太多：只识别了前 {max} 页，第 {from} 页起未读取",
  },
};
