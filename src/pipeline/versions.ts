import { createHash } from "node:crypto";
import { RULES } from "../rules/index.js";
import { TEMPLATES } from "../templates/index.js";
import { VERSION } from "../version.js";

/**
 * What produced a report: the program, the reader, and digests of the rule set and of the
 * template data. A store re-reads or re-checks what an older combination produced.
 */
export interface Versions {
  nianbao: string;
  /** `<reader id>@<nianbao version>`: reading code ships with the program. */
  reader: string;
  /** Digest of the rules' metadata (ids, severities, templates, messages). */
  rules: string;
  /** Digest of the template data. */
  templates: string;
}

let digests: { rules: string; templates: string } | null = null;

function digest(x: unknown): string {
  return createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 12);
}

export function versions(reader: string | null): Versions {
  digests ??= { rules: `${VERSION}+${digest(RULES.map((r) => r.meta))}`, templates: digest(TEMPLATES) };
  return { nianbao: VERSION, reader: reader ? `${reader}@${VERSION}` : "", ...digests };
}
