import type { Envelope } from "./envelope.js";
import { processInput, type Input, type ProcessOptions } from "./process.js";

export interface ManyOptions extends ProcessOptions {
  /** How many inputs to work on at once (default: one per core). */
  jobs?: number;
}

/**
 * Many inputs → their envelopes, yielded in the order of the inputs as each is done. The
 * caller writes each one out and drops it, so memory does not grow with the batch.
 *
 * One at a time on this thread for now; the worker pool takes its place behind the same
 * signature.
 */
export async function* processMany(inputs: Iterable<Input> | AsyncIterable<Input>, opts: ManyOptions = {}): AsyncGenerator<Envelope> {
  const { jobs: _jobs, ...one } = opts;
  for await (const input of inputs) yield await processInput(input, one);
}
