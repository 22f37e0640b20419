import type { Document } from "../model/document.js";
import type { Report } from "../model/report.js";

export interface ReadOptions {
  /** File name, for messages and as a weak hint (the content decides the format). */
  name?: string;
  /** Stop work and throw a `timeout` ReadError when aborted. */
  signal?: AbortSignal;
  /** Hard limit for the whole read in milliseconds (readers that run tools use it). */
  timeoutMs?: number;
  /**
   * How a DOC/WPS/RTF file becomes a web page, when the caller converts many files together
   * (the pipeline's LibreOffice batches, doc/batch.ts); without it each file is converted alone.
   */
  convertDoc?: DocConvert;
}

/** A Word file (its name's extension says the format) → LibreOffice's HTML export; throws a ReadError. */
export type DocConvert = (file: { name: string; bytes: Uint8Array }, o: { timeoutMs?: number; signal?: AbortSignal }) => Promise<Uint8Array>;

/**
 * One reader per input format (as docling's backends). `sniff` looks at the bytes and says
 * how sure it is (0–1) that they are its format.
 */
export interface ReaderInfo {
  id: string;
  /** Chinese name of the format, for messages. */
  label: string;
  /** File extensions it usually takes (a hint for folder listings; the content decides). */
  extensions: string[];
  sniff(bytes: Uint8Array, name?: string): number;
}

/** A reader of a document format: its bytes become a Document, which the extractor maps. */
export interface DocumentReader extends ReaderInfo {
  output?: "document";
  read(bytes: Uint8Array, options: ReadOptions): Document | Promise<Document>;
}

/** A reader of canonical report data (the codec's JSON): its bytes are reports already. */
export interface ReportReader extends ReaderInfo {
  output: "report";
  readReports(bytes: Uint8Array, options: ReadOptions): Report[];
}

export type Reader = DocumentReader | ReportReader;
