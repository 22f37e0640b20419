import { setFlagsFromString } from "node:v8";

// The command line's V8 heaps (this thread's and every worker's: V8 flags are per process).
// By default V8 lets an old generation grow to four times what survived its last full
// collection before collecting again: a batch's main thread and two readers each held 50–80 MB
// of garbage beside 12–20 MB of live data, some 100 MB of a 10,000-file run's peak. Twice is
// enough: a few more full collections (tens of milliseconds each over a whole batch), some
// 40 MB less at the peak. Imported first by main.ts, before the heaps grow. Not set by the
// library: how a process spends its memory is its owner's choice.
setFlagsFromString("--heap-growing-percent=100");
