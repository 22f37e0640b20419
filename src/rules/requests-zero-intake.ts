import type { MatrixTable } from "../templates/types.js";
import type { ReportRule } from "./types.js";
import { cellList, rowShort, say, tableName } from "./util.js";

/** 一、本年新收 and 二、上年结转. */
const INTAKE = new Set(["new_received", "carried_over"]);

const meta: ReportRule["meta"] = {
  id: "requests-zero-intake",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "requests",
  basis: ["T3-X2"],
  title: "表三：没有新收也没有结转，整张表应全为 0",
  description:
    "如果“一、本年新收”和“二、上年结转”两行全是 0，这一年就没有要办理的申请，办理结果、（七）总计和结转下年度也都只能是 0。常见于照抄上年表格或把别的单位的数填进来。只有这两行每格都是数字 0 时才检查。",
  messages: {
    nonzero: "{table}“{rows}”两行全为 0（本年没有新收、也没有上年结转的申请），但 {cells} 不为 0",
  },
};

export const requestsZeroIntake: ReportRule = {
  meta,
  check(r, ctx) {
    const { intake, rest, rows, table } = keysOf(ctx.requestsLayout.requests);
    for (const k of intake) if (r.cells[k] !== 0) return [];
    const nonzero = rest.filter((k) => typeof r.cells[k] === "number" && r.cells[k] !== 0);
    if (nonzero.length === 0) return [];
    const describe = (k: string) => `（${r.cells[k]}）`;
    const message = say(meta, "nonzero", { table, rows, cells: cellList(nonzero, ctx.template, 6, describe) });
    return [{ ...message, cells: [...nonzero, ...intake] }];
  },
};

const cache = new WeakMap<MatrixTable, { intake: string[]; rest: string[]; rows: string; table: string }>();

function keysOf(m: MatrixTable) {
  let k = cache.get(m);
  if (!k) {
    const keys = (rows: typeof m.rows) => rows.flatMap((row) => m.columns.map((c) => `${m.id}.${row.key}.${c.key}`));
    const intakeRows = m.rows.filter((row) => INTAKE.has(row.key));
    k = {
      intake: keys(intakeRows),
      rest: keys(m.rows.filter((row) => !INTAKE.has(row.key))),
      rows: intakeRows.map(rowShort).join("”“"),
      table: tableName(m.title),
    };
    cache.set(m, k);
  }
  return k;
}
