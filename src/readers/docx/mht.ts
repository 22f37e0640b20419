import { latin1 } from "../latin1.js";

/**
 * The HTML inside a MIME "web archive" (MHT), as web systems embed it in DOCX files through
 * `w:altChunk` ("export to Word"). Returns the HTML part re-encoded as UTF-8, or null when the
 * bytes are not MHT.
 */
export function mhtHtml(bytes: Uint8Array): Uint8Array | null {
  const text = latin1(bytes);
  const head = text.slice(0, 8192);
  if (!/^(MIME-Version|Content-Type)\s*:/im.test(head) || !/multipart\//i.test(head)) return null;
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (!boundary) return null;
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    if (!/content-type\s*:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /content-transfer-encoding\s*:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    const raw = encoding === "quoted-printable" ? quotedPrintable(body) : encoding === "base64" ? base64(body) : fromLatin1(body);
    const charset = /charset\s*=\s*"?([\w-]+)"?/i.exec(headers)?.[1] ?? "utf-8";
    let html: string;
    try {
      html = new TextDecoder(charset).decode(raw);
    } catch {
      html = new TextDecoder("utf-8").decode(raw);
    }
    return new TextEncoder().encode(html);
  }
  return null;
}

function fromLatin1(s: string): Uint8Array {
  return Buffer.from(s, "latin1");
}

function quotedPrintable(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d) {
      // `=` + line break is a soft break; `=XX` a byte.
      if (s[i + 1] === "\r" && s[i + 2] === "\n") i += 2;
      else if (s[i + 1] === "\n") i += 1;
      else if (/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
        out.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else out.push(c);
    } else out.push(c & 0xff);
  }
  return new Uint8Array(out);
}

function base64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s.replace(/[^A-Za-z0-9+/=]/g, ""), "base64"));
}
