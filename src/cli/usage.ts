import { CommanderError, type Command } from "commander";
import { escapeControls } from "../text/escape.js";

/**
 * Usage mistakes, in Chinese, for every command: commander's messages are translated, they
 * go to stderr with a hint where to look, and the exit code is 2 (1 means "a report has an
 * error"). Applied to the whole program once every command is on it, so a new subcommand
 * gets it without asking.
 */
export const USAGE_EXIT = 2;

const RULES: [RegExp, (m: RegExpExecArray, cmd: string) => string][] = [
  [/^error: unknown option '(.*?)'/s, (m, cmd) => `未知选项“${m[1]}”${m[1]!.startsWith("--") ? "" : `；如果这是文件名，请写在 -- 之后：nianbao ${cmd} -- ${m[1]}`}`],
  [/^error: unknown command '(.*?)'/s, (m) => `未知命令“${m[1]}”`],
  [/^error: missing required argument '(.*?)'/s, (m) => `缺少参数：${m[1]}`],
  [/^error: option '(.*?)' argument missing/s, (m) => `选项 ${m[1]} 缺少取值`],
  [/^error: option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*?)\.?$/s, (m) => `选项 ${m[1]} 的取值“${m[2]}”无效，可选：${m[3]!.split(", ").join("、")}`],
  [/^error: option '(.*?)' argument '(.*?)' is invalid\. (.*)$/s, (m) => `选项 ${m[1]} 的取值“${m[2]}”无效：${m[3]}`],
  [/^error: required option '(.*?)' not specified/s, (m) => `缺少必需的选项 ${m[1]}`],
  [/^error: too many arguments(?: for '(.*?)')?/s, (m) => `参数过多${m[1] ? `（命令 ${m[1]}）` : ""}`],
  [/^error: (.*) cannot be used with (.*)$/s, (m) => `${m[1]} 不能与 ${m[2]} 同时使用`],
];

/** Commander's English error → Chinese (unknown wording is kept, without its `error:`). */
export function usageMessage(text: string, command: string): string {
  const [first = "", ...rest] = text.trim().split("\n");
  const hint = rest.join(" ").replace(/^\(Did you mean (.*)\?\)$/, "（是不是想用 $1？）");
  for (const [re, say] of RULES) {
    const m = re.exec(first);
    if (m) return escapeControls(say(m, command)) + (hint ? ` ${hint}` : "");
  }
  return escapeControls(first.replace(/^error:\s*/, "")) + (hint ? ` ${hint}` : "");
}

const TITLES: Record<string, string> = { "Usage:": "用法：", "Arguments:": "参数：", "Options:": "选项：", "Commands:": "命令：", "Global Options:": "全局选项：" };

/** Sets the Chinese usage errors (and help headings) on a command and all its subcommands. */
export function chineseUsage(cmd: Command, path: string[] = []): void {
  const here = [...path, ...(path.length || cmd.parent ? [cmd.name()] : [])];
  const name = here.join(" ");
  cmd.exitOverride();
  cmd.configureHelp({ styleTitle: (t) => TITLES[t] ?? t });
  cmd.showHelpAfterError(`（用 nianbao${name ? ` ${name}` : ""} --help 查看用法）`);
  cmd.configureOutput({
    outputError: (str, write) => write(`nianbao：${usageMessage(str, name || "check")}\n`),
  });
  for (const sub of cmd.commands) chineseUsage(sub, here);
}

/** The exit code for what commander threw: 0 for help and version, 2 for a usage mistake. */
export function usageExit(e: unknown): number | null {
  if (!(e instanceof CommanderError)) return null;
  return e.exitCode === 0 ? 0 : USAGE_EXIT;
}
