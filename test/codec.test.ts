import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkReport } from "../src/check.js";
import { randomReport } from "../src/generate/random-report.js";
import type { Report } from "../src/model/report.js";
import { decodeReport, decodeReports, encodeReport } from "../src/model/report-json.js";
import { processInput } from "../src/pipeline/index.js";
import { reportJsonReader } from "../src/readers/report-json.js";
import { reportToJson } from "../src/report/json.js";
import { findingMessage } from "../src/report/messages.js";
import { reportToText } from "../src/report/text.js";
import { cli } from "./support/cli.js";
import { HAS_SHARED, SHARED } from "./support/shared.js";

// The report codec is lossless (decode(encode(r)) equals r, findings with who raised them), and
// `nianbao parse F | nianbao check -` says exactly what `nianbao check F` says.

const EXAMPLES = resolve(__dirname, "../examples");

function inputs(): string[] {
  const out = readdirSync(EXAMPLES).filter((f) => /^\d{2}-/.test(f)).map((f) => join(EXAMPLES, f));
  if (HAS_SHARED) {
    for (const dir of ["seeds", "corpus"]) {
      for (const f of readdirSync(join(SHARED, dir))) if (!f.endsWith(".json") && !f.endsWith(".md")) out.push(join(SHARED, dir, f));
    }
  }
  return out.sort();
}

/** Encoded, printed as the CLI prints it, parsed back, decoded. */
function throughJson(r: Report): Report {
  return decodeReport(JSON.parse(JSON.stringify(encodeReport(r, findingMessage))));
}

describe("report codec", () => {
  it("decode(encode(r)) equals r for generated reports of both templates, checked or not", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("2019" as const, "2021" as const), fc.boolean(), (seed, template, check) => {
        const base = randomReport(seed, { template, zeroRate: 0.4 });
        const r = check ? checkReport(base) : base;
        expect(throughJson(r)).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  it("decode(encode(r)) equals r for every example and shared report, reading findings included", async () => {
    const files = inputs();
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) {
      const env = await processInput(file);
      for (const r of env.reports) {
        expect(throughJson(r), file).toEqual(r);
        if (file.includes("08-collapsed-blanks")) expect(r.findings.filter((f) => f.origin !== "rule").length).toBeGreaterThan(10);
      }
    }
  });

  it("keeps what hand-typed data says and fills only what it cannot know", () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ meta: { template: "2021", year: 2023 }, cells: { "requests.total.total": 3 } }));
    const [r] = reportJsonReader.readReports(bytes, {});
    expect(r!.meta).toEqual({ title: null, agency: null, year: 2023, template: "2021", yearFrom: "input", format: "json" });
    expect(r!.provenance["requests.total.total"]).toEqual({ raw: "3" });
    expect(r!.findings).toEqual([]);
  });

  it("keeps a finding written by another tool as its text, and as a reading finding", () => {
    const [r] = decodeReports(JSON.stringify({ meta: { template: "2021", year: 2023 }, cells: {}, findings: [{ rule: "x-tool", severity: "warning", message: "别的工具的说明", cells: [] }] }));
    expect(r!.findings[0]!.origin).toBe("reader");
    expect(findingMessage(r!.findings[0]!)).toBe("别的工具的说明");
    expect(checkReport(r!).findings.map(findingMessage)).toContain("别的工具的说明");
  });
});

describe("parse → JSON → check says what check says", () => {
  it("for every example and shared report (library, as the CLI does it)", async () => {
    for (const file of inputs()) {
      const direct = await processInput(file);
      if (direct.error) continue; // nothing to compare: an unreadable input says so either way
      const parsed = await processInput(file, { check: false });
      const bytes = new TextEncoder().encode(JSON.stringify(parsed.reports.map(reportToJson), null, 2));
      const again = await processInput({ bytes, name: "标准输入" });
      expect(again.error, file).toBeUndefined();
      expect(JSON.stringify(again.reports.map(reportToJson)), file).toBe(JSON.stringify(direct.reports.map(reportToJson)));
      expect(again.reports.map((r) => reportToText(r)).join("\n"), file).toBe(direct.reports.map((r) => reportToText(r)).join("\n"));
    }
  });

  it("through the CLI, byte for byte (JSON and text)", () => {
    for (const name of ["08-collapsed-blanks-2019.txt", "13-problem-prose-2021.html"]) {
      const file = join(EXAMPLES, name);
      const parsed = cli(["parse", file]);
      expect(parsed.status).toBe(0);
      for (const format of ["json", "text"]) {
        const direct = cli(["check", "--format", format, file]);
        const piped = cli(["check", "--format", format, "-"], parsed.stdout);
        expect(piped.stdout, `${name} ${format}`).toBe(direct.stdout);
        expect(piped.status).toBe(direct.status);
      }
    }
  });
});
