import { decodeText } from "../../readers/encoding.js";

/** Formats whose original is lines of text the reader numbered (text, Markdown, crawler archives). */
const LINE_FORMATS = new Set(["text", "markdown"]);

export const hasLines = (format: string | null) => format !== null && LINE_FORMATS.has(format);

/** Lines `from`..`to` (1-based, inclusive) of a text original, decoded as the reader decoded it. */
export function sourceLines(bytes: Uint8Array, from: number, to: number): { no: number; text: string }[] {
  const { text } = decodeText(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  const out: { no: number; text: string }[] = [];
  for (let no = Math.max(1, from); no <= Math.min(to, lines.length); no++) out.push({ no, text: lines[no - 1]! });
  return out;
}
