// The engine's one door: cli/, hosts/ and addin/ import the engine from here alone (lint enforces it).
// Pure TypeScript: no Excel, no Office, no file system. Folders follow a run's phases:
// ruleset/ (read and check the rules) -> read/ (sheet to facts) -> evaluate/ (facts to results)
// -> output/ (results to what hosts write), with analysis/ (tests, diff, backtest) beside them.

// The workbook interface hosts speak, and what a run produces.
export type { CellValue, SheetData, WorkbookSource, OutputPlan, PlannedDropdown, CellRef, CellStyle, CellBlock, SummaryChart } from "./workbook";
export type { RunResult, RowResult, RuleTrace, ConditionTrace, TriggerHit, WatchHit, Escalation, FactValue, NotCategorised, Moderation, StageAdditionHit } from "./results";
export { InputError, NotWrittenError, UnreadableFileError, columnLetter, type NotWrittenReason } from "./errors";

// ruleset/
export type { Ruleset, TestCase } from "./ruleset/schema";
export { RulesetSchema } from "./ruleset/schema";
export { parseRuleset, validateRuleset } from "./ruleset/parse";
export { RulesetError } from "./ruleset/ruleset-error";
export { withBareDictionaries } from "./ruleset/dictionaries";
export { lintRuleset, type LintIssue } from "./ruleset/lint";
export { JsonDocument } from "./ruleset/json-text";
export { SYNTAX_WORDS, syntaxWords } from "./ruleset/json-syntax-words";
export { rulesetJsonSchemaText } from "./ruleset/json-schema";
// Near-miss margins on triggers: watch flags, their colour and their words.
export { WATCH, WATCH_STYLE, watchStyle } from "./ruleset/margins";
export { watchLabel, watchLines } from "./evaluate/watch-reason";

// read/
export { tableFromGrid } from "./read/table";
export { coerce, MISSING_MARKERS } from "./read/coerce";
export { normaliseHeader } from "./read/headers";
export { RESULT_HEADERS, resultHeaders } from "./read/results-block";
export { memorySource, sheetFromRecords } from "./read/memory-source";

// evaluate/
export { categorise, type RunOptions } from "./evaluate/categorise";
export { plainResults } from "./evaluate/school-result";
export { compileRuleset } from "./evaluate/compile-ruleset";
export { explainRow, describeCondition, formatValue, supporting } from "./evaluate/explain";

// output/

export { SUMMARY_SHEET, moderatedSchools, outputTotals, type ModeratedSchool, type OutputTotals } from "./output/summary-sheet";
export { allowedValues, dropdowns, SPARE_ROWS, INLINE_LIST_LIMIT, type AllowedValues, type Dropdown } from "./output/dropdowns";
export { laSummary, bandsByField, RAG_STYLES, type LaSummary, type LaMeasure, type Rag } from "./output/la-summary";
export { summaryCharts, riskChart, bandCharts, type ChartSpec, type ChartSeries } from "./output/charts";
export { buildOutputPlan, planDropdowns, listHeader, parseListHeader, splitStyles, LIST_FIRST_COLUMN, type StyleSplit } from "./output/output-plan";
export { printLayout, officerPrintSetup, summaryBreaks, NO_PRINT_SETUP, NARROW_MARGINS, NORMAL_MARGINS, FOOTER, ROWS_PER_PAGE, type PrintLayout, type SheetPrintLayout, type PrintSetupFound, type PageMargins, type HeaderFooterText } from "./output/print-layout";
export { PERCENT_STYLE } from "./output/la-summary";
export { STORE_SHEET, emptyStore, parseStore, storeGrid, type FillSnapshot, type StoreContents, type ResultsRecord, type LetterBatch } from "./output/run-record";
export { planRun, planClear, runSnapshotArea, cutArea, type HeaderRow, type RunDecision, type ClearSnapshot, type ClearDecision, type FillGroup, type Rect } from "./output/rerun-policy";
// Live re-categorisation after a run: which schools an edit affects, and what to write for them.
export { classifyEdits, changedHistoryKeys, rowsWithKeys, withRows, withHistory, LIVE_ROW_LIMIT, type LiveBasis, type LiveEdits, type SheetEdit } from "./output/live-edits";
export { liveSource, evaluateLive, planLiveWrite, type LiveWrite } from "./output/live-write";

// analysis/
export { runRulesetTests, runCase, type CaseOutcome } from "./analysis/ruleset-tests";
export { compareRuns, type RunComparison, type SchoolChange } from "./analysis/compare-runs";
// Movement between runs kept in the workbook's record (the summary sheet, `diff --runs`, the pane).
export { movement, recordedMovement, runMovement, keyLabel, type Movement, type SchoolMovement, type CategoryThen, type RunLabel, type SchoolName } from "./analysis/movement";
export { recordRun, recordedRuns, RUNS_KEPT, type RecordedRun } from "./output/run-record-history";
export { movementLine, runName, isMove, NOT_BEFORE, NO_LONGER } from "./output/movement-sheet-block";
export { backtest, readGradeColumn, type BacktestResult, type Confusion, type DeclineRule } from "./analysis/backtest";
export { caseCoverage, type CaseCoverage, type SectionCoverage, type LeafCoverage, type CoveredRule, type CoverageSection } from "./analysis/coverage";

// letters/: the letters and notices sent to schools, filled from Word templates by hosts/docx.
export { LETTER_KINDS, LETTER_KIND, isLetterKind, type LetterKind, type LetterKindId } from "./letters/letter-kinds";
export { LETTER_FIELDS, letterFields, categoryFlag, stageFlag, type LetterField } from "./letters/letter-fields";
export { checkPlaceholders, fieldsNeeded, type PlaceholderUse } from "./letters/template-check";
export { schoolLetters, missingFields, letterFileName, type SchoolLetter, type LetterOptions, type LetterValue, type LetterItem } from "./letters/letter-values";
export { selectSchools, type LetterFilters, type Selection } from "./letters/letter-selection";
export { previousResults, type PreviousResult } from "./letters/previous-results";
export { recordLetters, lettersSent, type LetterSent } from "./letters/letters-record";
export { CONTACT_HEADERS } from "./letters/school-contacts";

// Dates as officers read them.
export { ukDate, todayIso } from "./util/dates";
export { maxOf } from "./util/max-of";
