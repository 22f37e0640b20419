import { said, type Finding, type FindingMeta, type MessageData, type Severity } from "../model/finding.js";
import type { SourcePos } from "../model/source.js";

/**
 * What the extractor tells the user while mapping a document onto the template: cells the
 * source lost, digits run together, rows it could not place, a mixed layout. Each kind is a
 * meta with its messages, as the rules are; docs/rules.md lists them too.
 */
export const lostCells: FindingMeta = {
  id: "lost-cells",
  severity: "warning",
  title: "原文丢失了单元格",
  description:
    "一行的数字比法定列数少（转换为文本或网页时丢失了单元格边界或空白单元格）。按勾稽关系只有一种读法时补全并标为推定值；有几种读法或缺得太多时留空并说明原因。",
  messages: {
    tooMany: "{table}“{row}”一行只读到 {got} 个数，应有 {want} 个；缺得太多，无法推定，整行留空",
    resolved: "{table}有 {n} 行的数字比法定列数少（原文转换时丢失了单元格）；按勾稽关系每行只有一种读法，已补全并标为推定值：{rows}{more}",
    inferred: "{table}“{row}”一行只读到 {got} 个数，应有 {want} 个（原文丢失了单元格）；已按勾稽关系推定 {inferred}",
    undecided: "{table}“{row}”一行只读到 {got} 个数，应有 {want} 个（原文丢失了单元格）；无法确定 {undecided}，留空",
    inferredAndUndecided: "{table}“{row}”一行只读到 {got} 个数，应有 {want} 个（原文丢失了单元格）；已按勾稽关系推定 {inferred}；无法确定 {undecided}，留空",
    reviewHeaderOnly: "表四（行政复议、行政诉讼）只有表头，没有读到数据行：原文的数字可能在转换中丢失，或全部留空",
  },
};

export const extraCells: FindingMeta = {
  id: "extra-cells",
  severity: "warning",
  title: "一行的值多于法定列数",
  description: "一行读到的值比法定列数多，按顺序取前面的值，多出的不计入。常见于表格中多了备注列或合计列。",
  messages: {
    extra: "{table}“{row}”一行有 {count} 个值，多于法定的 {want} 列；已按顺序取前 {want} 个，多出的“{extra}”未计入",
  },
};

export const digitRun: FindingMeta = {
  id: "digit-run",
  severity: "warning",
  title: "数字连在一起",
  description:
    "复制或转换时单元格之间的分隔丢失，一行的数字连成一串（如 2100000 21）。按勾稽关系只有一种拆法时采用（提示）；有几种拆法、没有拆法符合，或本表的空白单元格已在转换中消失时，整行留空并说明。",
  messages: {
    decided: "{table}“{row}”的数字连在一起（{digits}），按勾稽关系只有一种拆法：{values}",
    undecided: "{table}“{row}”的数字连在一起（{digits}），有 {n} 种拆法都符合勾稽关系，无法确定：{alternatives}",
    tooMany: "{table}“{row}”的数字连在一起（{digits}），可能的拆法太多，无法确定，整行留空",
    unsafe: "{table}“{row}”的数字连在一起（{digits}）；本表有的行数字比列数还少，说明原文的空白单元格在转换中消失了，连写的数字无法可靠拆分，整行留空",
    unfit: "{table}“{row}”的数字连在一起（{digits}），没有一种拆法符合本行的勾稽关系（原文可能有空白单元格或错误的数字），无法确定，整行留空",
  },
};

export const templateMixed: FindingMeta = {
  id: "template-mixed",
  severity: "warning",
  title: "表格混用了两版格式",
  description: "表二与表三用的不是同一版法定格式（常见：表二已是 2021 年版，表三仍是 2019 年版的单行“（六）其他处理”）。报告有的行保留原键名，缺的行不补。",
  messages: {
    old2019Requests: "表格混用了两版格式：表二是 2021 年版，表三却仍是 2019 年版的单行“（六）其他处理”，缺少 2021 年版的三个子项",
    mixed: "表格混用了两版格式：表二按 {active} 年版，表三按 {requests} 年版",
  },
};

export const localSubrows: FindingMeta = {
  id: "local-subrows",
  severity: "info",
  title: "表二有本地增设的子行",
  description: "有的地方在法定行下增设子行（如“其他对外管理服务事项”下的行政检查、行政确认），相加后填入法定单元格，并保留各子行。",
  messages: { summed: "表二“{row}”下有本地增设的子行（{parts}），已把它们相加填入法定单元格" },
};

export const templateUnknown: FindingMeta = {
  id: "template-unknown",
  severity: "info",
  title: "按年度推定格式",
  description: "表格中没有能区分 2019 年版和 2021 年版的行或列，按报告年度推定所用格式。",
  messages: { byYear: "表格中没有能区分两版格式的标志，按报告年度推定为 {template} 年版格式" },
};

export const tooManyRows: FindingMeta = {
  id: "too-many-rows",
  severity: "warning",
  title: "表格行数过多",
  description: "表格行数超过上限时只读取前面部分：这样的文件很可能不是年度报告，或是恶意构造的。",
  messages: { tooMany: "表格行数超过 {max} 行，只读取了前 {max} 行：这份文件可能不是一份年度报告" },
};

export const unlabeledRow: FindingMeta = {
  id: "unlabeled-row",
  severity: "warning",
  title: "一行数字没有行标题",
  description: "表格中有一行数字没有行标题，无法对应到法定行；数字保留在报告的“多出的行”中，不计入任何单元格。",
  messages: { unlabeled: "{table}中有一行数字没有行标题，无法对应到法定行：{values}" },
};

export const unknownRow: FindingMeta = {
  id: "unknown-row",
  severity: "warning",
  title: "表格中有法定格式以外的行",
  description: "行标题与法定格式的任何一行都对不上；该行保留在报告的“多出的行”中，不计入任何单元格。",
  messages: { unknown: "{table}中的行“{label}”不是法定格式中的行，已保留但未计入任何单元格" },
};

export const duplicateRow: FindingMeta = {
  id: "duplicate-row",
  severity: "warning",
  title: "同一法定行出现多次",
  description: "同一法定行在表格中出现了不止一次（常见于跨页重复的表体或复制错误），采用第一次出现的数字。",
  messages: { repeated: "{table}中“{row}”出现了 {n} 次；采用第一次出现的数字" },
};

export const lowConfidence: FindingMeta = {
  id: "low-confidence",
  severity: "warning",
  title: "识别把握不大的单元格",
  description:
    "从扫描图像识别的单元格，几次识别结果不一致或置信度低。读出的数与所在行列的勾稽关系全部相符时可以采信（提示）；否则请对照原件核对（警告）。读出的值不会被改动。",
  messages: {
    doubt: "{table}有 {n} 个单元格是从扫描图像识别的，识别把握不大，请对照原件核对：{cells}",
    confirmed: "{table}有 {n} 个单元格识别把握不大，但读出的数与所在行列的勾稽关系全部相符，可以采信：{cells}",
  },
};

export const tablesUnread: FindingMeta = {
  id: "tables-unread",
  severity: "error",
  title: "三张表格都没有读出",
  description:
    "报告有正文，但法定的三张表格（主动公开、依申请公开、行政复议和行政诉讼）一个单元格也没有读出：表格可能是图片、放在附件里、排版无法识别，或报告根本没有附表。勾稽关系无法检查，这份报告不能算作检查通过，需要对照原件核对。",
  messages: {
    none: "三张法定表格一个单元格也没有读出（表格可能是图片或附件，或排版无法识别）：勾稽关系无法检查，请对照原件核对",
  },
};

/** Every kind of finding the extractor raises, for the message catalogue and docs/rules.md. */
export const EXTRACT_NOTICES: readonly FindingMeta[] = [
  tablesUnread,
  lostCells,
  extraCells,
  digitRun,
  templateMixed,
  localSubrows,
  templateUnknown,
  tooManyRows,
  unlabeledRow,
  unknownRow,
  duplicateRow,
  lowConfidence,
];

/** A finding of origin `extract`. */
export function notice(meta: FindingMeta, severity: Severity, messageId: string, data: MessageData, cells: string[], source?: SourcePos): Finding {
  // Built field by field, not spread: a crawled report raises a finding for every split row.
  const message = said(meta, messageId, data);
  const f: Finding = { rule: meta.id, origin: "extract", severity, messageId: message.messageId, data: message.data, cells };
  if (source) f.source = source;
  return f;
}

/** `表二`, `表三`, `表四` for a table id. */
export function shortTableName(table: string): string {
  return table === "active" ? "表二" : table === "requests" ? "表三" : "表四";
}
