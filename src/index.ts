// nianbao as a library: read any report into the canonical report, check it, format it.
export { readReports, readReportFile, DEFAULT_MAX_BYTES, type ReadReportOptions } from "./read.js";
export { readDocument, detect, READERS, registerReader } from "./readers/index.js";
export type { Reader, ReadOptions } from "./readers/types.js";
export { extractReport } from "./extract/index.js";
export { checkReport, checkReports } from "./check.js";
export { RULES } from "./rules/index.js";
export type { Rule, RuleMeta } from "./rules/types.js";
export { TEMPLATES, F2019, F2021, templateById, templateForYear, cellDefs, cellName } from "./templates/index.js";
export type * from "./templates/types.js";
export type * from "./model/document.js";
export type * from "./model/report.js";
export type * from "./model/finding.js";
export type * from "./model/source.js";
export { ReadError, isReadError } from "./model/errors.js";
export { reportToJson } from "./report/json.js";
export { reportToText, batchSummary } from "./report/text.js";
