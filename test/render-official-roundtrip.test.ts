import fc from "fast-check";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRules } from "../src/check.js";
import { randomReport, rng } from "../src/generate/random-report.js";
import type { Finding } from "../src/model/finding.js";
import type { CellProvenance, Report } from "../src/model/report.js";
import { processInput } from "../src/pipeline/index.js";
import { readReports } from "../src/read.js";
import { render } from "../src/render/index.js";
import { cellDefs, templateById } from "../src/templates/index.js";
import { EXAMPLES_DIR } from "../scripts/make-examples.js";
import { SHARED } from "./support/shared.js";

/**
 * The statutory document out and back in: a report rendered in the official profile (DOCX, and
 * the HTML fragment), read again by nianbao, gives the same meta, the same cells — blank stays
 * blank, `/` stays `/`, 0 stays 0 — and the same rule findings. The one difference allowed: a
 * cell the source left undecided (digits run together) is blank in the document, so `check`
 * now calls it blank.
 */

const FORMATS = ["docx", "html"] as const;
type Format = (typeof FORMATS)[number];

async function roundTrip(r: Report, format: Format): Promise<Report> {
  const reports = await readReports(render(r, format, { profile: "official" }), { name: `report.${format}` });
  expect(reports.length).toBe(1);
  return reports[0]!;
}

/** A rule finding as the user sees it, without where it was found. */
function findingKey(f: Finding): string {
  return `${f.rule}/${f.messageId}/${JSON.stringify(f.data)}/${f.cells.join(",")}`;
}

function undecided(r: Report): Set<string> {
  return new Set(Object.entries(r.provenance).filter(([k, p]) => p.ambiguous && r.cells[k] === null).map(([k]) => k));
}

/** What differs between a report and its official document read back, in words; empty when nothing does. */
function differences(src: Report, back: Report): string[] {
  const out: string[] = [];
  for (const k of ["title", "agency", "year", "template"] as const) {
    if (back.meta[k] !== src.meta[k]) out.push(`meta.${k}: ${src.meta[k]} → ${back.meta[k]}`);
  }
  for (const [key, v] of Object.entries(src.cells)) {
    const g = back.cells[key];
    const same = v === null ? g === null : typeof g === "number" && Math.abs(g - v) < 1e-9;
    if (!same) out.push(`${key}: ${v} → ${g}`);
    // A blank cell stays blank and a `/` stays a `/`: the text of an empty cell is kept.
    const raw = src.provenance[key];
    if (v === null && raw?.kind !== undefined && !raw.ambiguous && (back.provenance[key]?.raw ?? "").trim() !== raw.raw.trim()) {
      out.push(`${key}: written “${raw.raw}” → “${back.provenance[key]?.raw}”`);
    }
  }
  for (const [key, g] of Object.entries(back.cells)) if (!(key in src.cells) && g !== null) out.push(`${key}: (none) → ${g}`);
  const before = new Set(runRules(src).map(findingKey));
  const after = runRules(back);
  const open = undecided(src);
  const blankBefore = new Set(runRules(src).filter((f) => f.rule === "cells-blank").flatMap((f) => f.cells));
  for (const f of after) {
    if (before.has(findingKey(f))) continue;
    // Cells the source could not decide are blank in the document: reported blank, nothing else.
    if (f.rule === "cells-blank" && f.cells.every((k) => open.has(k) || blankBefore.has(k)) && f.cells.some((k) => open.has(k))) continue;
    out.push(`new finding: ${findingKey(f)}`);
  }
  return out;
}

/**
 * A random consistent report, some of whose cells are written as a reader would have kept them:
 * blank, `/`, `无`, `00`, `３` (full width), and amounts in 元. Findings about those forms must
 * come back unchanged.
 */
function writtenReport(seed: number, template: "2019" | "2021", zeroRate: number): Report {
  const r = randomReport(seed, { template, zeroRate });
  const rand = rng(seed ^ 0x5eed);
  const defs = cellDefs(templateById(template));
  const forms: Array<(v: number, amount: boolean) => { value: number | null; prov: CellProvenance }> = [
    () => ({ value: null, prov: { raw: "", kind: "blank" } }),
    () => ({ value: null, prov: { raw: "/", kind: "dash" } }),
    () => ({ value: null, prov: { raw: "无", kind: "none" } }),
    () => ({ value: 0, prov: { raw: "00", kind: "number" } }),
    (v) => ({ value: v, prov: { raw: String(v).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), kind: "number" } }),
    (v, amount) => (amount ? { value: v, prov: { raw: `${Math.round(v * 10000)}元`, kind: "number", unit: "元" } } : { value: v, prov: { raw: String(v), kind: "number" } }),
  ];
  for (const d of defs) {
    if (rand() > 0.08) continue;
    const v = r.cells[d.key] ?? 0;
    const form = forms[Math.floor(rand() * forms.length)]!(v, d.column.kind === "amount");
    r.cells[d.key] = form.value;
    r.provenance[d.key] = form.prov;
  }
  return r;
}

describe("official documents read back as the report they came from", () => {
  for (const format of FORMATS) {
    it(`${format}: random reports of both templates, cells written in every form`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.constantFrom("2019" as const, "2021" as const),
          fc.constantFrom(0, 0.5, 0.9, 1),
          fc.boolean(),
          async (seed, template, zeroRate, written) => {
            const src = written ? writtenReport(seed, template, zeroRate) : randomReport(seed, { template, zeroRate });
            const back = await roundTrip(src, format);
            const diff = differences(src, back);
            if (diff.length) throw new Error(`${format} ${template} seed ${seed}:\n${diff.slice(0, 8).join("\n")}`);
            // Nothing undecided in these: the rule findings are the same both ways.
            expect(runRules(src).map(findingKey).sort()).toEqual(runRules(back).map(findingKey).sort());
          },
        ),
        { seed: 20260116, numRuns: 40 },
      );
    });
  }

  it("keeps table 3 of a mixed report (2021 table 2, the old single （六） row)", async () => {
    const src = randomReport(31, { template: "2021", zeroRate: 0.3 });
    for (const c of ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]) {
      const parts = ["other_overdue_correction", "other_overdue_fee", "other_misc"].map((row) => `requests.${row}.${c}`);
      src.cells[`requests.other.${c}`] = parts.reduce((s, k) => s + src.cells[k]!, 0);
      for (const k of parts) delete src.cells[k];
    }
    src.meta.requestsTemplate = "2019";
    for (const format of FORMATS) {
      const back = await roundTrip(src, format);
      expect(back.meta.requestsTemplate, format).toBe("2019");
      expect(differences(src, back), format).toEqual([]);
    }
  });

  it("prints every heading for table data without prose, and finds nothing new", async () => {
    const src = { ...randomReport(32, { template: "2019" }), sections: [] };
    for (const format of FORMATS) {
      const back = await roundTrip(src, format);
      expect(back.sections.map((s) => s.no), format).toEqual([1, 2, 3, 4, 5, 6]);
      expect(differences(src, back), format).toEqual([]);
    }
  });

  it("leaves out a prose part the report lacks, so it is still reported missing", async () => {
    const full = randomReport(33, { template: "2021" });
    const src = { ...full, sections: full.sections.filter((s) => s.no !== 5) };
    for (const format of FORMATS) {
      const back = await roundTrip(src, format);
      expect(back.sections.map((s) => s.no), format).toEqual([1, 2, 3, 4, 6]);
      expect(differences(src, back), format).toEqual([]);
    }
  });

  it("every example and every shared report: same cells, no new finding", { timeout: 300_000 }, async () => {
    const dirs = [EXAMPLES_DIR, ...(SHARED ? [join(SHARED, "seeds"), join(SHARED, "corpus")] : [])].filter(existsSync);
    let checked = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => !/\.(json|md)$/.test(f) || /^\d\d-/.test(f))) {
        const env = await processInput(join(dir, name), { check: false });
        if (env.error) continue; // not a report (corpus notes); the readers' tests cover those
        for (const src of env.reports) {
          for (const format of FORMATS) {
            expect(differences(src, await roundTrip(src, format)), `${name} → ${format}`).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(28);
  });
});
