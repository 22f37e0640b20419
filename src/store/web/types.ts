/** The web's view of the store: users, scopes, jobs, decisions, the audit log. */

export type Role = "admin" | "reviewer" | "filer";
export const ROLES: readonly Role[] = ["admin", "reviewer", "filer"];
export const ROLE_NAME: Record<Role, string> = { admin: "管理员", reviewer: "审核人", filer: "填报人" };

export interface WebUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  agencyId: number | null;
  scopeAgencyId: number | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/**
 * Which reports a user may see: every one (管理员); the agencies under a root agency, itself
 * included (审核人: the agencies' parent tree); one agency (填报人); or none (a user whose
 * agency is not set yet).
 */
export type Scope = { kind: "all" } | { kind: "subtree"; root: number } | { kind: "agency"; id: number } | { kind: "none" };

export function scopeOf(u: Pick<WebUser, "role" | "agencyId" | "scopeAgencyId">): Scope {
  if (u.role === "admin") return { kind: "all" };
  if (u.role === "reviewer") return u.scopeAgencyId === null ? { kind: "none" } : { kind: "subtree", root: u.scopeAgencyId };
  return u.agencyId === null ? { kind: "none" } : { kind: "agency", id: u.agencyId };
}

export type Verdict = "confirmed" | "dismissed";
export type ReviewState = "approved" | "returned";

export interface Decision {
  verdict: Verdict;
  note: string;
  user: string | null;
  at: string;
}

export interface Review {
  state: ReviewState;
  note: string;
  user: string | null;
  at: string;
}

export type ItemStatus = "queued" | "reading" | "stored" | "duplicate" | "unreadable" | "refused";

export interface JobItem {
  name: string;
  status: ItemStatus;
  reportIds: number[];
  error?: string;
}

export interface Job {
  id: string;
  userId: number | null;
  state: "running" | "done" | "failed";
  total: number;
  done: number;
  createdAt: string;
  items: JobItem[];
}

export interface AuditEntry {
  at: string;
  user: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}
