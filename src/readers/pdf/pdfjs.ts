import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReadError } from "../../model/errors.js";

/**
 * pdfjs-dist (legacy build, for Node) loaded once, on first use, with the CMaps and standard
 * fonts that ship with it, so PDFs with non-embedded Chinese fonts read right.
 */
type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type PdfDocument = Awaited<ReturnType<Pdfjs["getDocument"]>["promise"]>;
export type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

let loaded: Promise<Pdfjs> | null = null;

export function pdfjs(): Promise<Pdfjs> {
  loaded ??= loadPdfjs().catch((e: unknown) => {
    loaded = null;
    throw new ReadError("missing-tool", "缺少 PDF 解析组件 pdfjs-dist，无法读取 PDF（请重新安装 nianbao）", { cause: e });
  });
  return loaded;
}

async function loadPdfjs(): Promise<Pdfjs> {
  // pdfjs looks for its worker here first; another user of pdfjs in this process may have set it.
  const g = globalThis as { pdfjsWorker?: unknown };
  if (!g.pdfjsWorker) g.pdfjsWorker = await handledWorker().catch(() => undefined);
  return import("pdfjs-dist/legacy/build/pdf.mjs");
}

/**
 * In Node, pdfjs runs its "worker" on the calling thread. Walking the page tree, it starts
 * fetching every top-level kid and caches the promises; when the walk fails first (a bad xref
 * entry, /work/shared/repro/pdf-bad-xref-*), pdfjs rebuilds the xref and clears the cache, and
 * those promises reject with no handler: Node ends the process, whatever the caller catches.
 * The worker module is loaded with a handler attached at that one place, which hands the
 * failure to the read of that document (`lostFailure`); the rejection still reaches whoever
 * awaits the cached promise. Null when the source is not the one this fix was made for.
 */
const UNHANDLED = "pageDictCache.put(lastKid, xref.fetchAsync(lastKid));";
const HANDLED =
  "pageDictCache.put(lastKid, (p => (p.catch(e => globalThis[Symbol.for('nianbao.pdfjs.lost')]?.(this.pdfManager.docId, e)), p))(xref.fetchAsync(lastKid)));";

/** Failures pdfjs met and left behind, by document id, for documents being read. */
const lost = new Map<string, unknown>();
(globalThis as Record<symbol, unknown>)[Symbol.for("nianbao.pdfjs.lost")] = (docId: string, e: unknown) => {
  if (lost.has(docId) && lost.get(docId) === undefined) lost.set(docId, e);
};

async function handledWorker(): Promise<unknown> {
  const path = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.worker.mjs");
  const src = await readFile(path, "utf8");
  if (!src.includes(UNHANDLED)) return undefined;
  const fixed = src.replace(UNHANDLED, HANDLED).replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  return import(`data:text/javascript;base64,${Buffer.from(fixed).toString("base64")}`);
}

function assetDir(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("pdfjs-dist/package.json")), name) + "/";
}

export interface OpenedPdf {
  doc: PdfDocument;
  lib: Pdfjs;
  /** What pdfjs met and recovered from on its own while opening (a bad xref entry), if anything. */
  lostFailure(): unknown;
  close(): Promise<void>;
}

/** Opens PDF bytes (copied: pdfjs takes ownership of the buffer it is given). */
export async function openPdf(bytes: Uint8Array, race: <T>(p: Promise<T>) => Promise<T>): Promise<OpenedPdf> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: assetDir("cmaps"),
    cMapPacked: true,
    standardFontDataUrl: assetDir("standard_fonts"),
    wasmUrl: assetDir("wasm"),
    iccUrl: assetDir("iccs"),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Images are not needed for text and ruling lines; skipping them bounds time and memory.
    maxImageSize: 1,
    isOffscreenCanvasSupported: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  lost.set(task.docId, undefined);
  const close = async () => {
    try {
      await task.destroy();
    } catch {
      // already gone
    }
    lost.delete(task.docId);
  };
  try {
    const doc = await race(task.promise);
    return { doc, lib, close, lostFailure: () => lost.get(task.docId) };
  } catch (e) {
    await close();
    throw openError(e);
  }
}

/** pdfjs failures → ReadError with a message a clerk understands. */
export function openError(e: unknown): ReadError {
  if (e instanceof ReadError) return e;
  const name = (e as { name?: string })?.name ?? "";
  const msg = (e as Error)?.message ?? String(e);
  if (name === "PasswordException") {
    return new ReadError("encrypted", "PDF 文件设置了打开密码（已加密），无法读取；请提供未加密的版本", { cause: e });
  }
  if (name === "InvalidPDFException") {
    return new ReadError("damaged", "PDF 文件已损坏或不完整（找不到有效的 PDF 结构），无法读取", { cause: e });
  }
  return new ReadError("damaged", `PDF 文件已损坏，无法读取（${msg}）`, { cause: e });
}
