import { createHash } from "node:crypto";

/**
 * A tiny PDF writer for tests: pages of text and ruling lines, written by hand so tests do not
 * depend on a tool. Chinese text uses the non-embedded standard font STSong-Light with the
 * UniGB-UCS2-H CMap (what a reader needs pdfjs's CMaps for); Latin text uses Helvetica.
 * Optionally encrypted with the standard security handler (RC4, 40 bit) and a user password.
 */

export interface PdfText {
  /** Top-left origin, points; y is the baseline. */
  x: number;
  y: number;
  size?: number;
  text: string;
}

export interface PdfLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width?: number;
}

export interface PdfPageSpec {
  width?: number;
  height?: number;
  /**
   * A landscape page as scanners and printers write it: a portrait MediaBox turned by
   * /Rotate 90, the content drawn turned back (width and height are the landscape ones).
   */
  rotated?: boolean;
  texts?: PdfText[];
  lines?: PdfLine[];
  /** Clip rectangles (as word processors clip each table cell), top-left origin. */
  clips?: { x0: number; y0: number; x1: number; y1: number }[];
}

export interface PdfOptions {
  title?: string;
  /** Encrypts the file so that it opens only with this password. */
  userPassword?: string;
}

const PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash("md5").update(Buffer.concat(parts)).digest();
const padded = (pw: string) => Buffer.concat([Buffer.from(pw, "latin1"), PAD]).subarray(0, 32);

interface Security {
  key: Buffer;
  dict: string;
  id: Buffer;
}

/** Standard security handler, revision 2 (PDF 1.3 §3.5). */
function security(user: string): Security {
  const id = md5(Buffer.from(`nianbao-test-${user}`));
  const o = rc4(md5(padded(`${user}-owner`)).subarray(0, 5), padded(user));
  const p = Buffer.alloc(4);
  p.writeInt32LE(-4);
  const key = md5(padded(user), o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  return { key, id, dict: `<< /Filter /Standard /V 1 /R 2 /O <${o.toString("hex")}> /U <${u.toString("hex")}> /P -4 >>` };
}

function objectKey(sec: Security, num: number): Buffer {
  const n = Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
  return md5(sec.key, n).subarray(0, 10);
}

const isCjk = (s: string) => /[^\x00-\x7f]/.test(s);

function latinString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function ucs2Hex(s: string): string {
  const b = Buffer.alloc(s.length * 2);
  for (let i = 0; i < s.length; i++) b.writeUInt16BE(s.charCodeAt(i), i * 2);
  return `<${b.toString("hex")}>`;
}

function pageContent(p: PdfPageSpec, height: number): string {
  const ops: string[] = [];
  for (const c of p.clips ?? []) ops.push(`q ${c.x0} ${height - c.y1} ${c.x1 - c.x0} ${c.y1 - c.y0} re W n Q`);
  for (const l of p.lines ?? []) {
    ops.push(`${l.width ?? 0.5} w ${l.x0} ${height - l.y0} m ${l.x1} ${height - l.y1} l S`);
  }
  for (const t of p.texts ?? []) {
    const size = t.size ?? 10;
    const cjk = isCjk(t.text);
    ops.push(`BT /${cjk ? "F2" : "F1"} ${size} Tf 1 0 0 1 ${t.x} ${height - t.y} Tm ${cjk ? ucs2Hex(t.text) : latinString(t.text)} Tj ET`);
  }
  return ops.join("\n");
}

/** The bytes of a PDF with these pages. */
export function writePdf(pages: PdfPageSpec[], opts: PdfOptions = {}): Uint8Array {
  const sec = opts.userPassword !== undefined ? security(opts.userPassword) : null;
  // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 STSong (Type0), 5 its CIDFont, 6 info, then per page: page, content.
  const bodies: (string | { dict: string; stream: Buffer })[] = [];
  const n = pages.length;
  const kids = pages.map((_, i) => `${7 + i * 2} 0 R`).join(" ");
  const infoTitle = opts.title ?? "";
  bodies.push("<< /Type /Catalog /Pages 2 0 R >>");
  bodies.push(`<< /Type /Pages /Kids [${kids}] /Count ${n} >>`);
  bodies.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  bodies.push("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>");
  bodies.push("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>");
  bodies.push(`INFO`);
  pages.forEach((p, i) => {
    const w = p.width ?? (p.rotated ? 842 : 595);
    const h = p.height ?? (p.rotated ? 595 : 842);
    const box = p.rotated ? `[0 0 ${h} ${w}] /Rotate 90` : `[0 0 ${w} ${h}]`;
    const content = p.rotated ? `q 0 1 -1 0 ${h} 0 cm\n${pageContent(p, h)}\nQ` : pageContent(p, h);
    bodies.push(`<< /Type /Page /Parent 2 0 R /MediaBox ${box} /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${8 + i * 2} 0 R >>`);
    bodies.push({ dict: "", stream: Buffer.from(content, "latin1") });
  });

  const literal = (str: string, num: number) => (sec ? `<${rc4(objectKey(sec, num), Buffer.from(str, "latin1")).toString("hex")}>` : `(${str})`);
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    const num = i + 1;
    let text: Buffer;
    if (b === "INFO") {
      const raw = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ucs2Hex(infoTitle).slice(1, -1), "hex")]);
      const enc = sec ? rc4(objectKey(sec, num), raw) : raw;
      text = Buffer.from(`${num} 0 obj\n<< /Title <${enc.toString("hex")}> /Producer ${literal("nianbao test writer", num)} >>\nendobj\n`, "latin1");
    } else if (typeof b === "string") {
      // Every string of an encrypted file is encrypted, those in dictionaries too.
      const body = b.replace(/\(([^()\\]*)\)/g, (_, str: string) => literal(str, num));
      text = Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, "latin1");
    } else {
      const data = sec ? rc4(objectKey(sec, num), b.stream) : b.stream;
      text = Buffer.concat([Buffer.from(`${num} 0 obj\n<< /Length ${data.length} >>\nstream\n`, "latin1"), data, Buffer.from("\nendstream\nendobj\n", "latin1")]);
    }
    offsets.push(offset);
    chunks.push(text);
    offset += text.length;
  });
  const encNum = bodies.length + 1;
  if (sec) {
    const text = Buffer.from(`${encNum} 0 obj\n${sec.dict}\nendobj\n`, "latin1");
    offsets.push(offset);
    chunks.push(text);
    offset += text.length;
  }
  const count = offsets.length + 1;
  const xref = [`xref\n0 ${count}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  const id = sec ? sec.id.toString("hex") : md5(Buffer.from(String(n))).toString("hex");
  const trailer = `trailer\n<< /Size ${count} /Root 1 0 R /Info 6 0 R /ID [<${id}> <${id}>]${sec ? ` /Encrypt ${encNum} 0 R` : ""} >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, "latin1"));
  return new Uint8Array(Buffer.concat(chunks));
}

/** A ruled table: cell texts by row, with column edges and row height; merged cells as spans. */
export interface TableSpec {
  x: number;
  y: number;
  colEdges: number[];
  rowHeight: number;
  /** Each cell: text, and optional rowspan/colspan; null marks a slot covered by a span. */
  rows: ({ text: string; rowspan?: number; colspan?: number } | null)[][];
  size?: number;
}

/**
 * Text and ruling lines of a table; lines are left out inside merged cells. Without borders,
 * each cell is only clipped to its rectangle (what WPS and Word write for a borderless table).
 */
export function tableOnPage(t: TableSpec, opts: { borders?: boolean } = {}): PdfPageSpec {
  const texts: PdfText[] = [];
  const lines: PdfLine[] = [];
  const nr = t.rows.length;
  const nc = t.colEdges.length - 1;
  const size = t.size ?? 9;
  const owner: number[][] = Array.from({ length: nr }, () => Array(nc).fill(-1));
  let id = 0;
  t.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!cell) return;
      const rs = cell.rowspan ?? 1;
      const cs = cell.colspan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) owner[r + dr]![c + dc] = id;
      id++;
      const top = t.y + r * t.rowHeight;
      const midY = top + (rs * t.rowHeight) / 2 + size / 3;
      texts.push({ x: t.colEdges[c]! + 3, y: midY, size, text: cell.text });
    });
  });
  const yAt = (r: number) => t.y + r * t.rowHeight;
  if (opts.borders === false) {
    const clips: NonNullable<PdfPageSpec["clips"]> = [];
    t.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell) clips.push({ x0: t.colEdges[c]!, y0: yAt(r), x1: t.colEdges[c + (cell.colspan ?? 1)]!, y1: yAt(r + (cell.rowspan ?? 1)) });
      }),
    );
    return { texts, clips };
  }
  for (let r = 0; r <= nr; r++) {
    for (let c = 0; c < nc; c++) {
      const boundary = r === 0 || r === nr || owner[r - 1]![c] !== owner[r]![c];
      if (boundary) lines.push({ x0: t.colEdges[c]!, y0: yAt(r), x1: t.colEdges[c + 1]!, y1: yAt(r) });
    }
  }
  for (let c = 0; c <= nc; c++) {
    for (let r = 0; r < nr; r++) {
      const boundary = c === 0 || c === nc || owner[r]![c - 1] !== owner[r]![c];
      if (boundary) lines.push({ x0: t.colEdges[c]!, y0: yAt(r), x1: t.colEdges[c]!, y1: yAt(r + 1) });
    }
  }
  return { texts, lines };
}
