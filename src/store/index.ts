// The corpus store: originals by content, reports, cells, findings, agencies — SQLite or
// PostgreSQL behind one Kysely query layer. No SQL outside this folder.
export { Store, openStore } from "./store.js";
export { StoreError, isStoreError, type StoreErrorCode } from "./errors.js";
export { DEFAULT_DB, locate, describeLocation, type Engine, type StoreLocation } from "./engine.js";
export type { ConnectOptions } from "./connect.js";
export type { ImportOutcome, ImportOptions } from "./importer.js";
export type { CorpusFilter, Paging, ReportSummary, StoredReport, FindingEntry, CellEntry, OriginalSummary, CorpusCounts } from "./queries.js";
export type { AgencyInfo } from "./agencies.js";
export { parseRegions, type RegionRow } from "./regions.js";
export { JobQueue, QUEUES, type QueueName, type FileJob, type QueueOptions } from "./queue.js";
export { fingerprint } from "./rows.js";
export * from "./web/index.js";
export type { StatsScope, StatsRegion, StatsReportRow, RuleCount } from "./stats.js";
