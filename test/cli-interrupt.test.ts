import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomReport } from "../src/generate/random-report.js";
import { convertFiles } from "../src/readers/doc/soffice.js";
import { render } from "../src/render/index.js";
import { BIN, ROOT } from "./support/cli.js";
import { HAS, missing } from "./support/requires.js";

// Stopping nianbao in the middle of a DOC conversion (Ctrl-C, kill) leaves nothing behind: no
// LibreOffice process (its whole process group is killed) and no temporary folder. With a
// stand-in for LibreOffice that hangs with a child of its own, and with the real one.

const dir = mkdtempSync(join(tmpdir(), "nianbao-interrupt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A "LibreOffice" that never finishes and starts a child of its own, as soffice starts soffice.bin. */
const FAKE = join(dir, "fake-soffice");
writeFileSync(FAKE, "#!/bin/sh\nsleep 300 &\nsleep 300\n");
chmodSync(FAKE, 0o755);

const rtf = (name: string) => {
  const p = join(dir, name);
  writeFileSync(p, "{\\rtf1\\ansi 测试}");
  return p;
};

/** Live processes matching (a killed process may linger a moment as a zombie until it is reaped). */
function pgrep(args: string[]): string[] {
  let pids: string[];
  try {
    pids = execFileSync("pgrep", args, { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return pids.flatMap((pid) => {
    try {
      const line = execFileSync("ps", ["-o", "stat=,args=", "-p", pid], { encoding: "utf8" }).trim();
      return line && !line.startsWith("Z") ? [`${pid} ${line}`] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, get: () => T | null, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Starts `nianbao check` on the files, waits for the conversion's process group (found by the
 * per-process temporary root in its command line), sends the signals, and reports what is left.
 */
async function interrupt(files: string[], signals: NodeJS.Signals[], env: NodeJS.ProcessEnv, format = "text") {
  const child = spawn(process.execPath, [BIN, "check", "--format", format, ...files], { cwd: ROOT, env: { ...process.env, ...env, NIANBAO_NO_PROGRESS: "1" } });
  let out = "";
  let err = "";
  child.stdout.on("data", (b) => (out += b));
  child.stderr.on("data", (b) => (err += b));
  const closed = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  const root = join(tmpdir(), `nianbao-${child.pid}`);
  // Its process groups (the leader is the process spawned detached). A process found may end
  // before its group is asked for (ps then prints nothing): look again until one answers.
  const pgids = await until("the conversion to start", () => {
    const pids = pgrep(["-f", `${root}/`]).map((p) => p.split(" ")[0]!);
    if (!pids.length) return null;
    const ps = spawnSync("ps", ["-o", "pgid=", "-p", pids.join(",")], { encoding: "utf8" });
    const found = [...new Set(ps.stdout.split("\n").map((l) => l.trim()).filter(Boolean))];
    return found.length ? found : null;
  }, 60_000);
  for (const s of signals) child.kill(s);
  const status = await closed;
  await sleep(500);
  return {
    status,
    out,
    err,
    left: pgids.flatMap((g) => pgrep(["-g", g])),
    leftByPath: pgrep(["-f", `${root}/`]),
    tempLeft: existsSync(root),
  };
}

describe("stopped during a conversion, nothing is left behind", () => {
  const env = { NIANBAO_SOFFICE: FAKE };

  it("SIGTERM during a conversion: its process group killed, its temporary folder removed, exit 143", async () => {
    const r = await interrupt([rtf("a.rtf")], ["SIGTERM"], env);
    expect(r.status).toBe(143);
    expect(r.err).toContain("已中断");
    expect(r.left).toEqual([]);
    expect(r.leftByPath).toEqual([]);
    expect(r.tempLeft).toBe(false);
  }, 90_000);

  it("Ctrl-C (SIGINT) during a conversion: the same, exit 130", async () => {
    const r = await interrupt([rtf("b.rtf")], ["SIGINT"], env);
    expect(r.status).toBe(130);
    expect(r.left).toEqual([]);
    expect(r.tempLeft).toBe(false);
  }, 90_000);

  it("a second Ctrl-C exits at once, still leaving nothing", async () => {
    const r = await interrupt([rtf("c.rtf")], ["SIGINT", "SIGINT"], env);
    expect(r.status).toBe(130);
    expect(r.left).toEqual([]);
    expect(r.tempLeft).toBe(false);
  }, 90_000);

  it("conversions in worker threads too; the JSON written so far is closed", async () => {
    const r = await interrupt([rtf("d.rtf"), rtf("e.rtf"), rtf("f.rtf")], ["SIGTERM"], env, "json");
    expect(r.status).toBe(143);
    expect(r.left).toEqual([]);
    expect(r.leftByPath).toEqual([]);
    expect(r.tempLeft).toBe(false);
    expect(() => JSON.parse(r.out)).not.toThrow();
  }, 90_000);
});

describe.skipIf(missing("LibreOffice", HAS.libreoffice))("with the real LibreOffice", () => {
  let doc = "";
  beforeAll(async () => {
    const out = await convertFiles([{ name: "r.docx", bytes: render(randomReport(3, { template: "2021" }), "docx") }], "doc:MS Word 97");
    doc = join(dir, "r.doc");
    writeFileSync(doc, out.get("r")!);
  }, 180_000);

  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    it(`${sig} while LibreOffice converts: no soffice process and no temporary folder left`, async () => {
      const r = await interrupt([doc], [sig], {});
      expect(r.status).toBe(sig === "SIGTERM" ? 143 : 130);
      expect(r.left).toEqual([]);
      expect(r.leftByPath).toEqual([]);
      expect(r.tempLeft).toBe(false);
    }, 180_000);
  }
});
