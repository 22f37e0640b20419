import { LOW_CONFIDENCE } from "../model/document.js";
import type { Finding } from "../model/finding.js";
import { lowConfidence, notice } from "./notices.js";
import type { Report } from "../model/report.js";
import { cellName } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { equations } from "./solve.js";


const TABLES: Record<string, string> = { active: "表二", requests: "表三", review: "表四" };

/**
 * Cells read by OCR with low confidence, one finding per table. Each cell is checked against
 * the identities it takes part in: where all of them hold with the value read, the value is
 * confirmed (an info finding); otherwise — an identity fails, or the cell is in none (table 2)
 * — the user must look (a warning). The value itself is never changed here.
 */
export function lowConfidenceFindings(r: Pick<Report, "cells" | "provenance">, requests: Template): Finding[] {
  const low = Object.keys(r.cells).filter((k) => {
    const c = r.provenance[k]?.confidence;
    return c !== undefined && c < LOW_CONFIDENCE && (r.provenance[k]?.raw ?? "").trim() !== "";
  });
  if (low.length === 0) return [];
  const present = new Set(Object.keys(r.cells));
  const eqs = equations(requests.identities, requests, present);
  const confirmed = (key: string): boolean => {
    const mine = eqs.filter((e) => e.plus.includes(key) || e.minus.includes(key));
    if (mine.length === 0 || typeof r.cells[key] !== "number") return false;
    return mine.every((e) => {
      let s = 0;
      for (const k of e.plus) {
        const v = r.cells[k];
        if (typeof v !== "number") return false;
        s += v;
      }
      for (const k of e.minus) {
        const v = r.cells[k];
        if (typeof v !== "number") return false;
        s -= v;
      }
      return Math.abs(s) < 1e-9;
    });
  };
  const out: Finding[] = [];
  for (const [table, tname] of Object.entries(TABLES)) {
    const keys = low.filter((k) => k.startsWith(`${table}.`));
    if (keys.length === 0) continue;
    const ok = keys.filter(confirmed);
    const doubt = keys.filter((k) => !ok.includes(k));
    const read = (k: string) => `“${cellName(k, requests)}”读作 ${r.provenance[k]!.raw.trim()}`;
    const list = (keys: string[], show: (k: string) => string) => keys.slice(0, 8).map(show).join("；") + (keys.length > 8 ? " 等" : "");
    if (doubt.length) {
      const cells = list(doubt, (k) => `${read(k)}（把握 ${Math.round(r.provenance[k]!.confidence! * 100)}%）`);
      out.push(notice(lowConfidence, "warning", "doubt", { table: tname, n: doubt.length, cells }, doubt, r.provenance[doubt[0]!]?.source));
    }
    if (ok.length) {
      out.push(notice(lowConfidence, "info", "confirmed", { table: tname, n: ok.length, cells: list(ok, read) }, ok, r.provenance[ok[0]!]?.source));
    }
  }
  return out;
}
