import { templateForYear } from "../templates/index.js";
import { applicantColumns, outcomeMap, reviewGroups, reviewResults } from "./choices.js";
import { isIsoDate, yearOf } from "./dates.js";
import { MAX_EXTENSION_DAYS } from "./deadline.js";
import { channelByKey, type Application } from "./model.js";

/** Field names as the register's column headers say them, for messages. */
export const FIELD_NAMES = {
  id: "登记编号",
  received: "收到申请日期",
  channel: "提交方式",
  applicantType: "申请人类型",
  request: "申请内容",
  correctionRequested: "补正告知日期",
  correctionReceived: "补正收到日期",
  extendedOn: "延期告知日期",
  extensionDays: "延长工作日数",
  consultStart: "征求意见开始日期",
  consultEnd: "征求意见结束日期",
  outcome: "办理结果",
  replied: "答复日期",
} as const;

const N = FIELD_NAMES;

/**
 * What is wrong with one application taken on its own, in Chinese, one message per problem:
 * dates out of order, an outcome without a reply date or the other way round, an extension
 * longer than the law allows, a review that cannot have happened. Values are assumed to be of
 * the right form (the importer has parsed them); keys are checked against the template data.
 */
export function applicationProblems(a: Application, unread: ReadonlySet<keyof Application> = new Set()): string[] {
  const out: string[] = [];
  // A field that could not be read has been reported already; checks that need it are skipped.
  const read = (...fields: (keyof Application)[]) => fields.every((f) => !unread.has(f));
  const before = (x: string | undefined, xName: string, y: string | undefined, yName: string) => {
    if (x && y && x < y) out.push(`${xName} ${x} 早于${yName} ${y}`);
  };
  if (read("id") && !a.id.trim()) out.push(`缺少“${N.id}”`);
  if (read("received") && !isIsoDate(a.received)) out.push(`缺少“${N.received}”`);
  if (read("channel") && !channelByKey(a.channel)) out.push(`“${N.channel}”无效：${a.channel}`);
  if (read("applicantType", "received") && !applicantColumns(templateForYear(yearOf(a.received))).some((c) => c.key === a.applicantType)) out.push(`“${N.applicantType}”无效：${a.applicantType}`);
  if (read("request") && !a.request.trim()) out.push(`缺少“${N.request}”`);

  before(a.replied, N.replied, a.received, N.received);
  if (a.outcome && !a.replied && read("replied")) out.push(`填写了“${N.outcome}”，但没有“${N.replied}”`);
  if (a.replied && !a.outcome && read("outcome")) out.push(`填写了“${N.replied}”，但没有“${N.outcome}”`);
  if (a.outcome && a.replied) {
    const t = templateForYear(yearOf(a.replied));
    if (outcomeMap(t).label(a.outcome) === undefined) out.push(`“${N.outcome}”${a.outcome} 不是 ${yearOf(a.replied)} 年度所用格式（${t.name.split("（")[0]}）表三的办理结果`);
  }

  if (a.correctionReceived && !a.correctionRequested && read("correctionRequested")) out.push(`填写了“${N.correctionReceived}”，但没有“${N.correctionRequested}”`);
  before(a.correctionRequested, N.correctionRequested, a.received, N.received);
  before(a.correctionReceived, N.correctionReceived, a.correctionRequested, N.correctionRequested);
  if (a.correctionReceived && a.replied && a.correctionReceived > a.replied) out.push(`${N.correctionReceived} ${a.correctionReceived} 晚于${N.replied} ${a.replied}`);

  if (a.extensionDays !== undefined && !a.extendedOn && read("extendedOn")) out.push(`填写了“${N.extensionDays}”，但没有“${N.extendedOn}”`);
  if (a.extensionDays !== undefined && (!Number.isInteger(a.extensionDays) || a.extensionDays < 1 || a.extensionDays > MAX_EXTENSION_DAYS)) {
    out.push(`“${N.extensionDays}”应是 1 到 ${MAX_EXTENSION_DAYS} 的整数（第三十三条：延长的期限最长不得超过 ${MAX_EXTENSION_DAYS} 个工作日），实为 ${a.extensionDays}`);
  }
  before(a.extendedOn, N.extendedOn, a.received, N.received);
  if (a.extendedOn && a.replied && a.extendedOn > a.replied) out.push(`${N.extendedOn} ${a.extendedOn} 晚于${N.replied} ${a.replied}`);

  for (const c of a.consultations) {
    before(c.start, N.consultStart, a.received, N.received);
    before(c.end, N.consultEnd, c.start, N.consultStart);
  }

  const groups = reviewGroups(templateForYear(yearOf(a.received)));
  const results = reviewResults(templateForYear(yearOf(a.received)));
  for (const r of a.reviews) {
    const g = groups.find((x) => x.key === r.group);
    if (!g || !results.some((c) => c.key === r.result)) {
      out.push(`复议诉讼“${r.group}/${r.result}”不是表四的行或列`);
      continue;
    }
    const filed = g.key === groups[0]!.key ? "行政复议申请日期" : "起诉日期";
    const decided = g.key === groups[0]!.key ? "行政复议结案日期" : "行政诉讼结案日期";
    before(r.filed, filed, a.received, N.received);
    before(r.decided, decided, r.filed, filed);
    if (r.result === "pending" && r.decided) out.push(`${g.name}结果为尚未审结，却填写了${decided} ${r.decided}`);
  }
  const suitAfter = a.reviews.find((r) => r.group === "suit_after");
  const reconsideration = a.reviews.find((r) => r.group === groups[0]!.key);
  if (suitAfter && !reconsideration && read("reviews")) out.push("行政诉讼类型为“复议后起诉”，但没有行政复议");
  if (suitAfter && reconsideration) before(suitAfter.filed, "起诉日期", reconsideration.filed, "行政复议申请日期");
  return out;
}

/** Problems of a whole register: each application's, and ids used twice. Empty when it can be counted. */
export function registerProblems(apps: readonly Application[]): { id: string; message: string }[] {
  const out: { id: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const a of apps) {
    for (const message of applicationProblems(a)) out.push({ id: a.id, message });
    if (seen.has(a.id)) out.push({ id: a.id, message: `登记编号 ${a.id} 重复` });
    seen.add(a.id);
  }
  return out;
}
