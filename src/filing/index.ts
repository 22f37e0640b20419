// The filing form: an agency's annual report as a draft its clerk fills in — pre-filled from
// last year's report and the register, edited cell by cell or by pasting blocks, checked live
// by the same rules as `nianbao check`, saved in the store, submitted into the corpus, and
// written out as the statutory document. browser.ts is what runs in the page; service.ts is
// the store's side, for the CLI and the web server.
export * from "./browser.js";
export { newDraft, getDraft, saveDraft, submitDraft, type NewDraftOptions, type SubmitOutcome } from "./service.js";
export type { StoredDraft, DraftSummary, DraftVersion } from "../store/filing/index.js";
