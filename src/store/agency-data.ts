import type { Transaction } from "kysely";
import { StoreError } from "./errors.js";
import { moveRegister } from "./register/index.js";
import type { Database } from "./schema.js";

/**
 * What an agency keeps besides its reports — its register — moved to the agency it is merged
 * into, in the merge's transaction. Refused (nothing merged) when both registers use a 登记编号.
 */
export async function moveAgencyData(trx: Transaction<Database>, into: number, from: number): Promise<void> {
  if (into === from) return;
  const clash = await moveRegister(trx, into, from);
  if (clash.length) throw new StoreError("invalid", `两个机关的依申请公开登记台账有相同的登记编号（${clash.join("、")}），无法合并；请先修改其中一个台账的登记编号并重新导入`);
}
