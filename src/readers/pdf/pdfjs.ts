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
  loaded ??= import("pdfjs-dist/legacy/build/pdf.mjs").catch((e: unknown) => {
    loaded = null;
    throw new ReadError("missing-tool", "缺少 PDF 解析组件 pdfjs-dist，无法读取 PDF（请重新安装 nianbao）", { cause: e });
  });
  return loaded;
}

function assetDir(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("pdfjs-dist/package.json")), name) + "/";
}

export interface OpenedPdf {
  doc: PdfDocument;
  lib: Pdfjs;
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
  const close = async () => {
    try {
      await task.destroy();
    } catch {
      // already gone
    }
  };
  try {
    const doc = await race(task.promise);
    return { doc, lib, close };
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
