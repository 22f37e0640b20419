// A worker thread of the import (batch.ts): reads and checks one input as the pipeline's worker
// does, then prepares what the store writes of it (prepare.ts), so the thread that owns the
// database only runs statements. Built as its own entry beside the CLI bundle and in dist/.
import read, { type Task } from "../pipeline/worker.js";
import { prepareEnvelope, type PreparedEnvelope } from "./prepare.js";

export default async function importTask(t: Task): Promise<PreparedEnvelope> {
  return prepareEnvelope(await read(t));
}
