import type { DocumentReader, ReaderInfo } from "./types.js";

/**
 * A reader known by its light part (id, label, extensions, `sniff`) whose reading code — and
 * the libraries it needs: parse5, saxes and fflate, pdfjs, tesseract — is imported the first
 * time a file of its format is read. Checking a text file loads none of them.
 */
export function lazyReader(info: ReaderInfo, load: () => Promise<DocumentReader>): DocumentReader {
  let loaded: Promise<DocumentReader> | null = null;
  return {
    ...info,
    async read(bytes, options) {
      loaded ??= load().catch((e: unknown) => {
        loaded = null;
        throw e;
      });
      return (await loaded).read(bytes, options);
    },
  };
}
