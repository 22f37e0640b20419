import type { SourcePos } from "./source.js";

export type Severity = "error" | "warning" | "info";

/**
 * Who raised a finding (vfile's message `source`): the reader of the file's format, the
 * extractor that mapped the document onto the template, or a rule. Re-checking a report
 * replaces only the rules' findings; what reading found stays.
 */
export type FindingOrigin = "reader" | "extract" | "rule";

/** The values a message template is filled with: numbers, labels, quoted source text. */
export type MessageData = Record<string, string | number>;

/**
 * A problem found in a report (as an ESLint message / vfile message): the rule or kind that
 * raised it, a message id and its data, the cells it is about and, through them, where in
 * the source to look. The Chinese text is filled from the declaring module's `meta.messages`
 * at the edge (`findingMessage`), so a UI can show the numbers apart and a store can group by
 * message kind.
 */
export interface Finding {
  /** Id of the rule, or of the reading-finding kind (`lost-cells`, `reader-pdf`, …). */
  rule: string;
  origin: FindingOrigin;
  severity: Severity;
  /** Key into the declaring meta's `messages`. */
  messageId: string;
  data: MessageData;
  /** Every canonical cell key the finding is about. */
  cells: string[];
  /** Where in the source file, when the finding points at one place. */
  source?: SourcePos;
  /** For arithmetic rules: the formula and its two sides. */
  formula?: string;
  left?: number;
  right?: number;
  difference?: number;
}

/**
 * What a kind of finding is, as data (ESLint's rule `meta`): the catalogue in docs/rules.md is
 * generated from these, and the message templates (`{name}` placeholders) live here only.
 */
export interface FindingMeta {
  id: string;
  /** The highest severity it raises (a single finding may be lower, never higher). */
  severity: Severity;
  /** Short Chinese title. */
  title: string;
  /** Chinese explanation: what it means and what to do. */
  description: string;
  messages: Record<string, string>;
}

/** Fills a message template: `{name}` → data.name. A missing placeholder is a bug in the raiser. */
export function fillMessage(template: string, data: MessageData): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = data[k];
    if (v === undefined) throw new Error(`message placeholder {${k}} has no value`);
    return typeof v === "number" ? formatNumber(v) : v;
  });
}

/** Numbers in messages: no float noise (0.1 + 0.2), no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** A message of `meta` with its data, checked against the declared messages. */
export function said(meta: FindingMeta, messageId: string, data: MessageData = {}): { messageId: string; data: MessageData } {
  if (meta.messages[messageId] === undefined) throw new Error(`${meta.id} has no message ${messageId}`);
  return { messageId, data };
}
