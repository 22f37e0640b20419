/** Why the store could not do what was asked; the message is Chinese and meant for the user as is. */
export type StoreErrorCode =
  | "corrupt"
  | "readonly"
  | "full"
  | "unreachable"
  | "lost"
  | "busy"
  | "denied"
  | "missing"
  | "not-found"
  | "invalid"
  /** Someone else changed it since it was read (a draft saved meanwhile), or it exists already. */
  | "conflict"
  | "internal";

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StoreError";
    this.code = code;
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

const PG_DOWN = new Set(["ECONNREFUSED", "ENOENT", "EHOSTUNREACH", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "57P03"]);
const PG_LOST = new Set(["ECONNRESET", "EPIPE", "57P01", "57P02", "08006", "08003", "08000", "08001"]);

/**
 * A driver's error as a StoreError naming the database: SQLite's result codes and
 * PostgreSQL's SQLSTATEs and socket errors, each with what to do about it.
 */
export function storeError(e: unknown, where: string): StoreError {
  if (isStoreError(e)) return e;
  const err = e as { code?: string; message?: string };
  const code = String(err?.code ?? "");
  const msg = String(err?.message ?? e);
  const make = (c: StoreErrorCode, text: string) => new StoreError(c, `数据库 ${where}：${text}`, { cause: e });
  if (code === "SQLITE_CORRUPT" || code.startsWith("SQLITE_CORRUPT_") || code === "SQLITE_NOTADB") return make("corrupt", "文件已损坏或不是 nianbao 的数据库，无法使用（可换一个文件名重新导入，或从备份恢复）");
  if (code.startsWith("SQLITE_READONLY") || (code === "SQLITE_CANTOPEN" && /read-?only/i.test(msg))) return make("readonly", "文件或其所在文件夹是只读的，无法写入（请检查权限）");
  if (code === "SQLITE_FULL" || code === "53100" || /no space left|disk.*full/i.test(msg)) return make("full", "磁盘已满或数据库已达到大小上限，这一份没有写入；腾出空间后重新运行即可从中断处继续");
  if (code === "SQLITE_CANTOPEN" || /directory does not exist/.test(msg)) return make("missing", "无法打开数据库文件（所在文件夹不存在或没有权限）");
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED") return make("busy", "数据库正被另一个程序写入，等待超时（请稍后再试）");
  if (code.startsWith("SQLITE_IOERR")) return make("full", `读写数据库文件出错（${code}），可能是磁盘已满或出现故障`);
  if (PG_DOWN.has(code) || /connect(ion)? (refused|timeout)/i.test(msg)) return make("unreachable", "无法连接 PostgreSQL 服务器（服务器没有运行，或地址、端口不对）");
  if (PG_LOST.has(code) || /Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error/i.test(msg)) return make("lost", "与 PostgreSQL 服务器的连接中断，正在写入的那一份没有保存；服务器恢复后重新运行即可从中断处继续");
  if (code === "28P01" || code === "28000") return make("denied", "PostgreSQL 拒绝登录（用户名或密码不对）");
  if (code === "3D000") return make("missing", "PostgreSQL 上没有这个数据库（请先创建）");
  if (code === "42501") return make("denied", "没有权限写入这个 PostgreSQL 数据库");
  return make("internal", `出错：${msg}`);
}
