import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { delimiter, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ReadError } from "../../model/errors.js";
import { childTempDir, guard, trackChild } from "../children.js";
import { removeOfficePipes } from "./pipe.js";

/**
 * LibreOffice in headless mode as a converter. Every call gets a fresh temporary folder with
 * its own user profile (two conversions never share a profile, so they can run side by side),
 * runs under a time limit, is killed with its whole process group when the limit passes, the
 * caller aborts or nianbao is stopped (children.ts), and leaves nothing behind.
 */
export interface ConvertInput {
  /** File name; its extension tells LibreOffice the format (`report.doc`, `a.wps`). */
  name: string;
  bytes: Uint8Array;
}

export interface ConvertOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Path of `soffice`; default: `NIANBAO_SOFFICE`, then the PATH, then usual places. */
  soffice?: string;
  /** Largest output file accepted. */
  maxOutputBytes?: number;
  /** Where the temporary folders go (default: this process's root in the system's, removed when it is stopped). */
  tmpDir?: string;
  /** LibreOffice's import filter when the name does not say it (`HTML (StarWriter)` prints a web page). */
  inputFilter?: string;
}

export const DEFAULT_CONVERT_TIMEOUT_MS = 120_000;

export const MISSING_LIBREOFFICE =
  "读取 DOC/WPS 文件需要 LibreOffice，但本机没有找到。请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui），" +
  "或用环境变量 NIANBAO_SOFFICE 指明 soffice 的位置；也可以先在 Word 或 WPS 中把文件另存为 DOCX 再读取";

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/snap/bin/libreoffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
];

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The soffice binary, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  const env = process.env.NIANBAO_SOFFICE;
  if (env) return executable(env) ? env : null;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of ["soffice", "libreoffice", "soffice.exe"]) {
      const p = join(dir, name);
      if (executable(p)) return p;
    }
  }
  return CANDIDATES.find(executable) ?? null;
}

/**
 * Converts files with one LibreOffice run. `target` is what `--convert-to` takes
 * (`html`, `pdf`, `doc:MS Word 97`); outputs are keyed by the input name without extension.
 * Inputs that LibreOffice could not convert are missing from the result.
 */
export async function convertFiles(inputs: ConvertInput[], target: string, opts: ConvertOptions = {}): Promise<Map<string, Uint8Array>> {
  const soffice = opts.soffice ?? findSoffice();
  if (!soffice) throw new ReadError("missing-tool", MISSING_LIBREOFFICE);
  if (opts.signal?.aborted) throw new ReadError("timeout", "读取已取消");
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS;
  const maxOut = opts.maxOutputBytes ?? 200 * 1024 * 1024;
  const outExt = target.split(":")[0]!;

  // From the temporary folder's birth to its removal, being stopped cleans up.
  const stopGuard = guard();
  let dir: string;
  try {
    dir = opts.tmpDir ? await mkdtemp(join(opts.tmpDir, "nianbao-lo-")) : await childTempDir("lo-");
  } catch (e) {
    stopGuard();
    throw new ReadError("io", `无法创建临时文件夹，LibreOffice 转换无法进行（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, { cause: e });
  }
  try {
    const inDir = join(dir, "in");
    const outDir = join(dir, "out");
    await Promise.all([mkdir(inDir), mkdir(outDir), mkdir(join(dir, "profile"))]);
    // Safe, distinct names: users' file names may hold anything.
    const names = inputs.map((x, i) => `f${i}${safeExt(x.name)}`);
    await Promise.all(inputs.map((x, i) => writeFile(join(inDir, names[i]!), x.bytes)));
    const args = [
      ...officeArgs(join(dir, "profile")),
      ...(opts.inputFilter ? [`--infilter=${opts.inputFilter}`] : []),
      "--convert-to",
      target,
      "--outdir",
      outDir,
      ...names.map((n) => join(inDir, n)),
    ];
    await run(soffice, args, { timeoutMs, signal: opts.signal, home: dir });

    const out = new Map<string, Uint8Array>();
    const produced = new Set(await readdir(outDir));
    for (let i = 0; i < inputs.length; i++) {
      const file = `f${i}.${outExt}`;
      if (!produced.has(file)) continue;
      const st = await stat(join(outDir, file));
      if (st.size > maxOut) throw new ReadError("too-large", `LibreOffice 转换结果过大（超过 ${Math.round(maxOut / 1024 / 1024)} MB）`);
      out.set(inputs[i]!.name.replace(/\.[^./\\]*$/, ""), await readFile(join(outDir, file)));
    }
    return out;
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError("io", `LibreOffice 转换时读写临时文件失败（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, { cause: e });
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    stopGuard();
  }
}

/** How LibreOffice is started: headless, no recovery, no first-start dialogs, its profile in `profile`. */
export function officeArgs(profile: string): string[] {
  return ["--headless", "--invisible", "--norestore", "--nolockcheck", "--nologo", "--nodefault", `-env:UserInstallation=${pathToFileURL(profile).href}`];
}

/**
 * Its own HOME (nothing of the user's LibreOffice settings is read or written), no display, and
 * its temporary files in `home` too: a run that is killed leaves them where they are removed.
 */
export function officeEnv(home: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, TMPDIR: home, TMP: home, TEMP: home, SAL_USE_VCLPLUGIN: "svp" };
}

/** Kills a LibreOffice started detached: its whole process group (soffice.bin under oosplash). */
export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

export function safeExt(name: string): string {
  const e = extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(e) ? e : "";
}

/** Runs LibreOffice in its own process group; the group dies on timeout or abort. */
function run(cmd: string, args: string[], o: { timeoutMs: number; signal?: AbortSignal; home: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = "";
    let settled = false;
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: officeEnv(o.home),
    });
    const keep = (b: Buffer) => {
      tail = (tail + b.toString("utf8")).slice(-2000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const untrack = trackChild(child.pid, true);
    const kill = () => killGroup(child);
    let failure: ReadError | null = null;
    const timer = setTimeout(() => {
      failure = new ReadError("timeout", `LibreOffice 转换超过 ${Math.round(o.timeoutMs / 1000)} 秒仍未完成，已终止：文件可能过大或已损坏`);
      kill();
    }, o.timeoutMs);
    const onAbort = () => {
      failure = new ReadError("timeout", "读取已取消或超时，LibreOffice 转换已终止");
      kill();
    };
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = (err: ReadError | null) => {
      if (settled) return;
      settled = true;
      // What LibreOffice started and left (soffice.bin under oosplash) goes with it.
      kill();
      removeOfficePipes(join(o.home, "profile"));
      untrack();
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve();
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      finish(
        e.code === "ENOENT" || e.code === "EACCES"
          ? new ReadError("missing-tool", MISSING_LIBREOFFICE, { cause: e })
          : new ReadError("io", `无法启动 LibreOffice（${e.code ?? e.message}）`, { cause: e }),
      );
    });
    child.on("close", (code, sig) => {
      if (failure) return finish(failure);
      if (code !== 0 && code !== null) {
        return finish(new ReadError("damaged", `LibreOffice 转换失败（退出码 ${code}）：${tail.trim().split("\n").pop() ?? ""}`));
      }
      if (sig) return finish(new ReadError("damaged", `LibreOffice 转换被中止（${sig}）`));
      finish(null);
    });
  });
}
