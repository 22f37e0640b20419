import type { Report, TemplateId } from "../model/report.js";
import { rng } from "../text/random.js";
import { cellDefs, templateById } from "../templates/index.js";
import type { Template } from "../templates/types.js";

/**
 * Random but internally consistent canonical reports: every statutory identity holds, the
 * prose states the same numbers as the tables. Used for examples, round-trip tests, the
 * mutation test of the rules, and benchmarks. Deterministic for a given seed.
 */
export interface GenerateOptions {
  template?: TemplateId;
  /** Report year; defaults to one that fits the template. */
  year?: number;
  agency?: string;
  /** Share of result cells that are 0 (real reports are mostly zeros). Default 0.7. */
  zeroRate?: number;
  /** Largest count in a single result cell. Default 40. */
  maxCount?: number;
}

/** Re-exported for the tests and the bench that seed their own choices. */
export { rng };

const PLACES = ["青山", "临江", "白沙", "云溪", "东湖", "石桥", "柳塘", "北岭", "南浦", "金河", "松原", "梅岭"];
const BODIES = ["县人民政府", "市人民政府", "区人民政府", "镇人民政府", "街道办事处", "县交通运输局", "市生态环境局", "县教育局", "区市场监督管理局", "县自然资源局"];

export function randomAgency(rand: () => number): string {
  const p = PLACES[Math.floor(rand() * PLACES.length)]!;
  const b = BODIES[Math.floor(rand() * BODIES.length)]!;
  return p + b;
}

export function randomReport(seed: number, opts: GenerateOptions = {}): Report {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const zeroRate = opts.zeroRate ?? 0.7;
  const maxCount = opts.maxCount ?? 40;
  const count = () => (rand() < zeroRate ? 0 : 1 + int(maxCount - 1));
  const templateId = opts.template ?? (rand() < 0.5 ? "2019" : "2021");
  const t = templateById(templateId);
  const year = opts.year ?? (templateId === "2019" ? 2019 + int(1) : 2021 + int(4));
  const agency = opts.agency ?? randomAgency(rand);
  const cells: Record<string, number | null> = {};

  activeTable(t, cells, rand, int);
  requestsTable(t, cells, count, int);
  reviewTable(t, cells, count);

  const provenance = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, { raw: v === null ? "" : String(v) }]));
  const title = `${agency}${year}年政府信息公开工作年度报告`;
  return {
    meta: { title, agency, year, template: templateId },
    sections: prose(t, cells, year, agency, rand),
    cells,
    provenance,
    findings: [],
  };
}

function activeTable(t: Template, cells: Record<string, number | null>, rand: () => number, int: (n: number) => number) {
  for (const b of t.active.blocks) {
    for (const row of b.rows) {
      const key = (c: string) => `active.${row.key}.${c}`;
      if (b.item === 1 && t.id === "2021") {
        const issued = int(12);
        const repealed = int(5);
        cells[key("issued")] = issued;
        cells[key("repealed")] = repealed;
        cells[key("in_force")] = Math.max(0, issued - repealed) + int(60);
      } else if (b.item === 1) {
        const made = int(12);
        cells[key("made")] = made;
        cells[key("published")] = made;
        cells[key("public_total")] = made + int(80);
      } else {
        for (const c of b.columns) {
          if (c.kind === "amount") cells[key(c.key)] = Math.round(rand() * 1e8) / 1e4; // up to 10000 万元, 4 decimals
          else if (c.kind === "signed") cells[key(c.key)] = int(20) - 10;
          else cells[key(c.key)] = rand() < 0.4 ? 0 : int(rand() < 0.2 ? 5000 : 120);
        }
      }
    }
  }
  // Items after the change are never negative (T2-D).
  for (const row of ["licensing", "other_services", "penalty", "coercion", "fees"]) {
    const prev = cells[`active.${row}.prev_items`];
    const change = cells[`active.${row}.change`];
    if (typeof prev === "number" && typeof change === "number" && prev + change < 0) cells[`active.${row}.change`] = 0 - prev; // never -0
  }
}

/** The six applicant columns of table 3, whose sum is the 总计 column. */
export const APPLICANTS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org"];

function requestsTable(t: Template, cells: Record<string, number | null>, count: () => number, int: (n: number) => number) {
  const m = t.requests;
  const results = t.identities.find((i) => i.id === "requests-column-results")!.right;
  for (const col of APPLICANTS) {
    // Natural persons file most applications; organisations are mostly zero.
    const scale = col === "natural_person" ? 1 : 0.25;
    let total = 0;
    for (const row of results) {
      const v = Math.round(count() * scale);
      cells[`requests.${row}.${col}`] = v;
      total += v;
    }
    const forward = Math.round(int(3) * scale);
    const over = Math.min(total + forward, Math.round(int(3) * scale));
    cells[`requests.total.${col}`] = total;
    cells[`requests.carried_forward.${col}`] = forward;
    cells[`requests.carried_over.${col}`] = over;
    cells[`requests.new_received.${col}`] = total + forward - over;
  }
  for (const row of m.rows) {
    cells[`requests.${row.key}.total`] = APPLICANTS.reduce((s, c) => s + (cells[`requests.${row.key}.${c}`] as number), 0);
  }
}

function reviewTable(t: Template, cells: Record<string, number | null>, count: () => number) {
  for (const row of t.review.rows) {
    let sum = 0;
    for (const c of ["upheld", "corrected", "other", "pending"]) {
      const v = Math.round(count() / 8);
      cells[`review.${row.key}.${c}`] = v;
      sum += v;
    }
    cells[`review.${row.key}.total`] = sum;
  }
}

const WORK = [
  "坚持以公开为常态、不公开为例外",
  "围绕中心工作做好政策解读和回应关切",
  "及时更新政府信息公开指南和目录",
  "加强政府网站和政务新媒体建设",
  "严格执行保密审查和发布审核制度",
  "推进重点领域信息公开",
];

/**
 * The six sections' prose for these cells: part 一 states the numbers of tables 2 and 3, part 四
 * those of table 4. Exported so that a report whose cells were edited can restate them.
 */
export function prose(t: Template, cells: Record<string, number | null>, year: number, agency: string, rand: () => number): Report["sections"] {
  const pick = () => WORK[Math.floor(rand() * WORK.length)]!;
  const n = (k: string) => cells[k] ?? 0;
  const received = n("requests.new_received.total");
  const over = n("requests.carried_over.total");
  const done = n("requests.total.total");
  const forward = n("requests.carried_forward.total");
  const recon = n("review.reconsideration.total");
  const suits = n("review.suit_direct.total") + n("review.suit_after.total");
  const normative = t.id === "2021" ? n("active.normative_docs.issued") : n("active.normative_docs.made");
  const sections = [
    `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，${pick()}，${pick()}。全年制发规范性文件${normative}件。本年新收政府信息公开申请${received}件，上年结转${over}件，办结${done}件，结转下年度继续办理${forward}件。`,
    "",
    "",
    `全年发生政府信息公开行政复议${recon}件，行政诉讼${suits}件。`,
    `一是主动公开的深度和广度还需拓展；二是依申请公开答复的规范性有待提高。下一步将${pick()}，${pick()}。`,
    t.id === "2021" ? `本年度未收取信息处理费。` : "无。",
  ];
  return sections.map((text, i) => ({ no: i + 1, title: t.sections[i]!.title, text }));
}

/** Every canonical key of the template has a value in a generated report. */
export function isComplete(r: Report): boolean {
  return cellDefs(templateById(r.meta.template!)).every((d) => typeof r.cells[d.key] === "number");
}
