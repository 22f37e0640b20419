import type { RuleCases } from "../rule-tester.js";
import { cases as active } from "./active.js";
import { cases as prose } from "./prose.js";
import { cases as report } from "./report.js";
import { cases as requests } from "./requests.js";
import { cases as review } from "./review.js";
import { cases as values } from "./values.js";
import { cases as years } from "./years.js";

/** Valid and invalid cases of every rule, by rule id. */
export const CASES: Record<string, RuleCases> = { ...report, ...active, ...requests, ...review, ...values, ...prose, ...years };
