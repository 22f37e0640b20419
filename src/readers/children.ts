import { rmdirSync, rmSync } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { removeOfficePipesUnder } from "./doc/pipe.js";

/**
 * What readers leave outside the process while they work: child processes (LibreOffice runs in
 * a process group of its own, pdftoppm) and temporary folders. Every one is recorded here, so
 * that when nianbao is stopped (Ctrl-C, kill, a time limit, a worker that hangs) none outlives
 * it: `endChildren` kills what is recorded and removes this process's temporary root.
 *
 * The record is shared memory, so the main thread sees the children of every worker thread
 * (workers get no signals; they can be terminated in the middle of a conversion).
 */

/** Slots of [kill target, task tag]: a negative target is a process group. */
const SLOTS = 256;

let shared = new SharedArrayBuffer(SLOTS * 2 * 4);
let slots = new Int32Array(shared);
/** The tag of the work in progress on this thread (a worker's task), recorded with each child. */
let currentTag = 0;

/** The record, for a worker thread to share with `adoptChildren`. */
export function childRecord(): SharedArrayBuffer {
  return shared;
}

/** Called in a worker thread: its children go into the main thread's record. */
export function adoptChildren(record: SharedArrayBuffer): void {
  shared = record;
  slots = new Int32Array(shared);
}

/** Marks the children started from now on as belonging to the task `tag` (0: none). */
export function setChildTag(tag: number): void {
  currentTag = tag;
}

/**
 * Records a child: `group` when it was spawned detached and leads its own process group (the
 * whole group is killed). Returns the function that forgets it once it has ended.
 */
export function trackChild(pid: number | undefined, group: boolean): () => void {
  if (!pid) return () => {};
  const target = group ? -pid : pid;
  for (let i = 0; i < SLOTS; i++) {
    if (Atomics.compareExchange(slots, 2 * i, 0, target) === 0) {
      Atomics.store(slots, 2 * i + 1, currentTag);
      const stopGuard = guard();
      return () => {
        Atomics.compareExchange(slots, 2 * i, target, 0);
        stopGuard();
      };
    }
  }
  // More than SLOTS children at once: not recorded (each still has its own time limit).
  return () => {};
}

/**
 * Kills the recorded children (all, or those of one task) with SIGKILL. Synchronous, so it
 * can run in an exit handler.
 */
export function endChildren(tag?: number): void {
  for (let i = 0; i < SLOTS; i++) {
    const target = Atomics.load(slots, 2 * i);
    if (target === 0 || (tag !== undefined && Atomics.load(slots, 2 * i + 1) !== tag)) continue;
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
    Atomics.compareExchange(slots, 2 * i, target, 0);
  }
}

/** This process's temporary root: every temporary folder of a reader is made inside it. */
export function tempRoot(): string {
  return join(tmpdir(), `nianbao-${process.pid}`);
}

/**
 * A fresh temporary folder inside this process's root (`prefix` names what it is for). The
 * caller holds a `guard` while it exists and removes it when done.
 */
export async function childTempDir(prefix: string): Promise<string> {
  const root = tempRoot();
  await mkdir(root, { recursive: true });
  return mkdtemp(join(root, prefix));
}

/** Kills every recorded child and removes the temporary root. */
export function cleanUpChildren(): void {
  endChildren();
  // LibreOffice runs killed here leave their socket outside the root.
  removeOfficePipesUnder(tempRoot());
  try {
    rmSync(tempRoot(), { recursive: true, force: true });
  } catch {
    // nothing to remove, or not ours to remove
  }
}

/*
 * While children run, the main thread guards against being stopped: on exit, SIGINT, SIGTERM
 * or SIGHUP it cleans up. A signal is then raised again when no one else listens for it, so a
 * program using the library still stops as it would have; a program that listens decides.
 */
let guards = 0;
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(sig: NodeJS.Signals) {
  cleanUpChildren();
  if (process.listenerCount(sig) === 1) {
    process.off(sig, onSignal);
    process.kill(process.pid, sig);
  }
}

/** Guards while something runs; returns the function that ends the guard. */
export function guard(): () => void {
  if (!isMainThread) return () => {};
  if (guards++ === 0) {
    process.on("exit", cleanUpChildren);
    for (const s of SIGNALS) process.on(s, onSignal);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--guards === 0) {
      process.off("exit", cleanUpChildren);
      for (const s of SIGNALS) process.off(s, onSignal);
      // The root goes once it is empty (a worker's conversion may still be using it).
      try {
        rmdirSync(tempRoot());
      } catch {
        // not empty, or never made
      }
    }
  };
}
