/** The two engines behind the one query layer. */
export type Engine = "sqlite" | "postgres";

/** Where the store is: a PostgreSQL URL, or a SQLite file (default `./nianbao.db`). */
export interface StoreLocation {
  engine: Engine;
  /** File path for SQLite, the URL for PostgreSQL. */
  target: string;
}

export const DEFAULT_DB = "nianbao.db";

export function locate(url: string | undefined): StoreLocation {
  const u = url?.trim() || DEFAULT_DB;
  if (/^postgres(ql)?:\/\//i.test(u)) return { engine: "postgres", target: u };
  return { engine: "sqlite", target: u.replace(/^sqlite:(\/\/)?/i, "") };
}

/** The location for messages: a PostgreSQL URL without its password. */
export function describeLocation(loc: StoreLocation): string {
  if (loc.engine === "sqlite") return loc.target;
  try {
    const u = new URL(loc.target);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "PostgreSQL";
  }
}
