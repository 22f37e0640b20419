import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { IntRows } from "../model/packed.js";
import { readerExtensions } from "../readers/index.js";

/**
 * The input files of a run, in order. A folder of a million reports is a million paths, held
 * for the whole run: each is kept as its folder's number and its own name as the system gave
 * it (one flat string). Made with `path.join`, each path was a tree of a dozen small strings
 * (about 250 bytes; 25 MB for 100,000 files, a tenth of the batch's peak).
 */
export class FileList implements Iterable<string> {
  /** Each folder's path with its separator, once. */
  private readonly folders: string[] = [];
  private readonly folderOf = new IntRows(1);
  /** The name within the folder, or the whole path (folder -1) as given on the command line. */
  private readonly names: string[] = [];

  get length(): number {
    return this.names.length;
  }

  /** A path as given (a file on the command line, `-`). */
  add(path: string): void {
    this.push(-1, path);
  }

  /** A folder whose entries follow (`addIn`); returns its number. */
  folder(dir: string): number {
    // join(dir, name) for any one-component name: the folder's prefix once, the name after it.
    this.folders.push(join(dir, "\0").slice(0, -1));
    return this.folders.length - 1;
  }

  addIn(folder: number, name: string): void {
    this.push(folder, name);
  }

  at(i: number): string {
    const f = this.folderOf.get(i, 0);
    return f < 0 ? this.names[i]! : this.folders[f]! + this.names[i]!;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.names.length; i++) yield this.at(i);
  }

  /**
   * The paths in order, each let go once handed out: a batch holds the list only until it has
   * started each file, so its memory and the cross-year summaries' do not add up.
   */
  *drain(): Generator<string> {
    for (let i = 0; i < this.names.length; i++) {
      const path = this.at(i);
      this.names[i] = "";
      yield path;
    }
  }

  map<T>(fn: (path: string, i: number) => T): T[] {
    return Array.from({ length: this.length }, (_, i) => fn(this.at(i), i));
  }

  private push(folder: number, name: string): void {
    this.folderOf.push(folder);
    this.names.push(name);
  }
}

/**
 * Files and folders on the command line → the input files, folders searched recursively and
 * sorted. Files in folders that no reader takes (by extension) are passed to `skipped`.
 */
export async function expandInputs(args: string[], skipped?: (path: string) => void): Promise<FileList> {
  const out = new FileList();
  const walker = new Walker(out, skipped);
  for (const a of args) {
    if (a === "-") {
      out.add(a);
      continue;
    }
    let st;
    try {
      st = await stat(a);
    } catch {
      out.add(a); // reported as unreadable by the reader, with the file name
      continue;
    }
    if (st.isDirectory()) await walker.walk(a);
    else out.add(a);
  }
  return out;
}

class Walker {
  private readonly extensions = readerExtensions();
  /** Real paths of folders already walked: a symlink back up the tree is not a loop. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly out: FileList,
    private readonly skipped?: (path: string) => void,
  ) {}

  async walk(dir: string): Promise<void> {
    const real = await realpath(dir).catch(() => dir);
    if (this.seen.has(real)) return;
    this.seen.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    const folder = this.out.folder(dir);
    for (const e of entries) {
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
      else if (this.extensions.has(extname(e.name).toLowerCase())) this.out.addIn(folder, e.name);
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
