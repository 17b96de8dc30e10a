// A run over a workbook: find the schools sheet, read each row, evaluate, and assemble results.
import type { CellValue, SheetData, WorkbookSource } from "../workbook";
import type { Escalation, FactValue, RowResult, RunResult, TriggerHit } from "../results";
import type { Band, Ruleset, Stage, Trigger } from "../ruleset/schema";
import type { StoreContents } from "../output/run-record";
import { compileRuleset, type CompiledRuleset } from "./compile-ruleset";
import { mapColumns, officerColumnCount, readRow } from "../read/mapping";
import { checkPercentColumns } from "../read/percent-check";
import { normaliseHeader } from "../read/headers";
import { readHistories, keyText, type HistoryEntry, type HistoryIndex } from "../read/history";
import { reasonsFor, supporting } from "./explain";
import { InputError } from "../errors";
import { addDays, todayIso } from "../util/dates";
import { didYouMean } from "../util/nearest";
import { isBlank } from "../read/table";
import { rulesetDateWarnings } from "../ruleset/effective";

export interface RunOptions {
  /** Schools sheet name; otherwise the ruleset's preferred names, then the best-matching sheet. */
  sheet?: string;
  /** Run date (YYYY-MM-DD) for days-since facts and due dates; default today. */
  asOf?: string;
  /** Called every few hundred rows; the run yields to the event loop then so a UI can repaint. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The workbook's store: an earlier run's results block, found by the run record, is not part of
   * the officer's table. Without a record every headed column is the officer's, whatever its header.
   */
  store?: StoreContents;
}

/**
 * The most school rows one run takes: each keeps its facts, traces and reasons (a few KB), and this
 * many stays well inside a 4 GB heap. England has about 24,000 state schools.
 */
export const MAX_SCHOOL_ROWS = 200_000;

export async function categorise(source: WorkbookSource, ruleset: Ruleset, options: RunOptions = {}): Promise<RunResult> {
  const asOf = options.asOf ?? todayIso();
  if (!isRealDate(asOf)) throw new InputError(`The run date '${asOf}' is not a date written YYYY-MM-DD (a day that exists, such as 2019-02-28)`);
  const sheet = pickSheet(source, ruleset, options.sheet);
  const recorded = options.store?.records[sheet.name];
  const width = officerColumnCount(sheet, recorded);
  const { index, warnings } = mapColumns(sheet, ruleset.fields, width);
  let filled = 0;
  for (const row of sheet.rows) if (!isBlankRow(row, width)) filled++;
  if (filled > MAX_SCHOOL_ROWS) {
    throw new InputError(
      `Sheet '${sheet.name}' has ${filled.toLocaleString("en-GB")} rows of data; one run categorises at most ${MAX_SCHOOL_ROWS.toLocaleString("en-GB")} ` +
        `(England has about 24,000 state schools). Remove rows that are not schools, or split the sheet, and run again.`,
    );
  }
  const beyond = sheet.headers.slice(width + (recorded?.headers.length ?? 0)).filter((h) => h !== "");
  if (width < sheet.headers.length && beyond.length) {
    warnings.unshift(`Sheet '${sheet.name}': ${beyond.map((h) => `'${h}'`).join(", ")} stand right of the last run's results columns, so this run does not read them; move them left of 'Category' to use them`);
  }
  // Cells the host could not read: on their school's row, or for the sheet.
  const cellNotes = new Map<number, string[]>();
  for (const n of sheet.notes ?? []) {
    const i = n.row - sheet.headerRow - 1;
    if (i >= 0 && i < sheet.rows.length) (cellNotes.get(i) ?? cellNotes.set(i, []).get(i)!).push(n.message);
    else warnings.push(`Sheet '${sheet.name}': ${n.message}`);
  }
  const percents = checkPercentColumns(sheet, ruleset.fields, index);
  for (const w of percents.sheet) warnings.push(w);
  const histories = readHistories(source, ruleset);
  for (const w of histories.warnings) warnings.push(w);
  // A ruleset no longer in force on the run date: said first.
  warnings.unshift(...rulesetDateWarnings(ruleset, asOf));
  const compiled = compileRuleset(ruleset);
  const run = runContext(compiled, sheet, index, histories, asOf);
  const keyField = ruleset.fields.find((f) => f.id === ruleset.key)!;
  const seen = new Map<string, number>();
  const rows: RowResult[] = [];
  const total = sheet.rows.length;

  for (let i = 0; i < total; i++) {
    if (options.onProgress && i % 500 === 0) {
      options.onProgress(i, total);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const rowNo = sheet.headerRow + 1 + i;
    if (isBlankRow(sheet.rows[i], width)) continue;
    const { facts, problems, withheld } = readRow(sheet, i, ruleset.fields, index, compiled.blankFacts());
    const rowWarnings = problems.map((p) => `Row ${rowNo}, ${p.column}: ${p.message}`);
    for (const w of percents.cells.get(i) ?? []) rowWarnings.push(w);
    for (const w of cellNotes.get(i) ?? []) rowWarnings.push(`Row ${rowNo}: ${w}`);
    const key = keyText(facts[ruleset.key]);
    if (!key) {
      warnings.push(`Sheet '${sheet.name}' row ${rowNo}: no ${keyField.label}; the row is skipped`);
      continue;
    }
    if (seen.has(key)) {
      const dup = `Sheet '${sheet.name}' row ${rowNo}: ${keyField.label} ${facts[ruleset.key]} also appears on row ${seen.get(key)}; both rows are categorised and share its history`;
      warnings.push(dup);
      rowWarnings.push(dup);
    } else seen.set(key, rowNo);
    rows.push(resultFor(run, facts, key, withheld, rowNo, rowWarnings));
  }
  options.onProgress?.(total, total);

  return {
    ruleset: { id: ruleset.id, title: ruleset.title, version: ruleset.version },
    sheet: sheet.name,
    headerRow: sheet.headerRow,
    firstColumn: sheet.firstColumn,
    tableColumns: width,
    asOf,
    rows,
    warnings,
    columns: Object.fromEntries([...index].map(([id, c]) => [id, { header: sheet.headers[c], column: sheet.firstColumn + c }])),
  };
}

/**
 * What every row of a run shares: the compiled rules, rules by id, and pieces of results that
 * rows have in common (trigger hits, the columns behind a set of facts), made once and shared
 * read-only between rows.
 */
interface RunContext {
  compiled: CompiledRuleset;
  sheet: SheetData;
  index: Map<string, number>;
  histories: HistoryIndex;
  asOf: string;
  bands: Map<string, Band>;
  triggers: Map<string, Trigger>;
  stages: Map<string, Stage>;
  hits: Map<string, TriggerHit>;
  /** Supporting facts (joined) -> the sheet columns behind them. */
  columns: Map<string, number[]>;
}

function runContext(compiled: CompiledRuleset, sheet: SheetData, index: Map<string, number>, histories: HistoryIndex, asOf: string): RunContext {
  const r = compiled.ruleset;
  const triggers = byId(r.triggers);
  const hits = new Map([...triggers.values()].map((t) => [t.id, { id: t.id, label: t.label, severity: t.severity }]));
  return { compiled, sheet, index, histories, asOf, bands: byId(r.bands), triggers, stages: byId(r.escalation ?? []), hits, columns: new Map() };
}

/** Items by id (the first of any repeated id, as find would give). */
function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const x of items) if (!map.has(x.id)) map.set(x.id, x);
  return map;
}

/** "2019-02-28" yes; "2019-02-30" and "28/02/2019" no. */
function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function isBlankRow(row: CellValue[], width: number): boolean {
  for (let c = 0; c < width && c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

const NO_ENTRIES: HistoryEntry[] = [];

function resultFor(run: RunContext, facts: Record<string, FactValue>, key: string, withheld: Map<string, string>, rowNo: number, warnings: string[]): RowResult {
  const { compiled, histories, asOf } = run;
  const r = compiled.ruleset;
  const outcome = compiled.evaluate(facts, asOf, (id) => {
    const h = histories.byKey.get(id);
    return h ? h.get(key) ?? NO_ENTRIES : undefined;
  }, withheld);

  const { band, moderated } = outcome;
  if (outcome.overrideProblem) warnings.push(outcome.overrideProblem);

  const triggers = outcome.triggers.map((id) => run.hits.get(id)!);
  const escalation = escalationFor(run, outcome.stage, facts);
  const finalBand = run.bands.get(band)!;
  const rowResult: RowResult = {
    row: rowNo,
    key: (facts[r.key] as string | number) ?? null,
    name: r.name ? ((facts[r.name] as string | null) ?? null) : null,
    band,
    bandLabel: finalBand.label,
    ruleBand: outcome.ruleBand,
    moderated,
    triggers,
    escalation,
    nextAction: escalation?.nextAction ?? finalBand.nextAction ?? "",
    due: escalation?.due ?? null,
    reasons: [],
    warnings,
    outputs: outputsFor(r, band, facts),
    facts: outcome.facts,
    traces: outcome.traces,
    triggerCells: triggerCells(run, outcome.traces),
  };
  rowResult.reasons = reasonsFor(rowResult, run.bands.get(outcome.ruleBand)!.label, withheld, compiled.sources, compiled.label);
  return rowResult;
}

function escalationFor(run: RunContext, stageId: string | null, facts: Record<string, FactValue>): Escalation | null {
  const stage = stageId === null ? undefined : run.stages.get(stageId);
  if (!stage) return null;
  let due: string | null = null;
  let dueFrom: string | null = null;
  if (stage.due) {
    const from = stage.due.from ? facts[stage.due.from] : null;
    const base = typeof from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : run.asOf;
    due = addDays(base, stage.due.days);
    if (stage.due.earliestDays !== undefined) dueFrom = addDays(base, stage.due.earliestDays);
  }
  const escalation: Escalation = { stage: stage.id, label: stage.label, nextAction: stage.nextAction, due };
  if (dueFrom) escalation.dueFrom = dueFrom;
  return escalation;
}

function outputsFor(r: Ruleset, band: string, facts: Record<string, FactValue>): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const o of r.outputs ?? []) {
    const rate = o.rates[band];
    const pupils = facts[o.pupils];
    out[o.id] = rate === undefined ? null : typeof pupils === "number" ? Math.round(pupils * rate * 100) / 100 : null;
  }
  return out;
}

/** For each fired trigger, the officer's columns behind the conditions that held. */
function triggerCells(run: RunContext, traces: RowResult["traces"]): RowResult["triggerCells"] {
  const cells: RowResult["triggerCells"] = [];
  for (const t of traces) {
    if (t.kind !== "trigger" || !t.held) continue;
    const columns = columnsBehind(run, supporting(t).map((c) => c.fact));
    cells.push({ trigger: t.id, severity: run.triggers.get(t.id)!.severity, columns });
  }
  return cells;
}

/** Sheet columns (ascending) of the fields some facts rest on; worked out once per set of facts. */
function columnsBehind(run: RunContext, facts: string[]): number[] {
  const key = facts.join(",");
  let columns = run.columns.get(key);
  if (!columns) {
    const fields = new Set(facts.flatMap((f) => run.compiled.sources.get(f) ?? []));
    const found = [...fields].map((f) => run.index.get(f)).filter((c): c is number => c !== undefined).map((c) => run.sheet.firstColumn + c);
    columns = [...new Set(found)].sort((a, b) => a - b);
    run.columns.set(key, columns);
  }
  return columns;
}

function pickSheet(source: WorkbookSource, ruleset: Ruleset, wanted?: string): SheetData {
  const names = source.sheetNames();
  if (!names.length) throw new InputError("The workbook has no sheets");
  let name: string | undefined;
  if (wanted) {
    name = names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (!name) throw new InputError(`There is no sheet '${wanted}'${didYouMean(wanted, names)}; the workbook has ${names.map((n) => `'${n}'`).join(", ")}`);
  } else {
    for (const pref of ruleset.sheet ?? []) name ??= names.find((n) => n.toLowerCase() === pref.toLowerCase());
    name ??= bestMatchingSheet(source, ruleset, names);
  }
  const sheet = source.readSheet(name);
  if (!sheet || sheet.headers.every((h) => !h)) throw new InputError(`Sheet '${name}' is empty: it has no header row`);
  if (!sheet.rows.length) throw new InputError(`Sheet '${name}' has a header row (row ${sheet.headerRow}) but no school rows under it`);
  return sheet;
}

/** The sheet whose headers match the most field aliases (history sheets excluded). */
function bestMatchingSheet(source: WorkbookSource, ruleset: Ruleset, names: string[]): string {
  const aliases = new Set(ruleset.fields.flatMap((f) => f.headers.map(normaliseHeader)));
  const historySheets = new Set((ruleset.history ?? []).flatMap((h) => h.sheet.map((s) => s.toLowerCase())));
  let best = names[0];
  let bestScore = -1;
  for (const n of names) {
    if (historySheets.has(n.toLowerCase())) continue;
    const score = (source.readSheet(n)?.headers ?? []).filter((h) => aliases.has(normaliseHeader(h))).length;
    if (score > bestScore) [best, bestScore] = [n, score];
  }
  return best;
}
