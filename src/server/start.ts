import { isStoreError, oneTimePassword, openStore, type Store } from "../store/index.js";
import { buildServer } from "./app.js";

export interface RunOptions {
  db?: string;
  host: string;
  port: number;
  trustProxy: boolean;
  jobs?: number;
  idleMs: number;
  signal: AbortSignal;
  /** Where the console lines go (tests). */
  out?: (line: string) => void;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * The first start on an empty store: an administrator `admin` with a one-time password,
 * printed once on the console and to be changed at first login. Never a default password.
 */
async function firstAdmin(store: Store, out: (s: string) => void): Promise<void> {
  if ((await store.web.countUsers()) > 0) return;
  const password = oneTimePassword();
  await store.web.createUser({ login: "admin", displayName: "管理员", password, role: "admin", mustChangePassword: true });
  out("数据库中还没有用户，已建立管理员账户：");
  out(`  登录名：admin`);
  out(`  一次性密码：${password}`);
  out("  （只显示这一次；首次登录后须修改密码。也可以先用 nianbao user add 建立管理员。）");
}

/** `nianbao serve`: opens the store, starts the server, says where to open it, and runs until stopped. Returns the exit code. */
export async function runServer(o: RunOptions): Promise<number> {
  const out = o.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  let store: Store | null = null;
  try {
    store = await openStore(o.db);
    await firstAdmin(store, out);
    const server = await buildServer({ store, trustProxy: o.trustProxy, jobs: o.jobs, idleMs: o.idleMs, logger: { level: "error" } });
    try {
      await server.app.listen({ host: o.host, port: o.port });
    } catch (e) {
      await server.close();
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(`nianbao：无法在 ${o.host}:${o.port} 上启动网页服务：${code === "EADDRINUSE" ? "端口已被占用（用 --port 换一个端口）" : code === "EACCES" ? "没有权限使用这个端口" : code === "EADDRNOTAVAIL" ? "本机没有这个地址" : (e as Error).message}\n`);
      return 2;
    }
    const address = server.app.server.address();
    const port = typeof address === "object" && address ? address.port : o.port;
    const shown = o.host.includes(":") ? `[${o.host}]` : o.host === "0.0.0.0" ? "127.0.0.1" : o.host;
    out(`nianbao 网页服务已启动（数据库：${store.where}）`);
    out(`请在浏览器中打开：http://${shown}:${port}/`);
    out(`接口文档（OpenAPI）：http://${shown}:${port}/api/docs`);
    if (!LOOPBACK.has(o.host)) out(`注意：服务监听 ${o.host}，局域网中的其他计算机也能访问；请在前面配置 https 反向代理（并加 --trust-proxy）。`);
    out("按 Ctrl-C 停止。");
    await new Promise<void>((resolve) => {
      if (o.signal.aborted) return resolve();
      o.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    out("正在停止……");
    await server.close();
    return 0;
  } catch (e) {
    process.stderr.write(`nianbao：${isStoreError(e) ? e.message : `内部错误：${(e as Error)?.message ?? e}`}\n`);
    return 2;
  } finally {
    await store?.close();
  }
}
