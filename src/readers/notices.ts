import type { FindingMeta } from "../model/finding.js";
import { docxNotes } from "./docx/notes.js";
import { htmlNotes } from "./html/notes.js";
import { ocrNotes } from "./ocr/notes.js";
import { pdfNotes } from "./pdf/notes.js";
import { textNotes } from "./text/notes.js";

/**
 * Every kind of note the readers raise, for the message catalogue and docs/rules.md. Kept
 * apart from the reader registry so that filling a message loads no reader.
 */
export const READER_NOTICES: readonly FindingMeta[] = [textNotes, htmlNotes, docxNotes, pdfNotes, ocrNotes];
