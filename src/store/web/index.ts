import type { Kysely } from "kysely";
import type { Finding } from "../../model/finding.js";
import type { Database } from "../schema.js";
import { addAudit, listAudit, type AuditInput } from "./audit.js";
import { createJob, finishJob, getJob, settleJobs, updateJobItem, type ItemUpdate } from "./jobs.js";
import {
  acrossYearFindings,
  agenciesInScope,
  failedFiles,
  agencyInScope,
  listReportRows,
  originalInfo,
  originalOfReport,
  previousYearReport,
  reportAgencies,
  reportHead,
  reportInScope,
  type FailedRow,
  type OriginalInfo,
  type ReportHead,
  type ReportPage,
  type ReportQuery,
  type ScopedAgency,
} from "./listing.js";
import { deleteDecision, findingDecisions, reportReview, setDecision, setReview } from "./review.js";
import { createSession, deleteSession, purgeSessions, sessionUser, IDLE_MS } from "./sessions.js";
import type { AuditEntry, Decision, Job, Review, ReviewState, Scope, Verdict, WebUser } from "./types.js";
import { authenticate, changePassword, countUsers, createUser, getUser, listUsers, updateUser, type LoginOutcome, type NewUser, type UserPatch } from "./users.js";

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * What the web server keeps in the store (migration 005-web): users and sessions, scopes over
 * the agencies tree, the report list as reviewers page through it, decisions and reviews,
 * upload jobs and the audit log. `store.web.…`; every failure a StoreError, as the rest of Store.
 */
export class WebStore {
  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly run: Run,
  ) {}

  // Users and sessions.
  createUser(u: NewUser): Promise<WebUser> {
    return this.run(() => createUser(this.db(), u));
  }
  updateUser(id: number, patch: UserPatch): Promise<WebUser> {
    return this.run(() => updateUser(this.db(), id, patch));
  }
  listUsers(): Promise<WebUser[]> {
    return this.run(() => listUsers(this.db()));
  }
  getUser(id: number): Promise<WebUser | null> {
    return this.run(() => getUser(this.db(), id));
  }
  countUsers(): Promise<number> {
    return this.run(() => countUsers(this.db()));
  }
  authenticate(login: string, password: string, at?: Date): Promise<LoginOutcome> {
    return this.run(() => authenticate(this.db(), login, password, at));
  }
  changePassword(userId: number, oldPassword: string, newPassword: string, keepSessionId: string | null): Promise<void> {
    return this.run(() => changePassword(this.db(), userId, oldPassword, newPassword, keepSessionId));
  }
  createSession(userId: number, idleMs = IDLE_MS, at?: Date): Promise<string> {
    return this.run(() => createSession(this.db(), userId, idleMs, at));
  }
  sessionUser(token: string, idleMs = IDLE_MS, at?: Date): Promise<{ user: WebUser; sessionId: string } | null> {
    return this.run(() => sessionUser(this.db(), token, idleMs, at));
  }
  deleteSession(token: string): Promise<void> {
    return this.run(() => deleteSession(this.db(), token));
  }
  purgeSessions(at?: Date): Promise<number> {
    return this.run(() => purgeSessions(this.db(), at));
  }

  // Reports as the web lists them, within a user's scope.
  listReports(scope: Scope, q: ReportQuery): Promise<ReportPage> {
    return this.run(() => listReportRows(this.db(), scope, q));
  }
  reportHead(id: number): Promise<ReportHead | null> {
    return this.run(() => reportHead(this.db(), id));
  }
  acrossYearFindings(id: number): Promise<Finding[]> {
    return this.run(() => acrossYearFindings(this.db(), id));
  }
  failedFiles(page: number, pageSize: number): Promise<{ total: number; items: FailedRow[] }> {
    return this.run(() => failedFiles(this.db(), page, pageSize));
  }
  reportInScope(scope: Scope, reportId: number): Promise<boolean> {
    return this.run(() => reportInScope(this.db(), scope, reportId));
  }
  agencyInScope(scope: Scope, agencyId: number): Promise<boolean> {
    return this.run(() => agencyInScope(this.db(), scope, agencyId));
  }
  agencies(scope: Scope): Promise<ScopedAgency[]> {
    return this.run(() => agenciesInScope(this.db(), scope));
  }
  previousYearReport(reportId: number): Promise<number | null> {
    return this.run(() => previousYearReport(this.db(), reportId));
  }
  original(sha256: string): Promise<OriginalInfo | null> {
    return this.run(() => originalInfo(this.db(), sha256));
  }
  originalOfReport(reportId: number): Promise<OriginalInfo | null> {
    return this.run(() => originalOfReport(this.db(), reportId));
  }
  reportAgencies(ids: number[]): Promise<Map<number, number | null>> {
    return this.run(() => reportAgencies(this.db(), ids));
  }

  // Decisions.
  findingDecisions(reportId: number): Promise<Map<string, Decision>> {
    return this.run(() => findingDecisions(this.db(), reportId));
  }
  setDecision(reportId: number, fingerprint: string, verdict: Verdict, note: string, userId: number): Promise<Decision> {
    return this.run(() => setDecision(this.db(), reportId, fingerprint, verdict, note, userId));
  }
  deleteDecision(reportId: number, fingerprint: string): Promise<boolean> {
    return this.run(() => deleteDecision(this.db(), reportId, fingerprint));
  }
  review(reportId: number): Promise<Review | null> {
    return this.run(() => reportReview(this.db(), reportId));
  }
  setReview(reportId: number, state: ReviewState, note: string, userId: number): Promise<Review> {
    return this.run(() => setReview(this.db(), reportId, state, note, userId));
  }

  // Upload jobs.
  createJob(id: string, userId: number | null, names: string[]): Promise<void> {
    return this.run(() => createJob(this.db(), id, userId, names));
  }
  updateJobItem(jobId: string, idx: number, u: ItemUpdate): Promise<void> {
    return this.run(() => updateJobItem(this.db(), jobId, idx, u));
  }
  finishJob(jobId: string, state: "done" | "failed", error?: string): Promise<void> {
    return this.run(() => finishJob(this.db(), jobId, state, error));
  }
  job(jobId: string): Promise<Job | null> {
    return this.run(() => getJob(this.db(), jobId));
  }
  settleJobs(keepDays?: number): Promise<number> {
    return this.run(() => settleJobs(this.db(), keepDays));
  }

  // 操作日志.
  audit(e: AuditInput): Promise<void> {
    return this.run(() => addAudit(this.db(), e));
  }
  auditLog(page: number, pageSize: number, filter?: { action?: string }): Promise<{ total: number; items: AuditEntry[] }> {
    return this.run(() => listAudit(this.db(), page, pageSize, filter));
  }
}

export type { AuditInput } from "./audit.js";
export type { ItemUpdate } from "./jobs.js";
export type { FailedRow, OriginalInfo, ReportHead, ReportFilter, ReportPage, ReportQuery, ReportRow, ReportStatus, ScopedAgency } from "./listing.js";
export type { LoginOutcome, NewUser, UserPatch } from "./users.js";
export { LOCK_AFTER, LOCK_MS, LOCK_WINDOW_MS } from "./users.js";
export { IDLE_MS, MAX_SESSION_MS } from "./sessions.js";
export { hashPassword, verifyPassword, passwordProblem, oneTimePassword } from "./password.js";
export * from "./types.js";
