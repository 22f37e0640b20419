// The pipeline: one input → one envelope, used by the CLI, and next by the worker pool, the
// store's importer and the server's upload route.
export { processInput, envelopeError, type Input, type ProcessOptions } from "./process.js";
export { processMany, type ManyOptions } from "./many.js";
export type { Envelope, EnvelopeError, Timings } from "./envelope.js";
export { versions, type Versions } from "./versions.js";
