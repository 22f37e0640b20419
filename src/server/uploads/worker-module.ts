import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join, resolve } from "node:path";

/**
 * The pool's worker module as built: beside the CLI bundle (dist/bundle/worker.js) or in the
 * library (dist/pipeline/worker.js), found from where this code runs (a bundle chunk, dist/server,
 * or the sources under test). Null when nothing is built.
 */
export function workerModule(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates: string[] = [];
  for (let dir = here, i = 0; i < 5; i++, dir = dirname(dir)) {
    candidates.push(join(dir, "worker.js"), join(dir, "bundle", "worker.js"), join(dir, "pipeline", "worker.js"), join(dir, "dist", "bundle", "worker.js"), join(dir, "dist", "pipeline", "worker.js"));
  }
  const found = candidates.map((c) => resolve(c)).find((c) => existsSync(c) && /[\\/](bundle|pipeline)[\\/]worker\.js$/.test(c));
  return found ? pathToFileURL(found).href : null;
}
