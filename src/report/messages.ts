import { EXTRACT_NOTICES } from "../extract/notices.js";
import { fillMessage, type Finding, type FindingMeta } from "../model/finding.js";
import { TEXT_MESSAGE_ID } from "../model/report-json.js";
import { READER_NOTICES } from "../readers/notices.js";
import { RULES } from "../rules/index.js";

/** Every declared kind of finding: rules, extractor notices, reader notes. */
export const FINDING_METAS: readonly FindingMeta[] = [...RULES.map((r) => r.meta), ...EXTRACT_NOTICES, ...READER_NOTICES];

const byId = new Map(FINDING_METAS.map((m) => [m.id, m]));

export function findingMeta(id: string): FindingMeta | undefined {
  return byId.get(id);
}

/**
 * The Chinese text of a finding, filled at the edge from its meta's message template. A
 * finding of an unknown kind (JSON from elsewhere) shows the text it came with.
 */
export function findingMessage(f: Pick<Finding, "rule" | "messageId" | "data">): string {
  const template = byId.get(f.rule)?.messages[f.messageId];
  if (template !== undefined) return fillMessage(template, f.data);
  const text = f.data[TEXT_MESSAGE_ID];
  return typeof text === "string" ? text : `${f.rule}/${f.messageId}`;
}
