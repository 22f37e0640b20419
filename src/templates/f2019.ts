import type { ColumnDef, Template } from "./types.js";
import { REVIEW_TABLE, ROW_OTHER_2019, RESULT_ROWS_HEAD, SECTIONS, identities, requestsTable } from "./common.js";

// 国办公开办函〔2019〕60号 — reports on 2019 and 2020 (format.md §2).

const ITEMS_COLUMNS: ColumnDef[] = [
  { key: "prev_items", label: "上一年项目数量", kind: "count" },
  { key: "change", label: "本年增/减", variants: ["本年增减", "本年增（减）"], kind: "signed" },
  { key: "decisions", label: "处理决定数量", variants: ["本年处理决定数量"], kind: "count" },
];

export const F2019: Template = {
  id: "2019",
  name: "2019 年版格式（国办公开办函〔2019〕60号，适用于 2019、2020 年度报告）",
  years: { from: 2019, to: 2020 },
  sections: SECTIONS,
  active: {
    title: "二、主动公开政府信息情况",
    corner: "信息内容",
    blocks: [
      {
        caption: "第二十条第（一）项",
        item: 1,
        columns: [
          { key: "made", label: "本年新制作数量", kind: "count" },
          { key: "published", label: "本年新公开数量", kind: "count" },
          { key: "public_total", label: "对外公开总数量", kind: "count" },
        ],
        rows: [
          { key: "regulations", label: "规章", name: "规章" },
          {
            key: "normative_docs",
            label: "规范性文件",
            variants: ["规范性文件（本单位制发的）", "行政规范性文件"],
            name: "规范性文件",
          },
        ],
      },
      {
        caption: "第二十条第（五）项",
        item: 5,
        columns: ITEMS_COLUMNS,
        rows: [
          { key: "licensing", label: "行政许可", name: "行政许可" },
          { key: "other_services", label: "其他对外管理服务事项", name: "其他对外管理服务事项" },
        ],
      },
      {
        caption: "第二十条第（六）项",
        item: 6,
        columns: ITEMS_COLUMNS,
        rows: [
          { key: "penalty", label: "行政处罚", name: "行政处罚" },
          { key: "coercion", label: "行政强制", name: "行政强制" },
        ],
      },
      {
        caption: "第二十条第（八）项",
        item: 8,
        columns: ITEMS_COLUMNS.slice(0, 2),
        rows: [{ key: "fees", label: "行政事业性收费", name: "行政事业性收费" }],
      },
      {
        caption: "第二十条第（九）项",
        item: 9,
        columns: [
          { key: "items", label: "采购项目数量", kind: "count" },
          { key: "amount", label: "采购总金额", variants: ["采购总金额（万元）", "采购总金额（万元，保留四位小数）"], kind: "amount" },
        ],
        rows: [{ key: "procurement", label: "政府集中采购", name: "政府集中采购" }],
      },
    ],
  },
  requests: requestsTable([ROW_OTHER_2019]),
  review: REVIEW_TABLE,
  identities: identities([...RESULT_ROWS_HEAD, "other"]),
};
