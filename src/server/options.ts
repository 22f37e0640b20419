import type { Store } from "../store/index.js";

export interface UploadLimits {
  /** Per file (the reader's default, 40 MB). */
  fileBytes: number;
  files: number;
  /** Per request. */
  requestBytes: number;
}

export const DEFAULT_LIMITS: UploadLimits = { fileBytes: 40 * 1024 * 1024, files: 500, requestBytes: 1024 * 1024 * 1024 };

export interface ServerOptions {
  store: Store;
  /** The built web UI (dist/web); null serves the API alone. Default: found beside the program. */
  webRoot?: string | null;
  /** Behind a reverse proxy: trust X-Forwarded-Proto/-For (Secure cookies over https, the client's address). */
  trustProxy?: boolean;
  /** Idle time after which a session ends (default 30 minutes). */
  idleMs?: number;
  limits?: Partial<UploadLimits>;
  /** Worker threads reading uploads (default: one per core). */
  jobs?: number;
  /** The pool's worker module (tests); default the built one. */
  workerUrl?: string;
  /** Per-file reading time limit (ms, default 120 s). */
  readTimeoutMs?: number;
  /** Login attempts per client address per minute (default 10). */
  loginsPerMinute?: number;
  /** Fastify's logger (default off; `nianbao serve` turns it on for errors). */
  logger?: boolean | object;
}
