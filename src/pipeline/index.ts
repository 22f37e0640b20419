// The pipeline: one input → one envelope (processInput), many in a worker pool (processMany),
// and the cross-year rules over a stream of envelopes (CrossYearStream). Used by the CLI, and
// next by the store's importer and the server's upload route.
export { processInput, envelopeError, type Input, type ProcessOptions } from "./process.js";
export { processMany, ReaderPool, builtWorker, type ManyOptions } from "./many.js";
export { CrossYearStream, DEFAULT_LOOKAHEAD, worstSeverity, type CrossYearOptions, type LateFindings } from "./years.js";
export type { Envelope, EnvelopeError, Timings } from "./envelope.js";
export { versions, type Versions } from "./versions.js";
