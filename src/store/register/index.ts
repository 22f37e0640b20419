import type { Kysely } from "kysely";
import type { WorkCalendar } from "../../register/calendar.js";
import { dueReport, type DueReport } from "../../register/deadline.js";
import { importRegister, type ImportError } from "../../register/import.js";
import type { Application } from "../../register/model.js";
import { computeTables, type ComputedTables } from "../../register/tables.js";
import { registerProblems } from "../../register/validate.js";
import { agenciesMatching } from "../agencies.js";
import { agencyForRead, agencyForWrite, type AgencyRef } from "../agency-ref.js";
import type { Engine } from "../engine.js";
import type { Database } from "../schema.js";
import { agencyApplications, listApplications, registerSummaries, type ApplicationFilter, type RegisterSummary, type StoredApplication } from "./queries.js";
import { writeApplications, type RegisterImportMode, type RegisterWriteResult } from "./write.js";

export type { RegisterImportMode, RegisterWriteResult } from "./write.js";
export type { StoredApplication, RegisterSummary } from "./queries.js";
export { moveRegister } from "./write.js";

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

export type RegisterImportOutcome =
  | ({ ok: true; agency: AgencyRef; format: "xlsx" | "csv" | "data" } & RegisterWriteResult)
  /** Nothing was written: every problem of every row, in Chinese, as the register library says them. */
  | { ok: false; errors: ImportError[] };

export interface RegisterListFilter extends Omit<ApplicationFilter, "agencies"> {
  /** An agency: its id, one of its names, or part of a name. */
  agency?: string;
}

export interface StoredTables extends ComputedTables {
  agencyId: number;
  agency: string;
  /** Applications in the register received by the end of the year (those the tables are counted from). */
  counted: number;
}

export interface AgencyDue {
  agencyId: number;
  agency: string;
  report: DueReport;
}

/**
 * The 依申请公开 register in the store (migration 003-register): `store.register.…`. Every
 * register belongs to one agency; 登记编号 are unique within it. Imports are all or nothing.
 */
export class RegisterStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly engine: () => Engine,
    private readonly run: Run,
  ) {}

  /**
   * Reads a register file (XLSX or CSV) and stores it as the agency's register, in one
   * transaction: any bad row and nothing is written. `replace` (default) makes the register
   * exactly the file; `merge` replaces rows by 登记编号 and keeps the others.
   */
  async importFile(agency: string, bytes: Uint8Array, file: string, opts: { mode?: RegisterImportMode } = {}): Promise<RegisterImportOutcome> {
    const parsed = await importRegister(bytes, file);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    return this.write(agency, parsed.applications, file, opts.mode ?? "replace", parsed.format);
  }

  /** Stores applications given as data (checked as the importer checks a file's rows). */
  async importApplications(agency: string, apps: readonly Application[], file: string, opts: { mode?: RegisterImportMode } = {}): Promise<RegisterImportOutcome> {
    const problems = registerProblems(apps);
    if (problems.length) return { ok: false, errors: problems.map((p) => ({ message: `登记编号 ${p.id}：${p.message}` })) };
    return this.write(agency, apps, file, opts.mode ?? "replace", "data");
  }

  private write(agency: string, apps: readonly Application[], file: string, mode: RegisterImportMode, format: "xlsx" | "csv" | "data"): Promise<RegisterImportOutcome> {
    return this.run(() =>
      this.db()
        .transaction()
        .execute(async (trx) => {
          const a = await agencyForWrite(trx, agency);
          const written = await writeApplications(trx, this.engine(), a.id, apps, file, mode);
          return { ok: true as const, agency: a, format, ...written };
        }),
    );
  }

  /** A page of stored applications, by agency and register order. */
  async list(filter: RegisterListFilter = {}, paging: { limit?: number; offset?: number } = {}): Promise<{ total: number; items: StoredApplication[] }> {
    return this.run(async () => {
      const { agency, ...rest } = filter;
      const agencies = agency?.trim() ? await agenciesMatching(this.db(), agency) : undefined;
      return listApplications(this.db(), { ...rest, agencies }, paging);
    });
  }

  /** An agency's applications in register order (received by `upTo`, when given). */
  async applications(agency: string, upTo?: string): Promise<{ agency: AgencyRef; applications: Application[] }> {
    return this.run(async () => {
      const a = await agencyForRead(this.db(), agency);
      return { agency: a, applications: await agencyApplications(this.db(), a.id, upTo) };
    });
  }

  /** Tables 3 and 4 of a year counted from the agency's stored register, with the 登记编号 behind each cell. */
  async tables(agency: string, year: number): Promise<StoredTables> {
    const { agency: a, applications } = await this.applications(agency, `${year}-12-31`);
    const t = computeTables(applications, year, undefined, { agency: a.name });
    return { ...t, agencyId: a.id, agency: a.name, counted: applications.length };
  }

  /** Deadlines as of `today`, per agency (one agency, or every agency with a register). */
  async due(opts: { agency?: string; today: string; within?: number; calendar: WorkCalendar }): Promise<AgencyDue[]> {
    const agencies = await this.run(async () => (opts.agency ? [await agencyForRead(this.db(), opts.agency)] : (await registerSummaries(this.db())).map((s) => ({ id: s.agencyId, name: s.agency, created: false }))));
    const out: AgencyDue[] = [];
    for (const a of agencies) {
      const apps = await this.run(() => agencyApplications(this.db(), a.id, opts.today));
      out.push({ agencyId: a.id, agency: a.name, report: dueReport(apps, { today: opts.today, within: opts.within, calendar: opts.calendar }) });
    }
    return out;
  }

  /** Agencies with a register: how many applications, how many open, the span, the last import. */
  async summaries(agency?: string): Promise<RegisterSummary[]> {
    return this.run(async () => registerSummaries(this.db(), agency ? [(await agencyForRead(this.db(), agency)).id] : undefined));
  }
}
