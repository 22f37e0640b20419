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
  cells: CellTable;
  findings: FindingTable;
  users: UserTable;
  sessions: SessionTable;
  decisions: DecisionTable;
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

/** One row per cell of a report, for statistics in SQL. */
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
  /** `admin`, `reviewer`, `viewer`. */
  role: string;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is never stored. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** A reviewer's decision on a finding (by fingerprint, so it survives re-checks) or on a whole report (fingerprint ''). */
export interface DecisionTable {
  id: Generated<number>;
  report_id: number;
  fingerprint: string;
  /** `confirmed` | `dismissed` | `fixed` | `accepted` (report) | `returned` (report). */
  verdict: string;
  note: string | null;
  user_id: number | null;
  created_at: string;
}
