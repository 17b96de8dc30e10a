// The engine's public surface. Pure TypeScript: no Excel, no Office, no file system.
export type { CellValue, SheetData, WorkbookSource, OutputPlan, CellRef, CellStyle } from "./workbook";
export type { RunResult, RowResult, RuleTrace, ConditionTrace, TriggerHit, Escalation, FactValue } from "./results";
export type { Ruleset, TestCase } from "./ruleset/schema";
export { RulesetSchema } from "./ruleset/schema";
export { parseRuleset, validateRuleset, RulesetError } from "./ruleset/parse";
export { categorise, type RunOptions } from "./evaluate/categorise";
export { buildOutputPlan } from "./output/output-plan";
export { splitStyles, resultsAreaOf, resultsAreaProblem } from "./output/results-area";
export { explainRow, describeCondition, formatValue } from "./evaluate/explain";
export { RESULT_HEADERS, resultHeaders } from "./read/mapping";
export { tableFromGrid } from "./read/table";
export { InputError, columnLetter } from "./errors";
export { coerce, MISSING_MARKERS } from "./read/coerce";
export { compileRuleset } from "./evaluate/compile-ruleset";
export { SUMMARY_SHEET } from "./output/summary-sheet";
export { laSummary, bandsByField, RAG_STYLES, type LaSummary, type LaMeasure, type Rag } from "./output/la-summary";
export { summaryCharts, riskChart, bandCharts, type ChartSpec, type ChartSeries } from "./output/charts";
