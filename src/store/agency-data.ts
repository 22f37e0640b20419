import type { Transaction } from "kysely";
import { StoreError } from "./errors.js";
import { moveDrafts } from "./filing/index.js";
import { moveRegister } from "./register/index.js";
import type { Database } from "./schema.js";

/**
 * What an agency keeps besides its reports — its register, its drafts, the web users who file
 * for it or review under it — moved to the agency
 * it is merged into, in the merge's transaction. Refused (nothing merged) when both registers
 * use a 登记编号 or both have a draft for a year.
 */
export async function moveAgencyData(trx: Transaction<Database>, into: number, from: number): Promise<void> {
  if (into === from) return;
  const clash = await moveRegister(trx, into, from);
  if (clash.length) throw new StoreError("invalid", `两个机关的依申请公开登记台账有相同的登记编号（${clash.join("、")}），无法合并；请先修改其中一个台账的登记编号并重新导入`);
  const years = await moveDrafts(trx, into, from);
  if (years.length) throw new StoreError("invalid", `两个机关都有 ${years.join("、")} 年度的年报草稿，无法合并；请先删除或重新生成其中一份`);
  // Without this, deleting the merged agency would leave its filers with no agency (on delete set null).
  await trx.updateTable("users").set({ agency_id: into }).where("agency_id", "=", from).execute();
  await trx.updateTable("users").set({ scope_agency_id: into }).where("scope_agency_id", "=", from).execute();
}
