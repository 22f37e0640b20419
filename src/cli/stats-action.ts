import { regionStats, statsText } from "../stats/index.js";
import { isStoreError, openStore, type Store } from "../store/index.js";

// What `nianbao stats` does (declared in stats.ts): open the store, compute, print. The JSON is
// exactly the library's object; any store failure is a Chinese message and exit 2.

export interface StatsOptions {
  db?: string;
  region?: string;
  from?: number;
  to?: number;
  top: number;
  format: "text" | "json";
}

export async function statsAction(o: StatsOptions): Promise<number> {
  let store: Store | null = null;
  try {
    store = await openStore(o.db);
    const stats = await regionStats(store, { region: o.region ?? null, from: o.from ?? null, to: o.to ?? null, top: o.top });
    process.stdout.write(o.format === "json" ? JSON.stringify(stats, null, 2) + "\n" : statsText(stats, { top: o.top }));
    return 0;
  } catch (e) {
    if (!isStoreError(e)) throw e;
    process.stderr.write(`nianbao：${e.message}\n`);
    return 2;
  } finally {
    await store?.close();
  }
}
