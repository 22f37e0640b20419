import type { Report, TemplateId } from "../../src/model/report.js";
import { processInput } from "../../src/pipeline/index.js";
import { reportToJson } from "../../src/report/json.js";
import type { Store } from "../../src/store/index.js";
import { cellDefs, templateById } from "../../src/templates/index.js";

/**
 * The hand-built corpus of the statistics tests: 3 agencies (临江市人民政府 and, under it,
 * 交通运输局 and 教育局) × 4 years (2019, 2020 on the 2019 template; 2021, 2022 on 2021), every
 * number written out below so that stats.test.ts can compute each figure by hand. Every cell
 * not given is 0, and every report balances (no finding) except where said:
 *   - 交通运输局 2019 carries one application over to 2020 (二 = 1 in 2020);
 *   - 人民政府 2021 carries one (commercial) over to 2022;
 *   - 交通运输局 2021: “（一）予以公开 · 总计” is blank (a warning);
 *   - 教育局 2020: “行政复议 · 尚未审结” is blank (a warning);
 *   - 教育局 2021: 行政复议 总计 3 ≠ 1 + 1 + 0 + 0 (the one error);
 *   - 教育局 2022: a mixed report (2021 table 2, the old single （六） row in table 3), and
 *     “行政事业性收费 · 本年收费金额” is “/” (a warning).
 */

export const AGENCY = { gov: "临江市人民政府", transport: "临江市交通运输局", education: "临江市教育局" } as const;
export type AgencyKey = keyof typeof AGENCY;

export const REGIONS_CSV = ["机关,行政区划代码,上级机关,层级", "临江市人民政府,320100000000,,市级", "临江市交通运输局,,临江市人民政府,市级", "临江市教育局,,临江市人民政府,市级"].join("\n");

/** Applicant columns used here: natural persons and commercial enterprises (the others stay 0). */
type Cols = { np?: number; co?: number };

interface Spec {
  agency: AgencyKey;
  year: number;
  /** 一 and 二 by column. */
  received: Cols;
  carried?: Cols;
  /** Result rows of table 3 by column (row keys of the report's layout). */
  results: Record<string, Cols>;
  /** Table 4 rows: [upheld, corrected, other, pending]; total is their sum unless `reviewTotal` says otherwise. */
  review?: Partial<Record<"reconsideration" | "suit_direct" | "suit_after", [number, number, number, number]>>;
  reviewTotal?: Partial<Record<"reconsideration" | "suit_direct" | "suit_after", number>>;
  /** Table 2 cells, by key without `active.`. */
  active: Record<string, number>;
  /** Cells written as blank or “/” instead of a number. */
  blank?: Record<string, "" | "/">;
  /** Table 3 keeps the 2019 （六） row though table 2 is 2021's. */
  mixed?: boolean;
}

export const SPECS: Spec[] = [
  // 临江市人民政府
  {
    agency: "gov",
    year: 2019,
    received: { np: 10, co: 2 },
    results: { granted: { np: 5, co: 1 }, partial: { np: 1 }, denied_process_info: { np: 1 }, unable_not_held: { np: 2 }, rejected_repeat: { co: 1 }, other: { np: 1 } },
    review: { reconsideration: [2, 1, 0, 1], suit_direct: [1, 0, 0, 0] },
    active: { "licensing.decisions": 100, "penalty.decisions": 20, "coercion.decisions": 3 },
  },
  {
    agency: "gov",
    year: 2020,
    received: { np: 8 },
    results: { granted: { np: 4 }, partial: { np: 2 }, denied_third_party: { np: 1 }, other: { np: 1 } },
    review: { reconsideration: [1, 0, 0, 0], suit_direct: [0, 1, 0, 0], suit_after: [1, 0, 0, 0] },
    active: { "licensing.decisions": 120, "penalty.decisions": 15, "coercion.decisions": 2 },
  },
  {
    agency: "gov",
    year: 2021,
    received: { np: 20, co: 5 },
    results: { granted: { np: 10, co: 2 }, partial: { np: 3 }, denied_internal_affairs: { np: 2 }, unable_need_creation: { np: 2, co: 1 }, rejected_petition: { np: 1 }, other_misc: { np: 1, co: 1 }, other_overdue_correction: { np: 1 } },
    review: { reconsideration: [3, 2, 1, 0], suit_direct: [2, 1, 0, 1], suit_after: [0, 1, 0, 0] },
    active: { "normative_docs.issued": 4, "normative_docs.repealed": 1, "normative_docs.in_force": 30, "licensing.decisions": 90, "penalty.decisions": 40, "coercion.decisions": 5, "fees.amount": 12.5 },
  },
  {
    agency: "gov",
    year: 2022,
    received: { np: 15 },
    carried: { co: 1 },
    results: { granted: { np: 9 }, partial: { np: 1, co: 1 }, denied_state_secret: { np: 1 }, unable_not_held: { np: 2 }, rejected_repeat: { np: 1 }, other_overdue_fee: { np: 1 } },
    review: { reconsideration: [1, 1, 0, 1], suit_after: [1, 1, 0, 0] },
    active: { "normative_docs.issued": 3, "normative_docs.in_force": 33, "licensing.decisions": 80, "penalty.decisions": 35, "coercion.decisions": 4, "fees.amount": 10.25 },
  },
  // 临江市交通运输局
  {
    agency: "transport",
    year: 2019,
    received: { np: 3 },
    results: { granted: { np: 1 }, unable_not_held: { np: 1 } },
    active: { "licensing.decisions": 10, "penalty.decisions": 5 },
  },
  {
    agency: "transport",
    year: 2020,
    received: { np: 2 },
    carried: { np: 1 },
    results: { granted: { np: 2 }, rejected_repeat: { np: 1 } },
    active: { "licensing.decisions": 12, "penalty.decisions": 6, "coercion.decisions": 1 },
  },
  {
    agency: "transport",
    year: 2021,
    received: { np: 6 },
    results: { granted: { np: 3 }, partial: { np: 1 }, unable_not_held: { np: 2 } },
    review: { suit_direct: [1, 0, 0, 0] },
    active: { "normative_docs.issued": 1, "normative_docs.in_force": 8, "licensing.decisions": 15, "penalty.decisions": 7, "fees.amount": 0 },
    blank: { "requests.granted.total": "" },
  },
  {
    agency: "transport",
    year: 2022,
    received: { np: 4 },
    results: { granted: { np: 2 }, denied_process_info: { np: 1 }, other_misc: { np: 1 } },
    review: { reconsideration: [0, 1, 0, 0] },
    active: { "normative_docs.repealed": 1, "normative_docs.in_force": 7, "licensing.decisions": 11, "penalty.decisions": 9, "coercion.decisions": 1, "fees.amount": 0.5 },
  },
  // 临江市教育局
  {
    agency: "education",
    year: 2019,
    received: { np: 1 },
    results: { unable_not_held: { np: 1 } },
    active: {},
  },
  {
    agency: "education",
    year: 2020,
    received: {},
    results: {},
    review: { reconsideration: [1, 0, 0, 0] },
    active: { "licensing.decisions": 2, "penalty.decisions": 1 },
    blank: { "review.reconsideration.pending": "" },
  },
  {
    agency: "education",
    year: 2021,
    received: { np: 2 },
    results: { granted: { np: 1 }, partial: { np: 1 } },
    review: { reconsideration: [1, 1, 0, 0] },
    reviewTotal: { reconsideration: 3 },
    active: { "normative_docs.in_force": 2, "licensing.decisions": 3, "penalty.decisions": 2, "fees.amount": 0 },
  },
  {
    agency: "education",
    year: 2022,
    mixed: true,
    received: { np: 5, co: 1 },
    results: { granted: { np: 2 }, partial: { co: 1 }, denied_state_secret: { np: 1 }, other: { np: 2 } },
    review: { suit_direct: [0, 2, 0, 1] },
    active: { "normative_docs.issued": 1, "normative_docs.in_force": 3, "licensing.decisions": 4, "penalty.decisions": 3, "coercion.decisions": 1 },
    blank: { "active.fees.amount": "/" },
  },
];

const COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org"] as const;

function row(cells: Record<string, number | null>, key: string, c: Cols = {}): void {
  const v = { natural_person: c.np ?? 0, commercial: c.co ?? 0 } as Record<string, number>;
  for (const col of COLUMNS) cells[`requests.${key}.${col}`] = v[col] ?? 0;
  cells[`requests.${key}.total`] = (c.np ?? 0) + (c.co ?? 0);
}

/** The report a spec describes: every other cell 0, table 3's totals, （七） and 四 worked out so that the identities hold. */
export function specReport(s: Spec): Report {
  const template: TemplateId = s.year < 2021 ? "2019" : "2021";
  const layout = templateById(s.mixed ? "2019" : template);
  const cells: Record<string, number | null> = {};
  for (const d of cellDefs(templateById(template))) if (!d.key.startsWith("requests.")) cells[d.key] = 0;
  for (const d of cellDefs(layout)) if (d.key.startsWith("requests.")) cells[d.key] = 0;
  row(cells, "new_received", s.received);
  row(cells, "carried_over", s.carried);
  const done: Cols = { np: 0, co: 0 };
  for (const [key, c] of Object.entries(s.results)) {
    if (!(`requests.${key}.total` in cells)) throw new Error(`${s.agency} ${s.year}: no row ${key} in the ${layout.id} layout`);
    row(cells, key, c);
    done.np! += c.np ?? 0;
    done.co! += c.co ?? 0;
  }
  row(cells, "total", done);
  const left = (k: "np" | "co") => (s.received[k] ?? 0) + (s.carried?.[k] ?? 0) - done[k]!;
  row(cells, "carried_forward", { np: left("np"), co: left("co") });
  for (const [r, [upheld, corrected, other, pending]] of Object.entries(s.review ?? {})) {
    Object.assign(cells, { [`review.${r}.upheld`]: upheld, [`review.${r}.corrected`]: corrected, [`review.${r}.other`]: other, [`review.${r}.pending`]: pending });
    cells[`review.${r}.total`] = upheld + corrected + other + pending;
  }
  for (const [r, total] of Object.entries(s.reviewTotal ?? {})) cells[`review.${r}.total`] = total;
  for (const [k, v] of Object.entries(s.active)) {
    if (!(`active.${k}` in cells)) throw new Error(`${s.agency} ${s.year}: no cell active.${k} in the ${template} template`);
    cells[`active.${k}`] = v;
  }
  const provenance: Report["provenance"] = {};
  for (const [k, v] of Object.entries(cells)) provenance[k] = { raw: String(v), kind: "number" };
  for (const [k, raw] of Object.entries(s.blank ?? {})) {
    cells[k] = null;
    provenance[k] = { raw, kind: raw === "" ? "blank" : "dash" };
  }
  const agency = AGENCY[s.agency];
  return {
    meta: { title: `${agency}${s.year}年政府信息公开工作年度报告`, agency, year: s.year, template, ...(s.mixed ? { requestsTemplate: "2019" as const } : {}) },
    sections: [],
    cells,
    provenance,
    findings: [],
  };
}

/** A report as the JSON file a user would import. */
export function reportBytes(r: Report): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(reportToJson(r)));
}

/** Imports the 12 reports (through the pipeline, as `nianbao import` does) and the region tree; returns the report ids by `agency year`. */
export async function seedCorpus(store: Store): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of SPECS) {
    const bytes = reportBytes(specReport(s));
    const env = await processInput({ bytes, name: `${AGENCY[s.agency]}${s.year}.json` });
    const out = await store.importEnvelope(env, bytes);
    ids.set(`${s.agency} ${s.year}`, out.reports[0]!);
  }
  await store.importRegions(REGIONS_CSV, "regions.csv");
  return ids;
}
