import { randomBytes } from "node:crypto";
import { open, rename, stat, unlink } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Writes a file so that it is either all there or not there at all: the bytes go to a temporary
 * file beside it, are flushed to disk, and the temporary file is renamed over the target. On a
 * failure, or Ctrl-C while writing, the temporary file is removed and the target left as it was.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const target = resolve(path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  let created = false;
  const removeSync = () => {
    if (!created) return;
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    removeSync();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.kill(process.pid, signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const fh = await open(tmp, "wx", 0o644);
    created = true;
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
    created = false;
  } catch (e) {
    if (created) await unlink(tmp).catch(() => undefined);
    created = false;
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Why a file could not be written, in Chinese. */
export function writeErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "所在文件夹不存在";
  if (code === "EACCES" || code === "EPERM") return "没有写入权限";
  if (code === "EISDIR") return "这是一个文件夹";
  if (code === "EROFS") return "文件系统是只读的";
  if (code === "ENOSPC" || code === "EDQUOT") return "磁盘空间不足";
  return `无法写入（${code ?? (e as Error)?.message ?? String(e)}）`;
}

/** The same file, whether or not it exists yet: one path, or two names of one inode. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}
