// The 依申请公开 register (台账): applications, their statutory deadlines on the Chinese
// working-day calendar, tables 3 and 4 counted from them, and the register as XLSX or CSV.
export type { Application, Consultation, Review, ChannelKey, ChannelDef } from "./model.js";
export { CHANNELS, channelByKey } from "./model.js";
export type { IsoDate } from "./dates.js";
export { parseDateText, isIsoDate } from "./dates.js";
export { WorkCalendar, defaultCalendar, chineseDaysYears, parseCalendarFile, loadCalendarFiles, loadCalendar, PACKAGE_CALENDAR_DIR, type CalendarYear } from "./calendar.js";
export {
  deadlineOf,
  dueReport,
  overdue,
  dueWithin,
  workingDaysBetween,
  REPLY_WORKING_DAYS,
  MAX_EXTENSION_DAYS,
  type Deadline,
  type DueItem,
  type DueReport,
  type LateReply,
} from "./deadline.js";
export { computeTables, type ComputedTables } from "./tables.js";
export { applicationProblems, registerProblems } from "./validate.js";
export { applicantChoices, outcomeChoices, reviewGroupChoices, reviewResultChoices, channelChoices, type Choice } from "./choices.js";
export { importRegister, importRegisterFile, MAX_REGISTER_BYTES, type ImportResult, type ImportError } from "./import.js";
export { exportRegisterXlsx, registerTemplateXlsx, SHEET_NAME } from "./xlsx.js";
export { exportRegisterCsv } from "./csv.js";
export { COLUMNS } from "./columns.js";
export { tablesText, dueText, summaryText, checkLine } from "./text.js";
export { RegisterError, isRegisterError } from "./errors.js";
