import { noFormula } from "../text/csv.js";
import type { Application } from "./model.js";
import { COLUMNS, type CellValue } from "./columns.js";
import { applicationToRow } from "./sheet.js";
import type { SheetRow } from "./xlsx.js";

/**
 * The register as CSV: UTF-8 with a byte-order mark (so that Excel opens the Chinese headers
 * right), CRLF, RFC 4180 quoting. Reading also takes the GB18030/GBK that Excel writes for
 * “CSV” on Chinese Windows, and tab-separated text.
 */
export function exportRegisterCsv(apps: Iterable<Application>): Uint8Array {
  const lines = [COLUMNS.map((c) => field(c.header)).join(",")];
  for (const a of apps) lines.push(applicationToRow(a).map((v) => field(text(v))).join(","));
  return new TextEncoder().encode("\ufeff" + lines.join("\r\n") + "\r\n");
}

function text(v: CellValue): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? noFormula(v) : String(v);
}

function field(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Records of CSV text, numbered as a spreadsheet shows them (a quoted line break stays in its record). */
export function* csvRows(text: string): Generator<SheetRow> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(",") && firstLine.includes("\t") ? "\t" : ",";
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let rowNo = 1;
  let i = 0;
  const n = text.length;
  const endRow = function* () {
    row.push(cell);
    cell = "";
    yield { rowNo: rowNo++, values: row as CellValue[] };
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') (cell += '"'), (i += 2);
        else (quoted = false), i++;
      } else {
        const q = text.indexOf('"', i);
        const end = q < 0 ? n : q;
        cell += text.slice(i, end);
        i = end;
      }
      continue;
    }
    if (ch === '"' && cell === "") (quoted = true), i++;
    else if (ch === sep) row.push(cell), (cell = ""), i++;
    else if (ch === "\n" || ch === "\r") {
      yield* endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      let j = i;
      while (j < n && text[j] !== sep && text[j] !== "\n" && text[j] !== "\r" && text[j] !== '"') j++;
      if (j === i) (cell += ch), i++;
      else (cell += text.slice(i, j)), (i = j);
    }
  }
  if (cell !== "" || row.length) yield* endRow();
}
