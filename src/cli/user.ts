import { Option, type Command } from "commander";
import type { CliContext } from "./context.js";
import { readSecret } from "./secret.js";

// `nianbao user add|list`: accounts of the web server, made from the command line (the first
// administrator of a new store, or when no one can log in).

const ROLES: Record<string, "admin" | "reviewer" | "filer"> = { admin: "admin", reviewer: "reviewer", filer: "filer", 管理员: "admin", 审核人: "reviewer", 填报人: "filer" };

const dbOption = () => new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB");

export function userCommand(program: Command, ctx: CliContext): void {
  const user = program.command("user").description("网页服务的用户：新建、列出");
  user
    .command("add")
    .description("新建用户；密码在提示后输入（不显示），不是终端时从标准输入读取第一行")
    .argument("<登录名>", "登录名")
    .addOption(new Option("--role <角色>", "角色").choices(Object.keys(ROLES)).makeOptionMandatory())
    .option("--name <显示名>", "显示的姓名")
    .option("--agency <机关>", "填报人所属的机关（编号或名称）")
    .option("--scope <机关>", "审核人的审核范围：这个机关及其下级机关（编号或名称）")
    .addOption(dbOption())
    .action(async (login: string, o: { role: string; name?: string; agency?: string; scope?: string; db?: string }) => {
      const { withStore } = await import("./corpus-actions.js");
      await withStore(o.db, async (store) => {
        const role = ROLES[o.role]!;
        const agencyId = o.agency ? await store.findAgency(o.agency) : null;
        const scopeAgencyId = o.scope ? await store.findAgency(o.scope) : null;
        const password = await readSecret(`用户 ${login} 的密码：`);
        const again = process.stdin.isTTY ? await readSecret("再输入一次：") : password;
        if (password !== again) {
          console.error("nianbao：两次输入的密码不一致");
          return 2;
        }
        const u = await store.web.createUser({ login, displayName: o.name, password, role, agencyId, scopeAgencyId });
        console.log(`已新建用户 ${u.login}（${{ admin: "管理员", reviewer: "审核人", filer: "填报人" }[u.role]}）`);
        return 0;
      });
      ctx.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    });
  user
    .command("list")
    .description("列出用户")
    .addOption(dbOption())
    .action(async (o: { db?: string }) => {
      const { withStore } = await import("./corpus-actions.js");
      await withStore(o.db, async (store) => {
        const names = { admin: "管理员", reviewer: "审核人", filer: "填报人" };
        for (const u of await store.web.listUsers()) console.log(`${u.login}\t${u.displayName}\t${names[u.role]}${u.disabled ? "\t已停用" : ""}`);
      });
    });
}
