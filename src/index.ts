// nianbao as a library: read any report into the canonical report, check it, format it.
export { readReports, readReportFile, readInput, DEFAULT_MAX_BYTES, type ReadReportOptions, type ReadOutcome } from "./read.js";
export {
  processInput,
  processMany,
  CrossYearStream,
  envelopeError,
  versions,
  type Envelope,
  type EnvelopeError,
  type Timings,
  type Input,
  type ProcessOptions,
  type ManyOptions,
  type CrossYearOptions,
  type LateFindings,
  type Versions,
} from "./pipeline/index.js";
export { readDocument, detect, READERS, registerReader, readerById } from "./readers/index.js";
export type { Reader, DocumentReader, ReportReader, ReadOptions } from "./readers/types.js";
export { extractReport } from "./extract/index.js";
export { checkReport, checkReports, checkAcrossYears, runRules, runYearRules, readingFindings, yearSummary, YearBook } from "./check.js";
export { RULES } from "./rules/index.js";
export type { Rule, RuleMeta } from "./rules/types.js";
export { TEMPLATES, F2019, F2021, templateById, templateForYear, cellDefs, cellName } from "./templates/index.js";
export type * from "./templates/types.js";
export type * from "./model/document.js";
export type * from "./model/report.js";
export type * from "./model/finding.js";
export type * from "./model/source.js";
export { ReadError, isReadError } from "./model/errors.js";
export { encodeReport, decodeReport, decodeReports, type ReportJson, type FindingJson } from "./model/report-json.js";
export { reportToJson } from "./report/json.js";
export { findingMessage, findingMeta, FINDING_METAS } from "./report/messages.js";
export { reportToText, batchSummary } from "./report/text.js";
export { render, OUTPUTS, layoutReport, fontconfigXml, type OutputFormat, type RenderOptions, type RenderProfile } from "./render/index.js";
export { VERSION } from "./version.js";
export { compareReports, compareTexts, DEFAULT_THRESHOLD, DEFAULT_MIN_WORDS, type CompareOptions, type TextLimits } from "./compare/index.js";
export type * from "./compare/types.js";
export { comparisonToText, type ComparisonTextOptions } from "./report/compare-text.js";
export { agencyKey as agencyNameKey, agencyBase, groupAgencyNames } from "./model/agency.js";
// The corpus: a store (SQLite or PostgreSQL), batch import, the queue, exports.
export { openStore, Store, StoreError, isStoreError, JobQueue, QUEUES, DEFAULT_DB, parseRegions } from "./store/index.js";
export type { CorpusFilter, Paging, ReportSummary, StoredReport, FindingEntry, CellEntry, OriginalSummary, CorpusCounts, AgencyInfo, ImportOutcome, ConnectOptions, QueueOptions, FileJob } from "./store/index.js";
export { importFiles, rereadStored, rereadOne, enqueueFiles, runWorker, type FileEvent, type BatchOptions, type WorkerOptions } from "./store/batch.js";
export { exportProblems, exportWide, exportLong, cellLabels } from "./export/index.js";
// Statistics of a region over years (docs/stats.md): what `nianbao stats` and the dashboard show.
export { regionStats, figureReports, statsText, statsDoc, FIGURES, MINIMUM } from "./stats/index.js";
export type { StatsQuery, RegionStats, FigureValue, FigureInfo, Ranking, RankEntry, Problem, FigureReports, FigureDef } from "./stats/index.js";
// The filing form: drafts pre-filled from last year and the register, checked live, submitted into the corpus.
export { createDraft, setCells, setSection, pasteBlock, checkDraft, draftReport, draftForm, draftDocument, guidanceFor, newDraft, getDraft, saveDraft, submitDraft, FilingError, isFilingError } from "./filing/index.js";
export type { Draft, DraftCheck, DraftForm, PasteResult, Clipboard, CellUpdate, StoredDraft, SubmitOutcome } from "./filing/index.js";
