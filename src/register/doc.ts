import { TEMPLATES } from "../templates/index.js";
import { applicantChoices, outcomeChoices, reviewGroupChoices, reviewResultChoices } from "./choices.js";
import { CHANNELS } from "./model.js";
import { COLUMNS } from "./columns.js";

/**
 * The parts of docs/register.md that restate data (the register's columns, the channels, the
 * outcome rows of each template): generated here, so the page cannot drift from the code.
 * Each sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`.
 */
export function registerDocBlocks(): Record<string, string> {
  const latest = TEMPLATES[TEMPLATES.length - 1]!;
  const columns = ["| 列 | 必填 | 填写说明 |", "|---|---|---|", ...COLUMNS.map((c) => `| ${c.header} | ${c.required ? "是" : ""} | ${c.note || "—"} |`)];
  const channels = ["| 提交方式 | 也接受 | 收到申请之日 |", "|---|---|---|", ...CHANNELS.map((c) => `| ${c.label} | ${c.variants.join("、") || "—"} | ${c.receipt} |`)];
  const outcomes: string[] = [];
  for (const t of [...TEMPLATES].reverse()) {
    outcomes.push(`**${t.name}**`, "", "| 办理结果（台账中的写法） | 计入表三的行（键名） |", "|---|---|");
    for (const c of outcomeChoices(t)) outcomes.push(`| ${c.label} | \`requests.${c.key}.*\` |`);
    outcomes.push("");
  }
  outcomes.push(
    `申请人类型（列）：${applicantChoices(latest).map((c) => `${c.label}（\`${c.key}\`）`).join("、")}。`,
    "",
    `表四的行：${reviewGroupChoices(latest).map((c) => `${c.label}（\`${c.key}\`）`).join("、")}；列：${reviewResultChoices(latest).map((c) => `${c.label}（\`${c.key}\`）`).join("、")}。`,
  );
  return { columns: columns.join("\n"), channels: channels.join("\n"), outcomes: outcomes.join("\n") };
}

/** The page with every generated block replaced by its current text. */
export function withGeneratedBlocks(md: string): string {
  let out = md;
  for (const [name, body] of Object.entries(registerDocBlocks())) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/register.md has no generated:${name} block`);
    out = out.replace(re, (_, a: string, b: string) => a + body + b);
  }
  return out;
}
