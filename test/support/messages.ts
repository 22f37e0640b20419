import type { ReaderNote } from "../../src/model/document.js";
import type { Finding } from "../../src/model/finding.js";
import { findingMessage } from "../../src/report/messages.js";

/** The Chinese text a user sees for a finding or a reader's note. */
export function text(x: Finding | ReaderNote): string {
  return findingMessage("kind" in x ? { rule: x.kind, messageId: x.messageId, data: x.data } : x);
}
