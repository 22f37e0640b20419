import { TEMPLATES } from "./index.js";
import type { Template } from "./types.js";

/**
 * Wording every report carries whatever it says: not counted when two reports' sections are
 * compared for copying (a section that is only this is not "copied"). `{n}` stands for any
 * number, Arabic or Chinese (`2021`, `0.5`, `三`); spaces between characters are ignored.
 * The statutory headings and table captions come from the template data (`templateWording`).
 */
export const STOCK_PHRASES: readonly string[] = [
  // 法规、格式文件和惯用的前言
  "中华人民共和国政府信息公开条例",
  "以下简称《条例》",
  "中华人民共和国政府信息公开工作年度报告格式",
  "国务院办公厅政府信息与政务公开办公室关于印发",
  "国办公开办函〔{n}〕{n}号",
  "国办函〔{n}〕{n}号",
  "国办发〔{n}〕{n}号",
  "政府信息公开信息处理费管理办法",
  "关于全面推进政务公开工作的意见",
  "政务公开工作要点",
  "本报告根据",
  "要求编制",
  "政府信息公开工作年度报告",
  "本报告中所列数据的统计期限自{n}年{n}月{n}日起至{n}年{n}月{n}日止",
  "统计期限自{n}年{n}月{n}日起至{n}年{n}月{n}日止",
  "如对本报告有任何疑问",
  "如对本报告有疑问",
  // 人人都写的政治表述与工作原则
  "坚持以习近平新时代中国特色社会主义思想为指导",
  "习近平新时代中国特色社会主义思想",
  "党中央、国务院",
  "党中央国务院",
  "认真贯彻落实",
  "深入贯彻落实",
  "全面贯彻落实",
  "严格落实",
  "以公开为常态、不公开为例外",
  "公开为常态、不公开为例外",
  // 第一部分：格式要求写的五个方面（常作小标题）
  "主动公开情况",
  "依申请公开情况",
  "政府信息管理情况",
  "政府信息公开平台建设情况",
  "监督保障情况",
  "政府信息管理",
  "政府信息公开平台建设",
  "监督保障",
  // 第四部分
  "未发生因政府信息公开引起的行政复议、行政诉讼",
  "未发生政府信息公开行政复议、行政诉讼",
  "未发生政府信息公开行政复议和行政诉讼",
  "行政复议{n}件",
  "行政诉讼{n}件",
  // 第五部分的套路
  "存在的主要问题",
  "存在问题",
  "主要问题",
  "改进情况",
  "改进措施",
  "下一步",
  "{n}是",
  // 第六部分：信息处理费的说明
  "本年度未收取信息处理费",
  "未收取信息处理费",
  "收取政府信息公开信息处理费{n}元",
  "收取信息处理费{n}元",
  "信息处理费{n}元",
  "本年度无其他需要报告的事项",
  "无其他需要报告的事项",
  // 条目编号
  "（{n}）",
  "{n}、",
];

const NUMERALS = ["一", "二", "三", "四", "五", "六"];

/** The wording a template prescribes: section headings (numbered and not), table titles, block captions, header corners. */
export function templateWording(t: Template): string[] {
  const out: string[] = [];
  for (const s of t.sections) {
    for (const title of [s.title, ...(s.variants ?? [])]) out.push(`${NUMERALS[s.no - 1]}、${title}`, title);
  }
  out.push(t.active.title, t.requests.title, t.review.title);
  for (const b of t.active.blocks) out.push(b.caption);
  if (t.active.corner) out.push(t.active.corner);
  if (t.requests.corner) out.push(t.requests.corner);
  return out;
}

/** Every boilerplate phrase of every template, longest first (a longer phrase wins over its parts). */
export function boilerplatePhrases(): string[] {
  const all = new Set([...TEMPLATES.flatMap(templateWording), ...STOCK_PHRASES]);
  return [...all].sort((a, b) => b.length - a.length);
}
