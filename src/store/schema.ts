import type { Generated } from "kysely";
import type { FilingTables } from "./filing/schema.js";
import type { RegisterTables } from "./register/schema.js";

/**
 * The corpus schema, as Kysely sees it: one set of tables for SQLite and PostgreSQL (the
 * migrations in ./migrations create them). Booleans are integers 0/1 and timestamps ISO text,
 * so that both engines hold the same values and statistics SQL runs on either.
 */
export interface Database extends RegisterTables, FilingTables {
  blobs: BlobTable;
  originals: OriginalTable;
  agencies: AgencyTable;
  agency_aliases: AgencyAliasTable;
  reports: ReportTable;
  report_cells: ReportCellsTable;
  /** A view over `report_cells` (migration 007), one row per cell: for statistics in SQL. */
  cells: CellTable;
  findings: FindingTable;
  users: UserTable;
  sessions: SessionTable;
  decisions: DecisionTable;
  jobs: JobTable;
  job_items: JobItemTable;
  audit: AuditTable;
  stats_inputs: StatsInputTable;
}

/** An input file's bytes, by content: the same bytes are stored once. */
export interface BlobTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

/** What processing a stored file gave, and what produced it (the envelope without its reports). */
export interface OriginalTable {
  sha256: string;
  /** The file name it was first imported under. */
  name: string;
  format: string | null;
  /** `ok`: read (its reports are in `reports`); `failed`: could not be read, see error_*; `queued`: waiting for a worker. */
  status: "ok" | "failed" | "queued";
  error_code: string | null;
  error_message: string | null;
  report_count: number;
  nianbao_version: string;
  reader_version: string;
  rules_version: string;
  templates_version: string;
  /** Envelope timings, JSON. */
  timings: string | null;
  imported_at: string;
}

export interface AgencyTable {
  id: Generated<number>;
  /** Display name: the fullest name seen, or what the user chose. */
  name: string;
  /** 行政区划代码 (12 digits, or a prefix of one), from a regions CSV. */
  region_code: string | null;
  parent_id: number | null;
  /** 省级 / 市级 / 县级 / 乡级 or what the CSV says. */
  level: string | null;
  created_at: string;
}

/** Every way an agency's name has been written (whitespace removed), and whose it is. */
export interface AgencyAliasTable {
  key: string;
  /** The key without zone-office wording (src/model/agency.ts `agencyBase`). */
  base: string;
  agency_id: number;
  /** 1 when a user placed it (merge, split): automatic matching never moves it. */
  pinned: number;
}

export interface ReportTable {
  id: Generated<number>;
  sha256: string;
  /** Position in its file: a JSON array holds several reports. */
  idx: number;
  agency_id: number | null;
  /** The agency as written in the report, and its key. */
  agency_name: string | null;
  agency_key: string | null;
  year: number | null;
  template: string | null;
  title: string | null;
  format: string | null;
  file: string;
  /** The canonical report as the codec encodes it (report-json.md). */
  json: string;
  errors: number;
  warnings: number;
  infos: number;
  created_at: string;
}

/** A report's cells: `cells` is the JSON array of its rows (rows.ts `CellRow`). */
export interface ReportCellsTable {
  report_id: number;
  cells: string;
}

/** One row per cell of a report (the view over `report_cells`), for statistics in SQL. */
export interface CellTable {
  report_id: number;
  key: string;
  value: number | null;
  raw: string;
  inferred: number;
  kind: string | null;
}

export interface FindingTable {
  id: Generated<number>;
  report_id: number;
  rule: string;
  origin: string;
  severity: string;
  message_id: string;
  /** JSON of the message data and of the cell keys. */
  data: string;
  cells: string;
  /** The finding's own source position, JSON, when it has one. */
  source: string | null;
  formula: string | null;
  left_value: number | null;
  right_value: number | null;
  difference: number | null;
  /** Cross-year findings: the report of the year before they compare with. */
  previous_report_id: number | null;
  /** Where to look in the file: the finding's own place, or its first cell's. */
  page: number | null;
  line: number | null;
  /** Stable across re-checks (rule, message, cells): what decisions attach to. */
  fingerprint: string;
}

export interface UserTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  /** scrypt hash, `salt:hash` hex. */
  password_hash: string;
  /** `admin` 管理员, `reviewer` 审核人, `filer` 填报人. */
  role: string;
  created_at: string;
  /** 填报人: their own agency. */
  agency_id: number | null;
  /** 审核人: the root of the agency subtree they review. */
  scope_agency_id: number | null;
  disabled: Generated<number>;
  /** Set for a one-time password: the user must choose their own at the next login. */
  must_change_password: Generated<number>;
  /** Failed logins since `first_failed_at`; `locked_until` set when they reach the limit. */
  failed_logins: Generated<number>;
  first_failed_at: string | null;
  locked_until: string | null;
  last_login_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  /** Idle expiry: moved on while the session is used. */
  expires_at: string;
}

/** A reviewer's decision on a finding (by fingerprint, so it survives re-checks) or on a whole report (fingerprint ''). */
export interface DecisionTable {
  id: Generated<number>;
  report_id: number;
  fingerprint: string;
  /** Findings: `confirmed` | `dismissed`; the report (fingerprint ''): `approved` | `returned`. */
  verdict: string;
  note: string | null;
  user_id: number | null;
  created_at: string;
}

/** An upload: its files are read on the server's worker pool, each stored through the import path. */
export interface JobTable {
  id: string;
  user_id: number | null;
  /** `running` | `done` | `failed`. */
  state: string;
  total: number;
  done: number;
  created_at: string;
  updated_at: string;
}

export interface JobItemTable {
  job_id: string;
  idx: number;
  /** The name the client gave (a relative path for a folder): text only, never a path on disk. */
  name: string;
  /** `queued` | `reading` | `stored` | `duplicate` | `unreadable` | `refused`. */
  status: string;
  sha256: string | null;
  /** JSON array of report ids. */
  report_ids: string;
  error: string | null;
}

/** 操作日志: who did what, when. */
export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  login: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}

/**
 * The cells statistics read, per report, kept between runs (migration 006): `vals` is a JSON
 * array of values (null: not a number) in the order of the key list whose digest is `keys`;
 * valid while `stamp` equals the report's original's `imported_at`.
 */
export interface StatsInputTable {
  report_id: number;
  stamp: string;
  keys: string;
  vals: string;
}
