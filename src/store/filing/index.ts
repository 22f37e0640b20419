import type { Kysely } from "kysely";
import type { Draft } from "../../model/draft.js";
import type { Report } from "../../model/report.js";
import { agenciesMatching } from "../agencies.js";
import { agencyForRead, agencyForWrite, type AgencyRef } from "../agency-ref.js";
import { StoreError } from "../errors.js";
import type { Database } from "../schema.js";
import { agencyReport, draftIdOf, draftVersion, draftVersions, insertDraft, listDrafts, loadDraft, markSubmitted, reportIdOf, updateDraft, type DraftSummary, type DraftVersion, type StoredDraft } from "./drafts.js";

export type { StoredDraft, DraftSummary, DraftVersion } from "./drafts.js";
export { moveDrafts } from "./drafts.js";

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The filing form's drafts in the store (migration 004-filing): `store.filing.…`. One draft
 * per agency and year; every save is a new version, refused when it was not made on the
 * latest. What to put in a draft, checking and submitting are src/filing's.
 */
export class FilingStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly run: Run,
  ) {}

  /** The agency a clerk names for a draft: an existing one, or a new one by that name. */
  agency(ref: string): Promise<AgencyRef> {
    return this.run(() => this.db().transaction().execute((trx) => agencyForWrite(trx, ref)));
  }

  /** The agency's report of a year in the corpus (for last year's figures), or null. */
  report(agencyId: number, year: number): Promise<{ id: number; report: Report } | null> {
    return this.run(() => agencyReport(this.db(), agencyId, year));
  }

  /** Stores a new draft (version 1); an existing draft of that agency and year only with `replace`. */
  async create(agencyId: number, draft: Draft, opts: { by: string; replace?: boolean }): Promise<StoredDraft> {
    const id = await this.run(() =>
      this.db()
        .transaction()
        .execute(async (trx) => {
          const a = await agencyForRead(trx, String(agencyId));
          return insertDraft(trx, a.id, a.name, draft, opts.by, opts.replace === true);
        }),
    );
    return (await this.byId(id))!;
  }

  /** The draft of an agency (id or name) and year; null when it has none. */
  async get(agency: string, year: number): Promise<StoredDraft | null> {
    return this.run(async () => {
      const a = await agencyForRead(this.db(), agency);
      const id = await draftIdOf(this.db(), a.id, year);
      return id === null ? null : loadDraft(this.db(), id);
    });
  }

  byId(id: number): Promise<StoredDraft | null> {
    return this.run(() => loadDraft(this.db(), id));
  }

  /** Drafts, by agency and year: an agency (id, name or part of a name), a year, a status. */
  list(filter: { agency?: string; year?: number; status?: "draft" | "submitted" } = {}): Promise<DraftSummary[]> {
    return this.run(async () => {
      const agencies = filter.agency?.trim() ? await agenciesMatching(this.db(), filter.agency) : undefined;
      return listDrafts(this.db(), { agencies, year: filter.year, status: filter.status });
    });
  }

  /** Saves the draft as the next version; a StoreError `conflict` when `baseVersion` is not the latest. */
  async save(id: number, draft: Draft, opts: { by: string; baseVersion: number }): Promise<StoredDraft> {
    await this.run(() => this.db().transaction().execute((trx) => updateDraft(trx, id, draft, opts.by, opts.baseVersion)));
    return (await this.byId(id))!;
  }

  /** Records that version `baseVersion` was submitted as corpus report `reportId`. */
  async markSubmitted(id: number, opts: { baseVersion: number; reportId: number; by: string }): Promise<StoredDraft> {
    await this.run(() => this.db().transaction().execute((trx) => markSubmitted(trx, id, opts.baseVersion, opts.reportId, opts.by)));
    return (await this.byId(id))!;
  }

  versions(id: number): Promise<DraftVersion[]> {
    return this.run(() => draftVersions(this.db(), id));
  }

  /** One saved version, whole. */
  async version(id: number, version: number): Promise<Draft> {
    const d = await this.run(() => draftVersion(this.db(), id, version));
    if (!d) throw new StoreError("not-found", `草稿 ${id} 没有第 ${version} 版`);
    return d;
  }

  /** Deletes a draft and its versions (a report it was submitted as stays in the corpus). */
  async remove(id: number): Promise<void> {
    await this.run(() => this.db().deleteFrom("filing_drafts").where("id", "=", id).execute());
  }

  /** The corpus report stored from these bytes, if any. */
  reportIdOf(sha256: string): Promise<number | null> {
    return this.run(() => reportIdOf(this.db(), sha256));
  }
}
