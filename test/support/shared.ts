import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** `../shared` beside the project: CI has it, a user's checkout may not. */
export const SHARED = resolve(__dirname, "../../../shared");
export const HAS_SHARED = existsSync(join(SHARED, "seeds"));

export interface Gold {
  meta: { year?: number; template?: string; agency?: (string | null)[] };
  cells: Record<string, number | (number | null)[]>;
  must_flag?: string[];
  must_warn_tables?: string[];
  must_be_clean?: boolean;
}

export function seeds(): { name: string; path: string; gold: Gold }[] {
  if (!HAS_SHARED) return [];
  const dir = join(SHARED, "seeds");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, path: join(dir, f), gold: JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, ".expected.json")), "utf8")) }));
}

/** Gold value accepted? (a list holds every accepted reading; null means blank or absent). */
export function accepts(gold: number | (number | null)[], v: number | null | undefined): boolean {
  if (Array.isArray(gold)) return gold.some((g) => accepts(g as number, v) || (g === null && (v === null || v === undefined)));
  return typeof v === "number" && Math.abs(v - gold) < 1e-6;
}
