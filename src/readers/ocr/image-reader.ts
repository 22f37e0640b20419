import { readerNote, type Document } from "../../model/document.js";
import { ocrNotes } from "./notes.js";
import { ReadError } from "../../model/errors.js";
import type { DocumentReader } from "../types.js";
import { ocrDeadline } from "./deadline.js";
import { type OcrEngine, openEngine } from "./engine.js";
import { type Gray, resample } from "./image.js";
import { checkImage } from "./image-check.js";
import { ocrPageImage } from "./page.js";
import { decodePng } from "./png.js";
import { imageInfo, imageKind, type ImageKind } from "./sniff.js";

/** The resolution page images are brought to before line finding and recognition. */
const WORK_DPI = 300;

type Kind = ImageKind;
const kindOf = imageKind;

const LABEL: Record<Kind, string> = { png: "PNG", jpeg: "JPEG", tiff: "TIFF" };

/**
 * A photographed or scanned page saved as an image (PNG, JPEG, TIFF): recognised as one page.
 * The resolution comes from the file when it says (PNG pHYs) and is otherwise taken from the
 * width, assuming an A4 page; either way the image is scaled to 300 dpi for recognition.
 */
export const imageReader: DocumentReader = {
  ...imageInfo,
  async read(bytes, options): Promise<Document> {
    const kind = kindOf(bytes);
    if (!kind) throw new ReadError("unsupported", "不是 PNG、JPEG 或 TIFF 图片");
    checkImage(kind, bytes);
    const deadline = ocrDeadline(options);
    let engine: OcrEngine | null = null;
    try {
      let img: Gray | null = null;
      let dpi: number | undefined;
      if (kind === "png") {
        try {
          const d = decodePng(bytes);
          img = d?.image ?? null;
          dpi = d?.dpi;
        } catch (e) {
          throw new ReadError("damaged", `${LABEL[kind]} 图片已损坏，无法读取`, { cause: e });
        }
      }
      engine = await openEngine(deadline);
      // JPEG, TIFF and interlaced PNG: the engine's own image library decodes them.
      img ??= await engine.decode(bytes);
      if (!img || img.width < 16 || img.height < 16) throw new ReadError("damaged", `${LABEL[kind]} 图片已损坏或无法解码`);
      // Without a resolution in the file, a page image is as wide as an A4 page.
      const src = dpi && dpi >= 50 && dpi <= 1200 ? dpi : Math.max(72, Math.min(600, img.width / 8.27));
      const f = WORK_DPI / src;
      const work = Math.abs(f - 1) < 0.15 ? img : resample(img, f);
      const dpiWork = Math.abs(f - 1) < 0.15 ? src : WORK_DPI;
      const page = await ocrPageImage(work, 1, dpiWork, engine, deadline);
      return {
        format: "image",
        blocks: page.blocks,
        notes: [readerNote(ocrNotes, "info", "image", { kind: LABEL[kind] }), ...page.notes],
      };
    } finally {
      await engine?.close();
      deadline.dispose();
    }
  },
};
