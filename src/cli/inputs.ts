import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";

import { readerExtensions } from "../readers/index.js";

const MAX_FILES = 100_000;

/**
 * Files and folders on the command line → the input files, folders searched recursively and
 * sorted. Files in folders that no reader takes (by extension) are passed to `skipped`.
 */
export async function expandInputs(args: string[], skipped?: (path: string) => void): Promise<string[]> {
  const out: string[] = [];
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
    if (st.isDirectory()) await walk(a, out, readerExtensions(), skipped);
    else out.push(a);
  }
  return out;
}

async function walk(dir: string, out: string[], extensions: Set<string>, skipped?: (path: string) => void): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, extensions, skipped);
    // A folder's README describes the reports; it is not one of them.
    else if (!e.isFile() || e.name.endsWith(".expected.json") || /^readme\./i.test(e.name)) continue;
    else if (extensions.has(extname(e.name).toLowerCase())) out.push(p);
    else skipped?.(p);
  }
}
