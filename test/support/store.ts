import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { randomReport, type GenerateOptions } from "../../src/generate/random-report.js";
import type { Report, TemplateId } from "../../src/model/report.js";
import { processInput, type Envelope } from "../../src/pipeline/index.js";
import { render, type OutputFormat } from "../../src/render/index.js";
import { startTestPg, type TestPg } from "./pg.js";

export type EngineName = "sqlite" | "postgres";

/**
 * The engines a store suite runs on: SQLite always, PostgreSQL when there is one (a throwaway
 * cluster for this file, or NIANBAO_TEST_PG). `db()` gives a new empty database each call.
 */
export function useEngines(): { name: EngineName; db: () => Promise<string>; pg: () => TestPg | null }[] {
  let pg: TestPg | null = null;
  let dir = "";
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-store-"));
    pg = startTestPg();
  });
  afterAll(() => {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return [
    { name: "sqlite", db: async () => join(dir, `t${n++}.db`), pg: () => pg },
    {
      name: "postgres",
      db: async () => {
        if (!pg) throw new Error("no PostgreSQL here");
        return pg.createDb();
      },
      pg: () => pg,
    },
  ];
}

/** Whether PostgreSQL tests can run (CI=true without one fails in startTestPg instead). */
export function hasPostgres(): boolean {
  return Boolean(process.env.NIANBAO_TEST_PG) || existsSync("/usr/lib/postgresql");
}

/** A generated report rendered to a file's bytes. */
export function reportFile(seed: number, opts: GenerateOptions & { template: TemplateId; format?: OutputFormat }, edit?: (r: Report) => Report): { bytes: Uint8Array; name: string } {
  let r = randomReport(seed, { zeroRate: 0.5, ...opts });
  if (edit) r = edit(r);
  const format = opts.format ?? "tab-cell";
  return { bytes: render(r, format), name: `r${seed}-${opts.year ?? ""}.${format === "html" ? "html" : format === "docx" ? "docx" : format === "markdown" ? "md" : "txt"}` };
}

export async function envelopeOf(file: { bytes: Uint8Array; name: string }): Promise<Envelope> {
  return processInput(file);
}

/** Writes generated reports into a folder, returns their paths. */
export function writeFiles(dir: string, files: { bytes: Uint8Array; name: string }[]): string[] {
  return files.map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });
}

/**
 * `fresh(engine.db)` opens a new, empty store; every store it opened is closed after each test.
 * Call once at the top of a test file (it registers the afterEach).
 */
export function freshStores(): (db: () => Promise<string>) => Promise<Store> {
  let open: Store[] = [];
  afterEach(async () => {
    for (const s of open) await s.close();
    open = [];
  });
  return async (db) => {
    const s = await openStore(await db());
    open.push(s);
    return s;
  };
}
