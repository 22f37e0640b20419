import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Rules of the web UI that a grep can hold: report text is never HTML (no v-html, no innerHTML),
// no eval; and the built bundle has no inline script, no CDN, no secret.

const ROOT = resolve(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("web UI source", () => {
  const sources = files(join(ROOT, "web/src")).filter((f) => /\.(vue|ts)$/.test(f));

  it("never renders text as HTML: no v-html, innerHTML, outerHTML, insertAdjacentHTML or document.write", () => {
    const bad = sources.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return [/\bv-html\b/, /\binnerHTML\b/, /\bouterHTML\b/, /insertAdjacentHTML/, /document\.write/].filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
    });
    expect(sources.length).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });

  it("has no eval or Function constructor", () => {
    const bad = sources.filter((f) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(f, "utf8")));
    expect(bad).toEqual([]);
  });
});

describe.skipIf(!existsSync(join(ROOT, "dist/web/index.html")))("web UI bundle (dist/web)", () => {
  const dist = join(ROOT, "dist/web");
  const index = () => readFileSync(join(dist, "index.html"), "utf8");

  it("is Simplified Chinese and loads only its own files: no inline script or style, no CDN", () => {
    const html = index();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it("carries no secret: no keys, no password hashes, no database addresses", () => {
    const bad = files(dist)
      .filter((f) => /\.(js|css|html)$/.test(f))
      .flatMap((f) => {
        const text = readFileSync(f, "utf8");
        return [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /scrypt\$\d+\$/, /postgres(ql)?:\/\/\w+:[^@\s]+@/, /NIANBAO_DB/, /nianbao-csrf:/].filter((re) => re.test(text)).map((re) => `${f}: ${re}`);
      });
    expect(bad).toEqual([]);
  });
});
