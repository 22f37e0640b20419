/**
 * CSV as Excel and LibreOffice write and read it (RFC 4180): fields with commas, quotes or
 * line breaks quoted, quotes doubled. A BOM in front tells Excel the file is UTF-8.
 */
export const BOM = "\ufeff";

/**
 * Text that Excel would run as a formula when it opens the file (`=`, `@`, a tab or a carriage
 * return first, or `+`/`-` not followed by a number) gets a leading `'`, which Excel shows as
 * text. Reports and registers are hostile input; a signed number (`-2`) or a lone dash stays.
 */
export function noFormula(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

/** Undoes `noFormula` (what a file written by nianbao holds when it is read back). */
export function unguardFormula(s: string): string {
  return s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s;
}

const FORMULA = /^[=@\t\r]|^[+\-](?![\d.,]*$)/;

export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? "" : typeof v === "string" ? noFormula(v) : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** Rows of a CSV text (BOM dropped); each row an array of fields, with its 1-based line. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.some((f) => f !== "")) rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f !== "")) rows.push({ line: rowLine, fields });
  return rows;
}
