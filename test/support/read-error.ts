import { isReadError, type ReadError } from "../../src/model/errors.js";

/** The ReadError `p` rejects with; any other outcome fails the test. */
export async function readError(p: Promise<unknown>): Promise<ReadError> {
  try {
    await p;
  } catch (e) {
    if (isReadError(e)) return e;
    throw e;
  }
  throw new Error("expected a ReadError");
}
