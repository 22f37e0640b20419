import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { officialWeights } from "./columns.js";
import { cellText, layoutReport, type LayoutCell, type LayoutTable } from "./layout.js";
import { cssFontFamily, FONTS, LINE_PT, SIZES, subheadLength, type FontRoleId } from "./official.js";
import { titleLines } from "./title.js";

/**
 * The official profile as an HTML fragment to paste into a government site's content editor
 * (TRS, 博达, 大汉 and the like): no `<html>`, `<head>` or `<style>` — editors strip them — so
 * every element carries its own inline style; tables carry `border`, `cellspacing` and
 * `cellpadding` attributes as well, for editors that strip styles too. Fonts and sizes are
 * those of the DOCX's official profile (`official.ts`). Every text is escaped.
 */
export interface FragmentOptions extends CellStyle {
  /** Break narrow header labels with `<br />` (`本年新<br />制作数量`). */
  splitHeaders?: boolean;
}

export function htmlFragment(r: Report, opts: FragmentOptions = {}): string {
  const doc = layoutReport(r, { asWritten: true, unitWhereUnlabelled: true, presentPartsOnly: true, omitTableText: true, ...opts });
  const out: string[] = [];
  out.push(`<p style="${TITLE_STYLE}">${titleLines(doc.title).map(esc).join("<br />")}</p>`);
  for (const s of doc.sections) {
    out.push(`<p style="${HEADING_STYLE}">${esc(s.heading)}</p>`);
    for (const p of s.paragraphs) out.push(`<p style="${BODY_STYLE}">${prose(p.replace(/^[\s\u3000]+/, ""))}</p>`);
    if (s.table) out.push(table(s.table, opts.splitHeaders === true));
  }
  return out.join("\n") + "\n";
}

function font(id: FontRoleId): string {
  return `font-family:${cssFontFamily(FONTS[id])};font-size:${SIZES[id]}pt;`;
}

const PARA = `margin:0;line-height:${LINE_PT}pt;color:#000;`;
const TITLE_STYLE = `margin:0 0 ${LINE_PT}pt 0;text-align:center;line-height:${SIZES.title * 1.5}pt;color:#000;${font("title")}`;
const HEADING_STYLE = `${PARA}text-indent:2em;${font("heading1")}`;
const BODY_STYLE = `${PARA}text-indent:2em;text-align:justify;${font("body")}`;
const SUBHEAD_STYLE = font("heading2");
const TABLE_STYLE = `width:100%;border-collapse:collapse;margin:0 0 ${LINE_PT / 2}pt 0;${font("table")}`;
const CELL_STYLE = "border:1px solid #000;padding:2px 3px;vertical-align:middle;line-height:1.4;";

/** A prose paragraph: a leading `（一）…` head in 楷体. */
function prose(p: string): string {
  const n = subheadLength(p);
  if (n === 0) return esc(p);
  const chars = [...p];
  return `<span style="${SUBHEAD_STYLE}">${esc(chars.slice(0, n).join(""))}</span>${esc(chars.slice(n).join(""))}`;
}

function table(t: LayoutTable, split: boolean): string {
  const rows = t.rows.map((row) => `<tr>${row.map((c) => td(c, split)).join("")}</tr>`);
  // Column widths as the DOCX has them, so narrow value columns do not squeeze `总计` to one character a line.
  const weights = officialWeights(t);
  const sum = weights.reduce((a, b) => a + b, 0);
  const cols = weights.map((w) => `<col width="${((w / sum) * 100).toFixed(1)}%" />`).join("");
  return `<table border="1" cellspacing="0" cellpadding="3" width="100%" style="${TABLE_STYLE}">\n<colgroup>${cols}</colgroup>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

function td(c: LayoutCell, split: boolean): string {
  const attrs = `${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ""}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ""}`;
  const text = cellText(c, split);
  const body = text === "" ? "&nbsp;" : text.split("\n").map(esc).join("<br />");
  const align = c.role === "label" ? "left" : "center";
  return `<td${attrs} style="${CELL_STYLE}text-align:${align};">${body}</td>`;
}

/** Text for an element or an attribute: the five characters HTML gives meaning to escaped, control characters dropped. */
export function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
