// Statistics of a region over years (issue 15): figures defined once as data (figures.ts),
// computed over the corpus store, shown by the CLI (`nianbao stats`) and the web dashboard;
// docs/stats.md is generated from the definitions.
export { regionStats, figureReports, ruleReports } from "./region.js";
export { FIGURES, MINIMUM, figureById, type FigureDef, type Term, type Sum } from "./figures.js";
export type { StatsQuery, RegionStats, FigureValue, FigureInfo, Ranking, RankEntry, Problem, FigureReports, RuleReports } from "./types.js";
export { statsText } from "./text.js";
export { statsDoc } from "./doc.js";
export { statsWorkbook } from "./xlsx.js";
