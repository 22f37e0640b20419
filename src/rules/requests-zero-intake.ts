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
    const m = ctx.requestsLayout.requests;
    const intakeRows = m.rows.filter((row) => INTAKE.has(row.key));
    const intake = intakeRows.flatMap((row) => m.columns.map((c) => `${m.id}.${row.key}.${c.key}`));
    if (!intake.every((k) => r.cells[k] === 0)) return [];
    const nonzero = m.rows
      .filter((row) => !INTAKE.has(row.key))
      .flatMap((row) => m.columns.map((c) => `${m.id}.${row.key}.${c.key}`))
      .filter((k) => typeof r.cells[k] === "number" && r.cells[k] !== 0);
    if (nonzero.length === 0) return [];
    const describe = (k: string) => `（${r.cells[k]}）`;
    const message = say(meta, "nonzero", {
      table: tableName(m.title),
      rows: intakeRows.map(rowShort).join("”“"),
      cells: cellList(nonzero, ctx.template, 6, describe),
    });
    return [{ message, cells: [...nonzero, ...intake] }];
  },
};
