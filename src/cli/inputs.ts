import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { readerExtensions } from "../readers/index.js";

const MAX_FILES = 100_000;

/**
 * Files and folders on the command line → the input files, folders searched recursively and
 * sorted. Files in folders that no reader takes (by extension) are passed to `skipped`.
 */
export async function expandInputs(args: string[], skipped?: (path: string) => void): Promise<string[]> {
  const out: string[] = [];
  const walker = new Walker(out, skipped);
  for (const a of args) {
    if (a === "-") {
      out.push(a);
      continue;
    }
    let st;
    try {
      st = await stat(a);
    } catch {
      out.push(a); // reported as unreadable by the reader, with the file name
      continue;
    }
    if (st.isDirectory()) await walker.walk(a);
    else out.push(a);
  }
  return out;
}

class Walker {
  private readonly extensions = readerExtensions();
  /** Real paths of folders already walked: a symlink back up the tree is not a loop. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly out: string[],
    private readonly skipped?: (path: string) => void,
  ) {}

  async walk(dir: string): Promise<void> {
    const real = await realpath(dir).catch(() => dir);
    if (this.seen.has(real)) return;
    this.seen.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (this.out.length >= MAX_FILES) return;
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // Links are followed; a broken one is listed, so that reading it says what is wrong.
        const st = await stat(p).catch(() => null);
        isDir = st?.isDirectory() ?? false;
        isFile = st ? st.isFile() : this.wanted(e.name);
      }
      if (isDir) await this.walk(p);
      else if (!isFile || this.ignored(e.name)) continue;
      else if (this.extensions.has(extname(e.name).toLowerCase())) this.out.push(p);
      else this.skipped?.(p);
    }
  }

  /** A report file by its name. */
  private wanted(name: string): boolean {
    return this.extensions.has(extname(name).toLowerCase()) && !this.ignored(name);
  }

  /** Not a report, and not worth a note: a folder's README describes the reports; gold files go with them. */
  private ignored(name: string): boolean {
    return name.endsWith(".expected.json") || /^readme\./i.test(name);
  }
}
