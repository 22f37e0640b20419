import { InvalidArgumentError } from "commander";

// Option values checked as commander parses them: a bad one is a usage mistake (exit 2) with
// the reason in Chinese (usage.ts shows the option and the value).

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("需要一个正数");
  return n;
}

export function positiveInteger(v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError("需要一个正整数");
  return n;
}
