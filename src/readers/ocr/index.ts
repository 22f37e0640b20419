/**
 * Scanned pages: OCR with tesseract.js and the Chinese model shipped in npm. `ocrPdfPages`
 * serves the PDF reader for pages without a text layer; `imageReader` reads page images.
 */
export { imageReader } from "./image-reader.js";
export { ocrPdfPages, MAX_OCR_PAGES, type OcrPageResult } from "./pdf-pages.js";

