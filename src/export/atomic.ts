import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file through a temporary name beside it, renamed into place when complete: a failed
 * or interrupted export leaves no half-written file under the name the user asked for.
 */
export async function atomically<T>(file: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  try {
    const out = await write(tmp);
    await rename(tmp, file);
    return out;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}
