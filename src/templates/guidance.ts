import type { TemplateId } from "../model/report.js";

/**
 * What each of the six parts of an annual report must say, as data beside the templates: the
 * filing form shows it next to each part. Every point cites where it comes from in the
 * project's statutory reference (`spec/format.md` of the shared spec, beside the checkout as
 * ../shared/spec/format.md) and how sure that is, with format.md's tags: `V` verified in the official text or real
 * reports, `P` observed practice, `R` background not verified, `3P` what third-party checkers do.
 * Points tagged other than `V` are shown as advice, not as the law.
 */
export interface GuidancePoint {
  /** Chinese, for the clerk. */
  text: string;
  /** format.md section and its sources, e.g. `format.md §4.1（国办公开办函〔2021〕30号，S6b）`. */
  basis: string;
  tag: "V" | "P" | "R" | "3P";
  /** Templates it applies to; absent: both. */
  templates?: TemplateId[];
}

export interface SectionGuidance {
  no: number;
  /** One line on what the part is. */
  summary: string;
  points: GuidancePoint[];
}

/** What the tags mean, in Chinese, for the form's legend. */
export const GUIDANCE_TAGS: Record<GuidancePoint["tag"], string> = {
  V: "已核实（法定格式原文或真实报告）",
  P: "实际做法（真实报告中常见）",
  R: "背景知识，未找到原文核实",
  "3P": "第三方检查工具的做法，非法定要求",
};

/** Points that apply to the whole report, shown above the six parts. */
export const REPORT_GUIDANCE: readonly GuidancePoint[] = [
  {
    text: "报告内容严格按照《政府信息公开条例》第五十条确定：不得缺项，也不宜超出条例规定的内容。",
    basis: "format.md §4.1（国办公开办函〔2021〕30号“一、报告内容”，S6b）",
    tag: "V",
    templates: ["2021"],
  },
  {
    text: "六个部分按固定标题和顺序编排；第二、三、四部分是法定表格。",
    basis: "format.md §1（S1、S3、S4）",
    tag: "V",
  },
  {
    text: "表格的结构不要改动（不增删行列，不另加小计行）。",
    basis: "format.md §4.1（“（二）–（四）”，原文措辞未核实）、§2.2（S5 错加小计行的反例）",
    tag: "R",
  },
  {
    text: "统计期间为报告年度的 1 月 1 日至 12 月 31 日，前言中通常写明。",
    basis: "format.md §0（四川省地方标准 DB51/T 2660—2019，S6i）",
    tag: "V",
  },
  {
    text: "县级以上人民政府部门应于每年 1 月 31 日前向本级主管部门报送并公布上一年度报告（条例第四十九条）。",
    basis: "format.md §0（条例第四十九条，S6e）",
    tag: "V",
  },
  {
    text: "正文中的数字应与表格一致，例如“收到政府信息公开申请 N 件”应等于表三“一、本年新收”的总计（或“一”加“二”）。",
    basis: "format.md §5.5 R-3（第三方检查工具 S2；法定格式是否明文要求未核实）",
    tag: "3P",
  },
  {
    text: "内容不要照抄往年报告。",
    basis: "format.md §5.5 R-7（S6h 地方通知、S6n 报道）",
    tag: "V",
  },
];

/** Guidance for the six parts, by part number. */
export const SECTION_GUIDANCE: readonly SectionGuidance[] = [
  {
    no: 1,
    summary: "概述本机关本年度贯彻落实《政府信息公开条例》的情况（文字，可分（一）至（五）小标题）。",
    points: [
      {
        text: "主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。",
        basis: "format.md §4.1（国办公开办函〔2021〕30号“（一）总体情况”，S6b）",
        tag: "V",
        templates: ["2021"],
      },
      {
        text: "各级人民政府在“监督保障”中还要报告工作考核、社会评议和责任追究结果（条例第五十条第（四）项）。",
        basis: "format.md §0、§4.1（条例第五十条，S6e；30号文，S6b）",
        tag: "V",
      },
      {
        text: "2019 年版格式对本部分的具体写法未找到原文；可参照 2021 年版，写明本年度政府信息公开工作的总体情况。",
        basis: "format.md §4.2（国办公开办函〔2019〕60号，只核实了“一、抓紧部署”，S6a）",
        tag: "R",
        templates: ["2019"],
      },
    ],
  },
  {
    no: 2,
    summary: "填写表二“主动公开政府信息情况”（条例第二十条各项）。",
    points: [
      {
        text: "第二十条第（一）项填本年制发件数、本年废止件数、现行有效件数。",
        basis: "format.md §3.1（S6f 真实报告、S4）",
        tag: "V",
        templates: ["2021"],
      },
      {
        text: "现行有效件数一般等于上年现行有效件数加本年制发、减本年废止；文件到期失效、修改后重新计数等会有出入，按实际填写。",
        basis: "format.md §5.4 T2-A（第三方工具 S2 的跨年度核对；S6m 上海 2022 年报告的计数口径）",
        tag: "3P",
        templates: ["2021"],
      },
      {
        text: "第二十条第（八）项“本年收费金额”以万元为单位；这是行政事业性收费，与信息处理费无关。",
        basis: "format.md §3.1、§5.5 R-6",
        tag: "V",
        templates: ["2021"],
      },
      {
        text: "第（五）（六）（八）项的“本年增/减”带正负号（+3、-1、0）；“上一年项目数量”应等于上一年报告的“上一年项目数量”加其“本年增/减”。",
        basis: "format.md §2.1、§5.4 T2-D（S1 种子报告；含义未核实）",
        tag: "P",
        templates: ["2019"],
      },
      {
        text: "第（九）项“采购总金额”的表头没有单位，请在数字后写明“万元”。",
        basis: "format.md §2.1（S3 上海 2019 年报告，S1 种子报告）",
        tag: "V",
        templates: ["2019"],
      },
      {
        text: "件数填非负整数；没有的填 0，不要留空或写“/”。",
        basis: "format.md §2.1、§3.1（S3）；§5.5 R-5（第三方工具 S2）",
        tag: "3P",
      },
    ],
  },
  {
    no: 3,
    summary: "填写表三“收到和处理政府信息公开申请情况”：按申请人类型分列，每件申请只计入一个办理结果。",
    points: [
      {
        text: "每一列：“一、本年新收”加“二、上年结转”，等于“（七）总计”加“四、结转下年度继续办理”（表头注明的勾稽关系）。",
        basis: "format.md §5.1 T3-A（表头原文，S3、S4、S1）",
        tag: "V",
      },
      {
        text: "“（七）总计”是各办理结果之和；“总计”列是自然人与五类法人或其他组织之和。",
        basis: "format.md §5.1 T3-B、T3-C",
        tag: "V",
      },
      {
        text: "区分处理的申请只计入“（二）部分公开”，不计入其他情形。",
        basis: "format.md §5.1 T3-D（行标签原文）",
        tag: "V",
      },
      {
        text: "“二、上年结转”应等于上一年报告的“四、结转下年度继续办理”。",
        basis: "format.md §5.2 T3-X1（第三方工具 S2 给出警告）",
        tag: "3P",
      },
      {
        text: "2021 年版“（六）其他处理”分为三项：逾期不补正、逾期未缴费、其他。",
        basis: "format.md §3.2（S4、S1）",
        tag: "V",
        templates: ["2021"],
      },
    ],
  },
  {
    no: 4,
    summary: "填写表四“政府信息公开行政复议、行政诉讼情况”。",
    points: [
      {
        text: "行政复议、未经复议直接起诉、复议后起诉各自的“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。",
        basis: "format.md §5.3 T4-A 至 T4-C（表格结构已核实，求和是第三方工具 S2 的做法）",
        tag: "3P",
      },
      {
        text: "上年尚未审结的案件今年可能审结，表四没有跨年度的固定关系。",
        basis: "format.md §5.3 T4-X",
        tag: "R",
      },
    ],
  },
  {
    no: 5,
    summary: "写明存在的主要问题及改进情况。",
    points: [
      {
        text: "说明存在的主要问题和改进措施，逐项分析、逐条提出措施。",
        basis: "format.md §4.1（地方部署会议，S6j）",
        tag: "V",
      },
      {
        text: "说明上一年度报告所列问题的整改情况。",
        basis: "format.md §4.1（原文措辞未核实）",
        tag: "R",
      },
      {
        text: "本部分不能空着或只写“无”。",
        basis: "format.md §5.5 R-4（第三方工具 S2）",
        tag: "3P",
      },
    ],
  },
  {
    no: 6,
    summary: "其他需要报告的事项。",
    points: [
      {
        text: "报告按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况；没有收取的也写明。",
        basis: "format.md §4.1、§5.5 R-6（办法 S6d 已核实；“必须写明”的原文措辞未核实）",
        tag: "R",
        templates: ["2021"],
      },
      {
        text: "表三“（六）2.申请人逾期未按收费通知要求缴纳费用”大于 0 时，说明发出了收费通知，本部分应有信息处理费的情况。",
        basis: "format.md §5.2 T3-X3",
        tag: "R",
        templates: ["2021"],
      },
      {
        text: "可以报告年度政务公开工作要点落实情况、人大代表建议和政协提案办理结果公开情况、创新做法等。",
        basis: "format.md §4.1（原文措辞未核实）",
        tag: "R",
        templates: ["2021"],
      },
      {
        text: "没有其他需要报告的事项时写“无”。",
        basis: "format.md §1（种子报告常见）",
        tag: "P",
      },
    ],
  },
];

/** The guidance for one template: the whole report's points and each part's, those that apply. */
export function guidanceFor(template: TemplateId): { report: GuidancePoint[]; sections: SectionGuidance[] } {
  const applies = (p: GuidancePoint) => !p.templates || p.templates.includes(template);
  return {
    report: REPORT_GUIDANCE.filter(applies),
    sections: SECTION_GUIDANCE.map((s) => ({ ...s, points: s.points.filter(applies) })),
  };
}
