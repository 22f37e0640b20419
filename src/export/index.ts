// Exports of the corpus: 问题清单.xlsx (one row per finding), the data wide (one row per report)
// and long (one row per cell). The CLI and the server call these with a store.
export { exportProblems, type ProblemsSummary } from "./problems.js";
export { exportWide, exportLong } from "./data.js";
export { cellLabels, allCellKeys, SEVERITY_NAME, type CellLabels } from "./labels.js";
