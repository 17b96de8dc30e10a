// The engine's public surface. Pure TypeScript: no Excel, no Office, no file system.
export type { CellValue, SheetData, WorkbookSource, OutputPlan, CellRef, CellStyle } from "./workbook";
export type { RunResult, RowResult, RuleTrace, ConditionTrace, TriggerHit, Escalation, FactValue } from "./results";
export type { Ruleset, TestCase } from "./ruleset/schema";
export { RulesetSchema } from "./ruleset/schema";
export { parseRuleset, validateRuleset, RulesetError } from "./ruleset/parse";
export { categorise, type RunOptions } from "./run";
export { buildOutputPlan } from "./output-plan";
export { splitStyles, resultsAreaOf, resultsAreaProblem } from "./results-area";
export { explainRow, describeCondition, formatValue } from "./explain";
export { RESULT_HEADERS, resultHeaders } from "./mapping";
export { tableFromGrid } from "./table";
export { InputError, columnLetter } from "./errors";
export { coerce, MISSING_MARKERS } from "./coerce";
export { compileRuleset } from "./evaluate";
export { SUMMARY_SHEET } from "./summary";
export { laSummary, bandsByField, RAG_STYLES, type LaSummary, type LaMeasure, type Rag } from "./la-summary";
export { summaryCharts, riskChart, bandCharts, type ChartSpec, type ChartSeries } from "./charts";
