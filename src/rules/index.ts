import { requestsColumnBalance } from "./requests-column-balance.js";
import { requestsColumnResults } from "./requests-column-results.js";
import { requestsRowTotal } from "./requests-row-total.js";
import { reviewTotal } from "./review-total.js";
import type { Rule } from "./types.js";

export type * from "./types.js";

/** Every rule, in the order findings are reported. A new check is one module plus one line here. */
export const RULES: readonly Rule[] = [requestsColumnBalance, requestsColumnResults, requestsRowTotal, reviewTotal];
