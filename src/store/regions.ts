import type { Transaction } from "kysely";
import { agencyKey } from "../model/agency.js";
import { parseCsv } from "../text/csv.js";
import { resolveAgency } from "./agencies.js";
import type { Exec } from "./exec.js";
import { StoreError } from "./errors.js";
import type { Database } from "./schema.js";

/** One row of a regions CSV: an agency, its 行政区划代码, the agency above it, its level. */
export interface RegionRow {
  name: string;
  code: string | null;
  parent: string | null;
  level: string | null;
  line: number;
}

const HEADERS: Record<keyof Omit<RegionRow, "line">, string[]> = {
  name: ["机关", "机关名称", "名称", "name", "agency"],
  code: ["行政区划代码", "区划代码", "代码", "code", "region_code"],
  parent: ["上级机关", "上级", "parent"],
  level: ["层级", "级别", "level"],
};

/**
 * Parses a regions CSV (UTF-8, BOM or not): a header row naming the columns — 机关 (required),
 * 行政区划代码, 上级机关, 层级 — then one agency per row. Throws a StoreError naming the line.
 */
export function parseRegions(text: string, file = "CSV"): RegionRow[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new StoreError("invalid", `${file}：文件是空的`);
  const header = rows[0]!.fields.map((h) => h.trim().toLowerCase());
  const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].includes(h));
  const at = { name: col("name"), code: col("code"), parent: col("parent"), level: col("level") };
  if (at.name < 0) throw new StoreError("invalid", `${file} 第 1 行：表头缺少“机关”列（可用的列：机关, 行政区划代码, 上级机关, 层级）`);
  const get = (f: string[], i: number) => (i < 0 ? null : f[i]?.trim() || null);
  return rows.slice(1).map(({ line, fields }) => {
    const name = get(fields, at.name);
    if (!name || !agencyKey(name)) throw new StoreError("invalid", `${file} 第 ${line} 行：机关名称是空的`);
    const code = get(fields, at.code);
    if (code !== null && !/^\d{2,12}$/.test(code)) throw new StoreError("invalid", `${file} 第 ${line} 行：行政区划代码“${code}”应为 2 到 12 位数字`);
    return { name, code, parent: get(fields, at.parent), level: get(fields, at.level), line };
  });
}

/** Sets codes, levels and parents; agencies not yet in the corpus are created. Returns how many rows were applied. */
export async function importRegions(trx: Transaction<Database>, x: Exec, rows: RegionRow[], file = "CSV"): Promise<number> {
  const ids = new Map<string, number>();
  for (const r of rows) {
    const id = (await resolveAgency(x, r.name))!;
    ids.set(agencyKey(r.name)!, id);
    await trx.updateTable("agencies").set({ region_code: r.code, level: r.level }).where("id", "=", id).execute();
  }
  for (const r of rows) {
    if (!r.parent) continue;
    const id = ids.get(agencyKey(r.name)!)!;
    const parent = ids.get(agencyKey(r.parent)!) ?? (await resolveAgency(x, r.parent))!;
    if (parent === id) throw new StoreError("invalid", `${file} 第 ${r.line} 行：上级机关不能是它自己`);
    await trx.updateTable("agencies").set({ parent_id: parent }).where("id", "=", id).execute();
  }
  return rows.length;
}
