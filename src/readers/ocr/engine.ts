import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReadError } from "../../model/errors.js";
import type { Deadline } from "./deadline.js";
import { type Gray, toPgm } from "./image.js";
import { decodePng } from "./png.js";

/**
 * The OCR engine: one tesseract.js worker (Tesseract LSTM compiled to WebAssembly) with the
 * Simplified Chinese model that ships in the `@tesseract.js-data/chi_sim` npm package. Every
 * file comes from node_modules — the core wasm is `require`d by the worker, the model is read
 * from `langPath` as a local path, the cache is off — so nothing is fetched at run time.
 */

/** A recognised glyph (Chinese) or digit with its box in the image that was recognised. */
export interface OcrSymbol {
  text: string;
  /** 0–100 as Tesseract reports it. */
  conf: number;
  box: [number, number, number, number];
}

export interface OcrWord {
  text: string;
  conf: number;
  box: [number, number, number, number];
  symbols: OcrSymbol[];
}

export interface OcrLine {
  /** Index of the paragraph Tesseract put the line in (within one recognition). */
  para: number;
  text: string;
  conf: number;
  box: [number, number, number, number];
  words: OcrWord[];
}

/** Page segmentation modes used here (Tesseract's PSM numbers). */
export const PSM = { auto: "3", block: "6", line: "7" } as const;

export interface RecognizeOptions {
  psm: (typeof PSM)[keyof typeof PSM];
  /** Resolution of the image (default 300). */
  dpi?: number;
}

export interface OcrEngine {
  recognize(img: Gray, opts: RecognizeOptions): Promise<OcrLine[]>;
  /** Decodes an image file the engine can read (JPEG, TIFF, BMP, …) to greyscale, without recognising it. */
  decode(file: Uint8Array): Promise<Gray | null>;
  /** Ends the worker; safe to call twice. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The model directory inside node_modules (gzip-compressed `chi_sim.traineddata.gz`). */
export function modelDir(): string {
  const pkg = require.resolve("@tesseract.js-data/chi_sim/package.json");
  // `4.0.0` over the smaller `4.0.0_best_int`: measured on rendered report tables, its LSTM
  // reads digits right where best_int turns 6 into 0 or 60 with high confidence (98% vs 100%
  // of 793 number cells); it costs ~2 s more to load.
  return join(dirname(pkg), "4.0.0");
}

interface TessWorker {
  recognize(
    image: Uint8Array | Buffer,
    options: Record<string, unknown>,
    output: Record<string, boolean>,
  ): Promise<{ data: { blocks: unknown[] | null; imageGrey: string | null } }>;
  terminate(): Promise<unknown>;
  worker?: { on(ev: string, fn: (e: unknown) => void): void };
}

export async function openEngine(deadline: Deadline): Promise<OcrEngine> {
  deadline.check();
  const langPath = modelDir();
  if (!existsSync(join(langPath, "chi_sim.traineddata.gz"))) {
    throw new ReadError("missing-tool", "找不到中文文字识别模型（@tesseract.js-data/chi_sim），请重新安装 nianbao 的依赖");
  }
  let failure: string | null = null;
  let tess: typeof import("tesseract.js");
  try {
    tess = (await import("tesseract.js")).default;
  } catch (e) {
    throw new ReadError("missing-tool", "找不到文字识别引擎（tesseract.js），请重新安装 nianbao 的依赖", { cause: e });
  }
  const created = tess.createWorker("chi_sim", tess.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: "none",
    // Without a handler tesseract.js throws worker errors from an event callback, which would
    // end the process; keep the message and fail the job instead.
    errorHandler: (e: unknown) => {
      failure = String(e);
    },
    logger: () => {},
  }) as unknown as Promise<TessWorker>;
  let w: TessWorker;
  try {
    w = await deadline.race(created);
  } catch (e) {
    created.then((x) => x.terminate()).catch(() => {});
    throw e instanceof ReadError ? e : new ReadError("missing-tool", `文字识别引擎无法启动（${failure ?? String(e)}）`, { cause: e });
  }
  w.worker?.on("error", (e) => {
    failure = String(e);
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // A job already started posts its message to the worker a few microtasks later (tesseract.js
    // awaits the image first); ending the worker before that makes tesseract.js's own `send`
    // reject with nobody listening. One macrotask later every started job has posted.
    await new Promise((r) => setImmediate(r));
    await w.terminate().catch(() => {});
  };
  // Ending the deadline ends the worker: a recognition in progress cannot be interrupted otherwise.
  deadline.signal.addEventListener("abort", () => void close(), { once: true });

  return {
    close,
    async decode(file) {
      deadline.check();
      if (closed) throw new ReadError("damaged", "文字识别引擎已停止");
      try {
        const r = await deadline.race(w.recognize(Buffer.from(file), {}, { imageGrey: true, text: false }));
        const png = r.data.imageGrey?.replace(/^data:image\/png;base64,/, "");
        return png ? (decodePng(Buffer.from(png, "base64"))?.image ?? null) : null;
      } catch (e) {
        if (e instanceof ReadError) throw e;
        return null;
      }
    },
    async recognize(img, opts) {
      deadline.check();
      if (closed) throw new ReadError("damaged", `文字识别引擎已停止${failure ? `（${failure}）` : ""}`);
      // The resolution is known (pages are rendered at it); estimating it only prints a warning.
      // Tesseract's own chatter ("Detected 92 diacritics") goes nowhere, not to our stderr.
      const params: Record<string, unknown> = { tessedit_pageseg_mode: opts.psm, user_defined_dpi: String(opts.dpi ?? 300), debug_file: "/dev/null" };
      try {
        const r = await deadline.race(w.recognize(Buffer.from(toPgm(img)), params, { blocks: true, text: false }));
        return linesOf(r.data.blocks ?? []);
      } catch (e) {
        if (e instanceof ReadError) throw e;
        throw new ReadError("damaged", `文字识别失败（${failure ?? String(e)}）`, { cause: e });
      }
    },
  };
}

type Bbox = { x0: number; y0: number; x1: number; y1: number };
const box = (b: Bbox): [number, number, number, number] => [b.x0, b.y0, b.x1, b.y1];

interface TBlock {
  paragraphs?: { lines?: { text: string; confidence: number; bbox: Bbox; words?: { text: string; confidence: number; bbox: Bbox; symbols?: { text: string; confidence: number; bbox: Bbox }[] }[] }[] }[];
}

function linesOf(blocks: unknown[]): OcrLine[] {
  const out: OcrLine[] = [];
  let para = 0;
  for (const b of blocks as TBlock[]) {
    for (const p of b.paragraphs ?? []) {
      para++;
      for (const l of p.lines ?? []) {
        out.push({
          para,
          text: l.text,
          conf: l.confidence,
          box: box(l.bbox),
          words: (l.words ?? []).map((w) => ({
            text: w.text,
            conf: w.confidence,
            box: box(w.bbox),
            symbols: (w.symbols ?? []).map((s) => ({ text: s.text, conf: s.confidence, box: box(s.bbox) })),
          })),
        });
      }
    }
  }
  return out;
}
