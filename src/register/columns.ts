import { normLabel } from "../text/normalize.js";
import { CHANNELS } from "./model.js";

/**
 * The register as a spreadsheet: one column per field, Chinese headers. The XLSX and CSV
 * readers and writers all go through these definitions (sheet.ts turns rows into applications).
 */
export type CellValue = string | number | boolean | Date | null | undefined;

type FieldKind = "text" | "date" | "dates" | "int" | "choice";

export interface SheetColumn {
  field: SheetField;
  header: string;
  /** Other headers accepted on import. */
  variants?: string[];
  required?: boolean;
  kind: FieldKind;
  width: number;
  /** What to write, for the template's 填写说明 sheet. */
  note: string;
}

export type SheetField =
  | "id"
  | "received"
  | "channel"
  | "applicantType"
  | "applicant"
  | "request"
  | "correctionRequested"
  | "correctionReceived"
  | "extendedOn"
  | "extensionDays"
  | "consultStart"
  | "consultEnd"
  | "outcome"
  | "replied"
  | "reconsiderationFiled"
  | "reconsiderationResult"
  | "reconsiderationDecided"
  | "suitGroup"
  | "suitFiled"
  | "suitResult"
  | "suitDecided"
  | "note";

const receiptNote = CHANNELS.map((c) => `${c.label}：${c.receipt}`).join("；");

export const COLUMNS: readonly SheetColumn[] = [
  { field: "id", header: "登记编号", variants: ["编号", "申请编号", "登记号"], required: true, kind: "text", width: 14, note: "每条申请一个编号，不得重复" },
  {
    field: "received",
    header: "收到申请日期",
    variants: ["收到日期", "收到申请之日", "收到申请时间", "收到时间"],
    required: true,
    kind: "date",
    width: 14,
    note: `《政府信息公开条例》第三十一条规定的收到申请之日。${receiptNote}`,
  },
  { field: "channel", header: "提交方式", variants: ["申请方式", "提交渠道", "申请渠道", "收到方式"], required: true, kind: "choice", width: 10, note: "从下拉列表中选择" },
  { field: "applicantType", header: "申请人类型", variants: ["申请人情况", "申请人类别"], required: true, kind: "choice", width: 14, note: "表三的申请人列：自然人，或法人和其他组织的五类之一" },
  { field: "applicant", header: "申请人", variants: ["申请人姓名或名称", "申请人名称", "申请人姓名"], kind: "text", width: 14, note: "可不填；统计不使用" },
  { field: "request", header: "申请内容", variants: ["申请公开的内容", "申请事项", "申请公开的政府信息", "所需信息"], required: true, kind: "text", width: 40, note: "申请公开的政府信息的名称或描述" },
  { field: "correctionRequested", header: "补正告知日期", variants: ["告知补正日期"], kind: "date", width: 14, note: "第三十条：收到申请之日起 7 个工作日内一次性告知补正" },
  { field: "correctionReceived", header: "补正收到日期", variants: ["收到补正日期"], kind: "date", width: 14, note: "第三十条：答复期限自收到补正的申请之日起计算" },
  { field: "extendedOn", header: "延期告知日期", variants: ["延期日期", "延长答复告知日期"], kind: "date", width: 14, note: "第三十三条：经政府信息公开工作机构负责人同意并告知申请人的日期" },
  { field: "extensionDays", header: "延长工作日数", variants: ["延长天数", "延期工作日数"], kind: "int", width: 12, note: "1 至 20；延期了但不填时按 20 计算" },
  {
    field: "consultStart",
    header: "征求意见开始日期",
    variants: ["征求意见日期"],
    kind: "dates",
    width: 16,
    note: "征求第三方或其他机关意见的发函日期；多次征求意见时按顺序写多个日期，用“；”分隔",
  },
  { field: "consultEnd", header: "征求意见结束日期", variants: ["收到意见日期"], kind: "dates", width: 16, note: "收到意见的日期，与开始日期一一对应；尚未收到的不填" },
  { field: "outcome", header: "办理结果", variants: ["答复结果", "处理结果", "办理结果（表三）"], kind: "choice", width: 30, note: "表三的办理结果，按答复所在年度的报告格式；未答复的不填" },
  { field: "replied", header: "答复日期", variants: ["办结日期", "答复时间"], kind: "date", width: 14, note: "作出答复的日期；未答复的不填" },
  { field: "reconsiderationFiled", header: "行政复议申请日期", variants: ["复议申请日期"], kind: "date", width: 16, note: "申请人就本申请申请行政复议的日期；计入该年度表四" },
  { field: "reconsiderationResult", header: "行政复议结果", variants: ["复议结果"], kind: "choice", width: 12, note: "结果维持、结果纠正、其他结果、尚未审结" },
  { field: "reconsiderationDecided", header: "行政复议结案日期", variants: ["复议结案日期"], kind: "date", width: 16, note: "晚于当年 12 月 31 日的，在当年表四中计为尚未审结" },
  { field: "suitGroup", header: "行政诉讼类型", variants: ["诉讼类型"], kind: "choice", width: 16, note: "未经复议直接起诉或复议后起诉" },
  { field: "suitFiled", header: "起诉日期", variants: ["行政诉讼起诉日期"], kind: "date", width: 14, note: "计入该年度表四" },
  { field: "suitResult", header: "行政诉讼结果", variants: ["诉讼结果"], kind: "choice", width: 12, note: "结果维持、结果纠正、其他结果、尚未审结" },
  { field: "suitDecided", header: "行政诉讼结案日期", variants: ["诉讼结案日期"], kind: "date", width: 16, note: "晚于当年 12 月 31 日的，在当年表四中计为尚未审结" },
  { field: "note", header: "备注", kind: "text", width: 20, note: "" },
];

const byHeader = new Map<string, SheetColumn>();
for (const c of COLUMNS) for (const h of [c.header, ...(c.variants ?? [])]) byHeader.set(normLabel(h), c);

/** Where each field is in a header row (0-based), or null when this row is no register header. */
export function mapHeader(cells: readonly CellValue[]): { at: Map<SheetField, number>; missing: SheetColumn[] } | null {
  const at = new Map<SheetField, number>();
  cells.forEach((v, i) => {
    const c = typeof v === "string" ? byHeader.get(normLabel(v.replace(/[*＊]/g, ""))) : undefined;
    if (c && !at.has(c.field)) at.set(c.field, i);
  });
  // 登记编号 and two more of our headers: a lone 登记编号 in a note or a list of options is no header.
  if (!at.has("id") || at.size < 3) return null;
  return { at, missing: COLUMNS.filter((c) => c.required && !at.has(c.field)) };
}

