import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Pages of stored PDF originals as images, for the report page's "original beside it": sizes
 * from pdfinfo, PNGs from pdftoppm, both cached on disk by content hash (and page and dpi),
 * each run time-limited, at most two at once.
 */
export class PageImages {
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly dir: string,
    private readonly blob: (sha256: string) => Promise<Uint8Array | null>,
    private readonly timeoutMs = 30_000,
  ) {}

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= 2) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async pdf(sha256: string): Promise<string | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${sha256}.pdf`);
    if (existsSync(file)) return file;
    const bytes = await this.blob(sha256);
    if (!bytes) return null;
    const tmp = `${file}.${process.pid}.part`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
    return file;
  }

  private run(cmd: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile(cmd, args, { timeout: this.timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024 }, (e, stdout) => (e ? reject(e) : resolve(stdout))),
    );
  }

  /** Page sizes in PDF points; [] when the tools are missing or the file will not open. */
  async sizes(sha256: string): Promise<{ page: number; width: number; height: number }[]> {
    const file = await this.pdf(sha256);
    if (!file) return [];
    const cached = `${file}.pages.json`;
    if (existsSync(cached)) return JSON.parse(await readFile(cached, "utf8"));
    try {
      const out = await this.slot(() => this.run("pdfinfo", ["-f", "1", "-l", "2000", file]));
      const pages = [...out.matchAll(/^Page\s+(\d+)\s+size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({ page: Number(m[1]), width: Number(m[2]), height: Number(m[3]) }));
      await writeFile(cached, JSON.stringify(pages));
      return pages;
    } catch {
      return [];
    }
  }

  /** One page as PNG at `dpi`, or null when there is no such page. */
  async png(sha256: string, page: number, dpi: number): Promise<Buffer | null> {
    const pages = await this.sizes(sha256);
    if (!pages.some((p) => p.page === page)) return null;
    const file = (await this.pdf(sha256))!;
    const out = join(this.dir, `${sha256}-${page}-${dpi}`);
    if (!existsSync(`${out}.png`)) {
      const tmp = `${out}.${process.pid}.part`;
      await this.slot(() => this.run("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", file, tmp]));
      await rename(`${tmp}.png`, `${out}.png`);
    }
    return readFile(`${out}.png`);
  }
}
