import { findingMeta } from "../../report/messages.js";
import { reportToJson } from "../../report/json.js";
import { fingerprint, type Store } from "../../store/index.js";

/**
 * A report as the detail page shows it: the codec's JSON with every finding — its own and
 * those against the year before — and beside each finding its fingerprint and decision, the
 * report's review, the original's facts and the year before's report.
 */
export async function reportDetail(store: Store, id: number) {
  const stored = await store.getReport(id);
  if (!stored) return null;
  const across = stored.acrossYears.map(({ previousReportId: _p, ...f }) => f);
  const report = { ...stored.report, findings: [...stored.report.findings, ...across] };
  const [decisions, review, original, previousYearId] = await Promise.all([
    store.web.findingDecisions(id),
    store.web.review(id),
    store.web.originalOfReport(id),
    store.web.previousYearReport(id),
  ]);
  const titles: Record<string, string> = {};
  for (const f of report.findings) titles[f.rule] ??= findingMeta(f.rule)?.title ?? f.rule;
  return {
    id,
    report: reportToJson(report),
    original: { sha256: stored.summary.sha256, name: original?.name ?? stored.summary.file, format: original?.format ?? stored.summary.format, size: original?.size ?? 0 },
    agencyId: stored.summary.agencyId,
    agency: stored.summary.agency,
    findings: report.findings.map((f) => ({ fingerprint: fingerprint(f), decision: decisions.get(fingerprint(f)) ?? null })),
    ruleTitles: titles,
    review,
    previousYearId,
  };
}
