import { createHash } from "node:crypto";
import type { Draft } from "../model/draft.js";
import type { Envelope } from "../pipeline/envelope.js";
import { versions } from "../pipeline/versions.js";
import type { StoredDraft } from "../store/filing/index.js";
import type { Store } from "../store/store.js";
import { checkDraft, type DraftCheck } from "./check.js";
import { draftDocument, draftFileName } from "./document.js";
import { FilingError } from "./errors.js";
import { createDraft } from "./prefill.js";

// The filing form's operations on the store: what the CLI and the web server call. The draft
// itself (pre-fill, editing, checking, the document) is the pure library beside this.

export interface NewDraftOptions {
  agency: string;
  year: number;
  /** Who is filling it in (a login, or the CLI's user). */
  by: string;
  /** Tables 3 and 4: from the agency's register when it has one (default), or typed. */
  tables?: "register" | "typed";
  /** Replace an existing draft of that agency and year. */
  replace?: boolean;
}

/**
 * A new draft for an agency and year, pre-filled from last year's report in the corpus and
 * from the agency's register, stored as version 1. `agencyCreated`: the store had no agency
 * by that name (nor one the naming rule joins it to), and made one.
 */
export async function newDraft(store: Store, o: NewDraftOptions): Promise<StoredDraft & { agencyCreated: boolean }> {
  const agency = await store.filing.agency(o.agency);
  const previous = await store.filing.report(agency.id, o.year - 1);
  let register: { cells: Record<string, number>; applications: number } | null = null;
  if (o.tables !== "typed") {
    const [summary] = await store.register.summaries(String(agency.id));
    if (summary && summary.applications > 0) {
      const t = await store.register.tables(String(agency.id), o.year);
      register = { cells: t.cells, applications: t.counted };
    }
  }
  const draft = createDraft({ agency: agency.name, year: o.year, previous, register });
  return { ...(await store.filing.create(agency.id, draft, { by: o.by, replace: o.replace })), agencyCreated: agency.created };
}

/** The draft of an agency and year; a FilingError when there is none. */
export async function getDraft(store: Store, agency: string, year: number): Promise<StoredDraft> {
  const d = await store.filing.get(agency, year);
  if (!d) throw new FilingError("not-found", `${agency} 还没有 ${year} 年度的草稿（用 nianbao filing new 新建）`);
  return d;
}

/** Saves edits made on `baseVersion` as the next version. */
export function saveDraft(store: Store, id: number, draft: Draft, by: string, baseVersion: number): Promise<StoredDraft> {
  return store.filing.save(id, draft, { by, baseVersion });
}

export type SubmitOutcome =
  | { ok: true; reportId: number; sha256: string; file: string; check: DraftCheck; draft: StoredDraft }
  /** Refused: error findings remain; nothing was stored. */
  | { ok: false; check: DraftCheck };

/**
 * Submits a draft into the corpus — refused while an error finding remains. The draft's
 * report goes in through the store's own import of an envelope (cells, findings, agency,
 * cross-year findings, in one transaction), with the statutory DOCX of the draft as its
 * original file: the document the agency publishes, so the corpus keeps, for this report as
 * for every other, the file it stands for; `nianbao reread` reads it back to the same cells.
 * Submitting the same version again stores nothing new (the same bytes) and marks the draft.
 */
export async function submitDraft(store: Store, id: number, by: string): Promise<SubmitOutcome> {
  const sd = await store.filing.byId(id);
  if (!sd) throw new FilingError("not-found", `没有编号为 ${id} 的草稿`);
  const t0 = performance.now();
  const check = checkDraft(sd.draft);
  const checkMs = performance.now() - t0;
  if (!check.canSubmit) return { ok: false, check };
  const bytes = draftDocument(sd.draft, "docx");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const file = draftFileName(sd.draft, "docx");
  const env: Envelope = {
    file,
    sha256,
    size: bytes.length,
    format: "docx",
    versions: versions("filing"),
    timings: { loadMs: 0, readMs: 0, extractMs: 0, checkMs, totalMs: checkMs },
    reports: [{ ...check.report, meta: { ...check.report.meta, file } }],
  };
  const outcome = await store.importEnvelope(env, bytes);
  const reportId = outcome.reports[0] ?? (await store.filing.reportIdOf(sha256));
  if (reportId === null || reportId === undefined) throw new FilingError("invalid", `提交失败：报告库中没有找到 ${file} 对应的报告`);
  const draft = await store.filing.markSubmitted(sd.id, { baseVersion: sd.version, reportId, by });
  return { ok: true, reportId, sha256, file, check, draft };
}
