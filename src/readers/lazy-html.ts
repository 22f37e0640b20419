import type { Reader } from "./types.js";

/**
 * The HTML reader, looked up in the registry when a reader needs it for converted or embedded
 * pages (DOC through LibreOffice, DOCX altChunks). Imported lazily: the registry imports those
 * readers.
 */
export async function lazyHtmlReader(): Promise<Reader | undefined> {
  const { readerById } = await import("./index.js");
  return readerById("html");
}
