// What the filing page needs in the browser: the draft's form, editing, paste, the live check
// (the same rule modules as the CLI) and the statutory document. Nothing here may import Node:
// test/filing/browser-bundle.test.ts bundles this entry for the browser and fails on any
// Node module.
export type { Draft, DraftCell, DraftCellOrigin, DerivedCell, DraftPrevious, DraftSection, PrefillNote } from "../model/draft.js";
export type { Finding } from "../model/finding.js";
export type { Report } from "../model/report.js";
export { createDraft, type DraftInput } from "./prefill.js";
export { setCells, setSection, type CellUpdate } from "./edit.js";
export { pasteBlock, clipboardBlock, tsvBlock, type Clipboard, type PasteResult } from "./paste.js";
export { checkDraft, type DraftCheck } from "./check.js";
export { draftReport, draftTitle } from "./report.js";
export { draftForm, findingsByCell, type DraftForm, type FormCell, type FormSection } from "./form.js";
export { draftDocument, draftFileName } from "./document.js";
export { FilingError, isFilingError, type FilingErrorCode } from "./errors.js";
export { guidanceFor, GUIDANCE_TAGS, REPORT_GUIDANCE, SECTION_GUIDANCE, type GuidancePoint, type SectionGuidance } from "../templates/guidance.js";
export { findingMessage } from "../report/messages.js";
export { reportToJson } from "../report/json.js";
