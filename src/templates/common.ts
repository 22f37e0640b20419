import type { ColumnDef, HeaderNode, IdentityDef, MatrixTable, RowDef, SectionDef } from "./types.js";

// Parts shared by both statutory templates (format.md §1, §2.2, §2.3, §3.2, §3.3).

export const SECTIONS: SectionDef[] = [
  { no: 1, title: "总体情况" },
  { no: 2, title: "主动公开政府信息情况" },
  { no: 3, title: "收到和处理政府信息公开申请情况" },
  {
    no: 4,
    title: "政府信息公开行政复议、行政诉讼情况",
    variants: ["因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议行政诉讼情况"],
  },
  {
    no: 5,
    title: "存在的主要问题及改进情况",
    variants: ["政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的主要问题和改进情况"],
  },
  { no: 6, title: "其他需要报告的事项" },
];

/**
 * A numbered heading that starts with this many characters of its section's title, and is at most
 * TITLE_EXTRA characters longer, heads that section though its ending differs
 * (`五、存在的主要问题及明年工作计划`). Shorter titles must match whole.
 */
export const TITLE_PREFIX = 7;
export const TITLE_EXTRA = 6;

export const REQUEST_COLUMNS: ColumnDef[] = [
  { key: "natural_person", label: "自然人", kind: "count" },
  { key: "commercial", label: "商业企业", kind: "count" },
  { key: "research", label: "科研机构", kind: "count" },
  { key: "social_org", label: "社会公益组织", kind: "count" },
  { key: "legal_service", label: "法律服务机构", kind: "count" },
  { key: "other_org", label: "其他", kind: "count" },
  { key: "total", label: "总计", variants: ["合计"], kind: "count" },
];

export const REQUEST_HEADER: HeaderNode[] = [
  {
    label: "申请人情况",
    children: [
      { label: "自然人", column: "natural_person" },
      {
        label: "法人或其他组织",
        children: [
          { label: "商业企业", column: "commercial" },
          { label: "科研机构", column: "research" },
          { label: "社会公益组织", column: "social_org" },
          { label: "法律服务机构", column: "legal_service" },
          { label: "其他", column: "other_org" },
        ],
      },
      { label: "总计", variants: ["合计"], column: "total" },
    ],
  },
];

const G3 = "（三）不予公开";
const G4 = "（四）无法提供";
const G5 = "（五）不予处理";
const G6 = "（六）其他处理";
const RESULTS = "三、本年度办理结果";

export const ROWS_HEAD: RowDef[] = [
  { key: "new_received", label: "一、本年新收政府信息公开申请数量", name: "一、本年新收政府信息公开申请数量" },
  { key: "carried_over", label: "二、上年结转政府信息公开申请数量", name: "二、上年结转政府信息公开申请数量" },
  { key: "granted", label: "（一）予以公开", group: RESULTS, name: "（一）予以公开" },
  {
    key: "partial",
    label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    variants: ["（二）部分公开（区分处理的，只记这一情形，不记其他情形）", "（二）部分公开"],
    group: RESULTS,
    name: "（二）部分公开",
  },
  { key: "denied_state_secret", label: "1.属于国家秘密", group: G3, name: "（三）1.属于国家秘密" },
  {
    key: "denied_law_forbidden",
    label: "2.其他法律行政法规禁止公开",
    variants: ["2.其他法律法规禁止公开"],
    group: G3,
    name: "（三）2.其他法律行政法规禁止公开",
  },
  { key: "denied_security_stability", label: "3.危及“三安全一稳定”", group: G3, name: "（三）3.危及“三安全一稳定”" },
  { key: "denied_third_party", label: "4.保护第三方合法权益", group: G3, name: "（三）4.保护第三方合法权益" },
  { key: "denied_internal_affairs", label: "5.属于三类内部事务信息", group: G3, name: "（三）5.属于三类内部事务信息" },
  { key: "denied_process_info", label: "6.属于四类过程性信息", group: G3, name: "（三）6.属于四类过程性信息" },
  { key: "denied_enforcement_file", label: "7.属于行政执法案卷", group: G3, name: "（三）7.属于行政执法案卷" },
  { key: "denied_admin_query", label: "8.属于行政查询事项", group: G3, name: "（三）8.属于行政查询事项" },
  { key: "unable_not_held", label: "1.本机关不掌握相关政府信息", group: G4, name: "（四）1.本机关不掌握相关政府信息" },
  { key: "unable_need_creation", label: "2.没有现成信息需要另行制作", group: G4, name: "（四）2.没有现成信息需要另行制作" },
  { key: "unable_unclear", label: "3.补正后申请内容仍不明确", group: G4, name: "（四）3.补正后申请内容仍不明确" },
  {
    key: "rejected_petition",
    label: "1.信访举报投诉类申请",
    variants: ["1.信访投诉举报类申请"],
    group: G5,
    name: "（五）1.信访举报投诉类申请",
  },
  { key: "rejected_repeat", label: "2.重复申请", group: G5, name: "（五）2.重复申请" },
  { key: "rejected_publication", label: "3.要求提供公开出版物", group: G5, name: "（五）3.要求提供公开出版物" },
  { key: "rejected_massive", label: "4.无正当理由大量反复申请", group: G5, name: "（五）4.无正当理由大量反复申请" },
  {
    key: "rejected_confirm",
    label: "5.要求行政机关确认或重新出具已获取信息",
    variants: ["5.要求行政机关确认或重新出具"],
    group: G5,
    name: "（五）5.要求行政机关确认或重新出具已获取信息",
  },
];

export const ROW_OTHER_2019: RowDef = { key: "other", label: "（六）其他处理", group: RESULTS, name: "（六）其他处理" };

export const ROWS_OTHER_2021: RowDef[] = [
  {
    key: "other_overdue_correction",
    label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    variants: ["1.逾期不补正"],
    group: G6,
    name: "（六）1.申请人无正当理由逾期不补正",
  },
  {
    key: "other_overdue_fee",
    label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    variants: ["2.逾期未缴费"],
    group: G6,
    name: "（六）2.申请人逾期未按收费通知要求缴纳费用",
  },
  { key: "other_misc", label: "3.其他", group: G6, name: "（六）3.其他" },
];

export const ROWS_TAIL: RowDef[] = [
  { key: "total", label: "（七）总计", variants: ["（七）合计"], group: RESULTS, name: "（七）总计" },
  { key: "carried_forward", label: "四、结转下年度继续办理", name: "四、结转下年度继续办理" },
];

/** Row labels that group other rows; they have no numbers of their own. */
export const REQUEST_GROUP_LABELS = [RESULTS, G3, G4, G5, G6];

export function requestsTable(otherRows: RowDef[]): MatrixTable {
  return {
    id: "requests",
    title: "三、收到和处理政府信息公开申请情况",
    rows: [...ROWS_HEAD, ...otherRows, ...ROWS_TAIL],
    columns: REQUEST_COLUMNS,
    header: REQUEST_HEADER,
    corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    layout: "rows",
  };
}

const REVIEW_COLUMNS: ColumnDef[] = [
  { key: "upheld", label: "结果维持", variants: ["结果维护"], kind: "count" },
  { key: "corrected", label: "结果纠正", kind: "count" },
  { key: "other", label: "其他结果", kind: "count" },
  { key: "pending", label: "尚未审结", kind: "count" },
  { key: "total", label: "总计", variants: ["合计"], kind: "count" },
];

const reviewLeaves = (row: string): HeaderNode[] =>
  REVIEW_COLUMNS.map((c) => ({ label: c.label, variants: c.variants, column: `${row}.${c.key}` }));

export const REVIEW_TABLE: MatrixTable = {
  id: "review",
  title: "四、政府信息公开行政复议、行政诉讼情况",
  rows: [
    { key: "reconsideration", label: "行政复议", name: "行政复议" },
    { key: "suit_direct", label: "未经复议直接起诉", name: "行政诉讼·未经复议直接起诉" },
    { key: "suit_after", label: "复议后起诉", name: "行政诉讼·复议后起诉" },
  ],
  columns: REVIEW_COLUMNS,
  header: [
    { label: "行政复议", children: reviewLeaves("reconsideration") },
    {
      label: "行政诉讼",
      children: [
        { label: "未经复议直接起诉", children: reviewLeaves("suit_direct") },
        { label: "复议后起诉", children: reviewLeaves("suit_after") },
      ],
    },
  ],
  layout: "side-by-side",
};

export function identities(resultRows: string[]): IdentityDef[] {
  return [
    {
      id: "requests-column-balance",
      table: "requests",
      over: "columns",
      left: ["new_received", "carried_over"],
      right: ["total", "carried_forward"],
      title: "一+二 = （七）总计+四",
    },
    {
      id: "requests-column-results",
      table: "requests",
      over: "columns",
      left: ["total"],
      right: resultRows,
      title: "（七）总计 = 各办理结果之和",
    },
    {
      id: "requests-row-total",
      table: "requests",
      over: "rows",
      left: ["total"],
      right: ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org"],
      title: "总计 = 自然人+法人或其他组织各列",
    },
    {
      id: "review-total",
      table: "review",
      over: "rows",
      left: ["total"],
      right: ["upheld", "corrected", "other", "pending"],
      title: "总计 = 结果维持+结果纠正+其他结果+尚未审结",
    },
  ];
}

export const RESULT_ROWS_HEAD = ROWS_HEAD.slice(2).map((r) => r.key);
