import type { ColumnDef, Template } from "./types.js";
import { REVIEW_TABLE, ROWS_OTHER_2021, RESULT_ROWS_HEAD, SECTIONS, identities, requestsTable } from "./common.js";

// 国办公开办函〔2021〕30号 — reports on 2021 onward (format.md §3).

const DECISIONS: ColumnDef[] = [{ key: "decisions", label: "本年处理决定数量", variants: ["处理决定数量"], kind: "count" }];

export const F2021: Template = {
  id: "2021",
  name: "2021 年版格式（国办公开办函〔2021〕30号，适用于 2021 年度及以后的报告）",
  years: { from: 2021, to: null },
  sections: SECTIONS,
  active: {
    title: "二、主动公开政府信息情况",
    corner: "信息内容",
    blocks: [
      {
        caption: "第二十条第（一）项",
        item: 1,
        columns: [
          { key: "issued", label: "本年制发件数", kind: "count" },
          { key: "repealed", label: "本年废止件数", variants: ["本年度止件数"], kind: "count" },
          { key: "in_force", label: "现行有效件数", kind: "count" },
        ],
        rows: [
          { key: "regulations", label: "规章", name: "规章" },
          { key: "normative_docs", label: "行政规范性文件", variants: ["规范性文件"], name: "行政规范性文件" },
        ],
      },
      {
        caption: "第二十条第（五）项",
        item: 5,
        columns: DECISIONS,
        rows: [{ key: "licensing", label: "行政许可", name: "行政许可" }],
      },
      {
        caption: "第二十条第（六）项",
        item: 6,
        columns: DECISIONS,
        rows: [
          { key: "penalty", label: "行政处罚", name: "行政处罚" },
          { key: "coercion", label: "行政强制", name: "行政强制" },
        ],
      },
      {
        caption: "第二十条第（八）项",
        item: 8,
        columns: [
          {
            key: "amount",
            label: "本年收费金额（单位：万元）",
            variants: ["本年收费金额（单位：万元，保留4位小数）", "本年收费金额（万元）", "本年收费金额"],
            kind: "amount",
          },
        ],
        rows: [{ key: "fees", label: "行政事业性收费", name: "行政事业性收费" }],
      },
    ],
  },
  requests: requestsTable(ROWS_OTHER_2021),
  review: REVIEW_TABLE,
  identities: identities([...RESULT_ROWS_HEAD, "other_overdue_correction", "other_overdue_fee", "other_misc"]),
};
