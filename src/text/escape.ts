/**
 * Text from outside (a file name, a report's own words) made safe to print on a terminal: control
 * characters are shown as escapes, so a name holding a newline cannot forge an output line and
 * one holding an ANSI escape cannot repaint the screen. Bidirectional overrides are shown too.
 * `keepNewlines` leaves line breaks and tabs alone, for multi-line text that is ours to lay out.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function shown(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

export function escapeControls(s: string, keepNewlines = false): string {
  const re = keepNewlines ? CONTROLS_BUT_LINES : CONTROLS;
  re.lastIndex = 0;
  return re.test(s) ? s.replace(re, shown) : s;
}
