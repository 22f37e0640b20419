/**
 * Where a piece of a report came from. Readers fill in what their format knows:
 * text formats give lines, markup formats give element paths, PDFs give page and box.
 */
export interface SourcePos {
  /** 1-based first line of the text that produced this item. */
  line?: number;
  /** 1-based last line, when the item spans several lines. */
  endLine?: number;
  /** Element path in markup formats, e.g. `body>div[2]>table[1]>tr[3]>td[2]`. */
  path?: string;
  /** 1-based page number (PDF, OCR). */
  page?: number;
  /** Box on the page in PDF points, origin top-left: [x0, y0, x1, y1]. */
  box?: [number, number, number, number];
}

/** Renders a source position in Chinese for messages: `第 12 行`, `第 3 页`, `body>table[1]>tr[4]>td[2]`. */
export function describeSource(src: SourcePos | undefined): string {
  if (!src) return "";
  const parts: string[] = [];
  if (src.page !== undefined) parts.push(`第 ${src.page} 页`);
  if (src.line !== undefined) {
    parts.push(src.endLine !== undefined && src.endLine !== src.line ? `第 ${src.line}–${src.endLine} 行` : `第 ${src.line} 行`);
  }
  if (src.path && parts.length === 0) parts.push(src.path);
  return parts.join("，");
}
