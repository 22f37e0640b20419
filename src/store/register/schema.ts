/**
 * The 依申请公开 register in the store (migration 003-register): each agency's applications,
 * one row each with every field of src/register/model.ts, and a log of the register files
 * imported. Dates are ISO text (`2025-03-01`), as the register library keeps them.
 */
export interface RegisterTables {
  register_applications: RegisterApplicationTable;
  register_imports: RegisterImportTable;
}

export interface RegisterApplicationTable {
  agency_id: number;
  /** 登记编号: unique within the agency's register. */
  reg_id: string;
  /** Order in the register (the file's row order; merged-in rows after the rest). */
  seq: number;
  received: string;
  channel: string;
  applicant_type: string;
  applicant: string | null;
  request: string;
  correction_requested: string | null;
  correction_received: string | null;
  extended_on: string | null;
  extension_days: number | null;
  /** JSON array of `{ start, end? }`. */
  consultations: string;
  outcome: string | null;
  replied: string | null;
  /** JSON array of `{ group, filed, result, decided? }`. */
  reviews: string;
  note: string | null;
  /** The register file this row last came from, and when. */
  source_file: string;
  imported_at: string;
}

export interface RegisterImportTable {
  id: import("kysely").Generated<number>;
  agency_id: number;
  file: string;
  /** `replace`: the file is the whole register; `merge`: its rows replace those with the same 登记编号, others kept. */
  mode: string;
  /** Rows in the file; of them added (new 登记编号) and updated (existing). */
  rows: number;
  added: number;
  updated: number;
  /** Rows the agency's register had before a `replace` that the file no longer has. */
  removed: number;
  imported_at: string;
}
