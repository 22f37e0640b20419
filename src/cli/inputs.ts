import { opendir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { readerExtensions } from "../readers/index.js";
import { withoutYoungGrowth } from "./heap.js";
import { SpilledRecords } from "./spilled-records.js";

/**
 * The input files of a run, in order. A folder of a million reports is a million paths, held
 * for the whole run: each is kept as its folder's number and its own name, as bytes in
 * {@link SpilledRecords} (one 64 KB block in memory, the rest in a deleted temporary file), so
 * that a batch's memory does not grow with its folder. As heap strings, the names of 100,000
 * files and the walk that found them left the process some 20 MB larger for the whole batch;
 * as bytes in memory, 3.5 MB.
 */
export class FileList implements Iterable<string> {
  /** Each folder's path with its separator, once. */
  private readonly folders: string[] = [];
  /** The folder's number + 1 and the name within it; 0 and the whole path as given on the command line. */
  private readonly entries = new SpilledRecords();

  get length(): number {
    return this.entries.length;
  }

  /** A path as given (a file on the command line, `-`). */
  add(path: string): void {
    this.entries.push(0, path);
  }

  /** A folder whose entries follow (`addIn`); returns its number. */
  folder(dir: string): number {
    // join(dir, name) for any one-component name: the folder's prefix once, the name after it.
    this.folders.push(join(dir, "\0").slice(0, -1));
    return this.folders.length - 1;
  }

  addIn(folder: number, name: string): void {
    this.entries.push(folder + 1, name);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const [folder, name] of this.entries) yield folder === 0 ? name : this.folders[folder - 1]! + name;
  }

  /** Lets the temporary file go (the list cannot be read after). */
  close(): void {
    this.entries.close();
  }
}

/**
 * The inputs listed (this thread's young generation held meanwhile, heap.ts), given to `use`,
 * and their list closed after, however `use` ends.
 */
export async function withInputs<T>(args: string[], skipped: ((path: string) => void) | undefined, use: (files: FileList) => Promise<T>): Promise<T> {
  const files = await withoutYoungGrowth(() => expandInputs(args, skipped));
  try {
    return await use(files);
  } finally {
    files.close();
  }
}

/**
 * Files and folders on the command line → the input files, folders searched recursively and
 * sorted. Files in folders that no reader takes (by extension) are passed to `skipped`.
 */
export async function expandInputs(args: string[], skipped?: (path: string) => void): Promise<FileList> {
  const out = new FileList();
  const walker = new Walker(out, skipped);
  try {
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
  } catch (e) {
    out.close();
    throw e;
  }
  return out;
}

type Kind = "dir" | "file" | "link" | "other";
/** The order `localeCompare` gives, without making a collator for each comparison. */
const byName = new Intl.Collator();

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
    // Entry by entry (not `readdir`, which makes an object for every entry at once): a folder of
    // 100,000 files then costs its names for the time of the sort, not a heap grown for good.
    const names: string[] = [];
    const kinds: Kind[] = [];
    for await (const e of await opendir(dir, { bufferSize: 256 })) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      names.push(e.name);
      kinds.push(e.isDirectory() ? "dir" : e.isFile() ? "file" : e.isSymbolicLink() ? "link" : "other");
    }
    const order = Uint32Array.from(names.keys()).sort((a, b) => byName.compare(names[a]!, names[b]!));
    const folder = this.out.folder(dir);
    for (const i of order) {
      const name = names[i]!;
      let isDir = kinds[i] === "dir";
      let isFile = kinds[i] === "file";
      if (kinds[i] === "link") {
        // Links are followed; a broken one is listed, so that reading it says what is wrong.
        const st = await stat(join(dir, name)).catch(() => null);
        isDir = st?.isDirectory() ?? false;
        isFile = st ? st.isFile() : this.wanted(name);
      }
      if (isDir) await this.walk(join(dir, name));
      else if (!isFile || this.ignored(name)) continue;
      else if (this.extensions.has(extname(name).toLowerCase())) this.out.addIn(folder, name);
      else this.skipped?.(join(dir, name));
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
