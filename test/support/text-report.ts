import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";

/** A tab-separated row, as text copied out of a Word table (the tab-row shape of seed 001). */
export const row = (...cells: (string | number)[]) => cells.join("\t");

/**
 * Wraps table lines in a minimal report: a title and the six section heads, so a test can say
 * only what it is about. `parts` replaces the body of a section (1–6).
 */
export function reportText(parts: Partial<Record<1 | 2 | 3 | 4 | 5 | 6, string>>, title = "测试县人民政府2021年政府信息公开工作年度报告"): string {
  const heads = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"];
  const body = heads.map((h, i) => `${h}\n${parts[(i + 1) as 1] ?? (i === 4 ? "一是公开深度不够。下一步加强培训。" : "无。")}\n`);
  return `${title}\n${body.join("\n")}`;
}

export async function readText(text: string, name = "test.txt"): Promise<Report> {
  const [r] = await readReports(new TextEncoder().encode(text), { name });
  return r!;
}

/** The 25 rows of a 2021 table 3 in tab-row shape, each with 7 values from `values(rowIndex)`. */
export function requests2021(values: (i: number, label: string) => (string | number)[], header = defaultHeader()): string {
  const labels = [
    ["一、本年新收政府信息公开申请数量"],
    ["二、上年结转政府信息公开申请数量"],
    ["三、本年度办理结果", "（一）予以公开"],
    ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    ["", "（三）不予公开", "1.属于国家秘密"],
    ["", "", "2.其他法律行政法规禁止公开"],
    ["", "", "3.危及“三安全一稳定”"],
    ["", "", "4.保护第三方合法权益"],
    ["", "", "5.属于三类内部事务信息"],
    ["", "", "6.属于四类过程性信息"],
    ["", "", "7.属于行政执法案卷"],
    ["", "", "8.属于行政查询事项"],
    ["", "（四）无法提供", "1.本机关不掌握相关政府信息"],
    ["", "", "2.没有现成信息需要另行制作"],
    ["", "", "3.补正后申请内容仍不明确"],
    ["", "（五）不予处理", "1.信访举报投诉类申请"],
    ["", "", "2.重复申请"],
    ["", "", "3.要求提供公开出版物"],
    ["", "", "4.无正当理由大量反复申请"],
    ["", "", "5.要求行政机关确认或重新出具已获取信息"],
    ["", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    ["", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    ["", "", "3.其他"],
    ["", "（七）总计"],
    ["四、结转下年度继续办理"],
  ];
  return [...header, ...labels.map((l, i) => row(...l, ...values(i, l[l.length - 1]!)))].join("\n");
}

export function defaultHeader(total = "总计"): string[] {
  return [
    row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"),
    row("", "自然人", "法人或其他组织", total),
    row("", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""),
  ];
}

export const REVIEW_HEADER = [
  row("行政复议", "", "", "", "", "行政诉讼"),
  row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"),
  row("", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"),
];
