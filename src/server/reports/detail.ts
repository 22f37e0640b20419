import type { ReportJson } from "../../model/report-json.js";
import type { Report } from "../../model/report.js";
import { findingMeta } from "../../report/messages.js";
import { reportToJson } from "../../report/json.js";
import { fingerprint, type Store } from "../../store/index.js";

/**
 * A report as the detail page shows it: the stored JSON (the codec's, messages filled in at
 * import) with the findings against the year before appended, beside each finding its
 * fingerprint and decision; the report's review, the original's facts and the year before's report.
 */
export async function reportDetail(store: Store, id: number) {
  const head = await store.web.reportHead(id);
  if (!head) return null;
  const json = JSON.parse(head.json) as ReportJson;
  const across = await store.web.acrossYearFindings(id);
  if (across.length) json.findings = [...json.findings, ...reportToJson({ meta: {}, sections: [], cells: {}, provenance: {}, findings: across } as unknown as Report).findings];
  const [decisions, review, original, previousYearId] = await Promise.all([store.web.findingDecisions(id), store.web.review(id), store.web.original(head.sha256), store.web.previousYearReport(id)]);
  const titles: Record<string, string> = {};
  for (const f of json.findings) titles[f.rule] ??= findingMeta(f.rule)?.title ?? f.rule;
  const fingerprints = json.findings.map((f) => fingerprint(f));
  return {
    id,
    report: json,
    original: { sha256: head.sha256, name: original?.name ?? head.file, format: original?.format ?? head.format, size: original?.size ?? 0 },
    agencyId: head.agencyId,
    agency: head.agency,
    findings: fingerprints.map((fp) => ({ fingerprint: fp, decision: decisions.get(fp) ?? null })),
    ruleTitles: titles,
    review,
    previousYearId,
  };
}
