// A thread that checkpoints a SQLite store's WAL while a batch import writes to it
// (checkpoints.ts): copying the WAL into the database ends in an fsync, which on the writing
// thread held up the whole import (no reading worker got a new file meanwhile). Its own
// connection, PASSIVE checkpoints: it never blocks the writer, and a kill at any moment leaves
// the database as SQLite's own checkpoints would. Built as its own entry beside the CLI bundle and in dist/.
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";

const db = new BetterSqlite3((workerData as { path: string }).path, { timeout: 15_000 });
parentPort!.on("message", (m: "checkpoint" | "close") => {
  if (m === "close") {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or failing: the next request tries again, and the writer's own checkpoints resume when the batch ends.
  }
  parentPort!.postMessage("done");
});
