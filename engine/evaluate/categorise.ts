// A run over a workbook: find the schools sheet, read each row, evaluate, and assemble results.
import type { CellValue, SheetData, WorkbookSource } from "../workbook";
import type { ConditionTrace, Escalation, FactValue, RowResult, RunResult, StageAdditionHit, TriggerHit } from "../results";
import type { Band, Output, Ruleset, Stage, Trigger } from "../ruleset/schema";
import type { StoreContents } from "../output/run-record";
import { compileRuleset, type CompiledRuleset } from "./compile-ruleset";
import { mapColumns, officerColumnCount, readRow } from "../read/mapping";
import { checkPercentColumns } from "../read/percent-check";
import { normaliseHeader } from "../read/headers";
import { readHistories, schoolKey, type HistoryEntry, type HistoryIndex, type SchoolKey } from "../read/history";
import { describeCondition, supporting } from "./explain";
import { lineCache, reasonLines, type LineCache } from "./reason-lines";
import { SchoolResult } from "./school-result";
import type { HeldWords } from "./compile-ruleset";
import { isAfterRunDate } from "./derived-facts";
import { own } from "../ruleset/dictionaries";
import { InputError } from "../errors";
import { addDays, isIsoDate, todayIso, ukDate } from "../util/dates";
import { didYouMean } from "../util/nearest";
import { isBlank } from "../read/table";
import { rulesetDateWarnings } from "../ruleset/effective";
import { watchRow } from "./watch";

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
  /**
   * Hands each school's result over as it is made, and keeps none in the run's rows (left empty):
   * a run over a whole sheet then holds one row's result at a time, so up to Excel's 1,048,576
   * rows fit a 4 GB heap (MAX_SCHOOL_ROWS applies only when results are kept).
   */
  onRow?: (row: RowResult) => void;
}

/**
 * The most school rows one run takes: each keeps its facts, traces and reasons (a few KB), and this
 * many stays well inside a 4 GB heap. England has about 24,000 state schools.
 */
export const MAX_SCHOOL_ROWS = 200_000;
/** Rows on an Excel sheet: the most a run that hands its results over (`onRow`) takes. */
export const EXCEL_ROWS = 1_048_576;

export async function categorise(source: WorkbookSource, ruleset: Ruleset, options: RunOptions = {}): Promise<RunResult> {
  const asOf = options.asOf ?? todayIso();
  if (!isIsoDate(asOf)) throw new InputError(`The run date '${asOf}' is not a date written YYYY-MM-DD (a day that exists, such as 2019-02-28)`);
  const sheet = pickSheet(source, ruleset, options.sheet);
  const recorded = options.store?.records[sheet.name];
  const width = officerColumnCount(sheet, recorded);
  const { index, warnings } = mapColumns(sheet, ruleset.fields, width);
  let filled = 0;
  // Blank rows, found once: 1 for a blank row.
  const blank = new Uint8Array(sheet.rows.length);
  for (let i = 0; i < sheet.rows.length; i++) {
    if (isBlankRow(sheet.rows[i], width)) blank[i] = 1;
    else filled++;
  }
  const limit = options.onRow ? EXCEL_ROWS : MAX_SCHOOL_ROWS;
  if (filled > limit) {
    throw new InputError(
      `Sheet '${sheet.name}' has ${filled.toLocaleString("en-GB")} rows of data; one run categorises at most ${limit.toLocaleString("en-GB")} ` +
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
  const seen = new Map<SchoolKey, number>();
  const rows: RowResult[] = [];
  const total = sheet.rows.length;

  for (let i = 0; i < total; i++) {
    if (options.onProgress && i % 500 === 0) {
      options.onProgress(i, total);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const rowNo = sheet.headerRow + 1 + i;
    if (blank[i]) continue;
    const { facts, problems, withheld } = readRow(sheet, i, ruleset.fields, index, compiled.blankFacts());
    const rowWarnings: string[] = [];
    for (const p of problems) rowWarnings.push(`Row ${rowNo}, ${p.column}: ${p.message}`);
    for (const w of percents.cells.get(i) ?? NONE) rowWarnings.push(w);
    for (const w of cellNotes.get(i) ?? NONE) rowWarnings.push(`Row ${rowNo}: ${w}`);
    const key = schoolKey(facts[ruleset.key]);
    if (key === "") {
      warnings.push(`Sheet '${sheet.name}' row ${rowNo}: no ${keyField.label}; the row is skipped`);
      continue;
    }
    if (seen.has(key)) {
      const dup = `Sheet '${sheet.name}' row ${rowNo}: ${keyField.label} ${facts[ruleset.key]} also appears on row ${seen.get(key)}; both rows are categorised and share its history`;
      warnings.push(dup);
      rowWarnings.push(dup);
    } else seen.set(key, rowNo);
    for (const w of histories.problems.get(key) ?? NONE) rowWarnings.push(w);
    const result = resultFor(run, facts, key, withheld, rowNo, rowWarnings);
    if (options.onRow) options.onRow(result);
    else rows.push(result);
  }
  options.onProgress?.(total, total);
  // Problems with the history of a school not on the sheet are said for the sheet.
  for (const [key, problems] of histories.problems) if (!seen.has(key)) warnings.push(...problems);

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
  /** Reason lines rows share. */
  lines: LineCache;
  /** The school being evaluated, and its entries in a history (derived facts from one history come one after another: the last asked for is kept). */
  school: { key: SchoolKey; lastId: string | undefined; last: HistoryEntry[] | undefined; history: (id: string) => HistoryEntry[] | undefined };
  /** Collects the row's trigger cells into rowCells as reasonLines works out each fired trigger's words. */
  onTrigger: (index: number, words: HeldWords) => void;
  rowCells: RowResult["triggerCells"];
  /** Per trigger, its officer cells by which of its leaves held (bits): rows share them. */
  cells: Map<number, RowResult["triggerCells"][number]>[];
  /** Escalations without additions, by stage and the date they are due from (rows share them). */
  escalations: Map<Stage, Map<string | undefined, Escalation>>;
  /** Schools with history entries dated after the run date (left out of derived facts) -> what is said of them. */
  future: Map<SchoolKey, string[]>;
}

function runContext(compiled: CompiledRuleset, sheet: SheetData, index: Map<string, number>, histories: HistoryIndex, asOf: string): RunContext {
  const r = compiled.ruleset;
  const triggers = byId(r.triggers);
  const hits = new Map([...triggers.values()].map((t) => [t.id, { id: t.id, label: t.label, severity: t.severity }]));
  // History date fields that order derived facts: entries dated after the run date are left out, and said.
  const dated = new Map<string, DatedHistory>();
  for (const d of r.derived ?? []) {
    if (d.kind !== "consecutiveLatest" && d.kind !== "latest") continue;
    const h = r.history?.find((x) => x.id === d.history);
    const f = h?.fields.find((x) => x.id === d.orderBy);
    if (h && f?.type === "date") dated.set(`${h.id}.${f.id}`, { history: h.id, field: f.id, label: h.label, fieldLabel: f.label });
  }
  const rowCells: RowResult["triggerCells"] = [];
  const school: RunContext["school"] = {
    key: "",
    lastId: undefined,
    last: undefined,
    history: (id) => {
      if (id !== school.lastId) {
        const h = histories.byKey.get(id);
        school.lastId = id;
        school.last = h ? h.get(school.key) ?? NO_ENTRIES : undefined;
      }
      return school.last;
    },
  };
  const run: RunContext = { compiled, sheet, index, histories, asOf, bands: byId(r.bands), triggers, stages: byId(r.escalation ?? []), hits, columns: new Map(), lines: lineCache(compiled), cells: r.triggers.map(() => new Map()), escalations: new Map(), future: futureEntries(histories, [...dated.values()], asOf), school, rowCells, onTrigger: (i, words) => rowCells.push(triggerCell(run, i, words)) };
  return run;
}

/** Items by id (the first of any repeated id, as find would give). */
function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const x of items) if (!map.has(x.id)) map.set(x.id, x);
  return map;
}

function isBlankRow(row: CellValue[], width: number): boolean {
  for (let c = 0; c < width && c < row.length; c++) if (!isBlank(row[c])) return false;
  return true;
}

const NO_ENTRIES: HistoryEntry[] = [];
/** A ruleset without outputs: every row's (read-only) outputs. */
const NO_OUTPUTS: Record<string, FactValue> = Object.freeze({});
const NOTHING_WITHHELD: ReadonlyMap<string, string> = new Map();
const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];
/** Nothing to say, shared by rows (read only). */
const NONE: readonly string[] = [];

function resultFor(run: RunContext, facts: Record<string, FactValue>, key: SchoolKey, withheld: ReadonlyMap<string, string>, rowNo: number, warnings: string[]): RowResult {
  const { compiled, asOf } = run;
  const r = compiled.ruleset;
  run.school.key = key;
  run.school.lastId = undefined;
  const outcome = compiled.evaluate(facts, asOf, run.school.history, withheld);

  const { band, moderated } = outcome;
  if (outcome.overrideProblem) warnings.push(outcome.overrideProblem);
  const later = run.future.size ? run.future.get(key) : undefined;
  if (later) for (const w of later) warnings.push(w);

  // Fired-trigger sets are one per distinct set (compile-ruleset.ts): so are their hits.
  const triggers = (outcome.fired.hits ??= outcome.triggers.map((id) => run.hits.get(id)!));
  const escalation = escalationFor(run, outcome.stage, facts, outcome.additions);
  const finalBand = run.bands.get(band)!;
  const outputs = !r.outputs?.length
    ? NO_OUTPUTS
    : outputsFor(r, band, facts, (o, rate) => {
        const field = r.fields.find((f) => f.id === o.pupils);
        warnings.push(`No ${field?.label ?? o.pupils}: ${o.header} is not worked out (the category's rate is ${rate} per pupil); enter the number and run again`);
      });
  // Traces made later need the withheld cells only where they left a rule undecided (otherwise they change nothing).
  const rowResult = new SchoolResult(compiled, outcome.undecided.length ? withheld : NOTHING_WITHHELD);
  rowResult.row = rowNo;
  rowResult.key = (facts[r.key] as string | number) ?? null;
  rowResult.name = r.name ? ((facts[r.name] as string | null) ?? null) : null;
  rowResult.band = band;
  rowResult.bandLabel = finalBand.label;
  rowResult.ruleBand = outcome.ruleBand;
  rowResult.moderated = moderated;
  rowResult.triggers = triggers;
  rowResult.escalation = escalation;
  rowResult.nextAction = escalation?.nextAction ?? finalBand.nextAction ?? "";
  rowResult.due = escalation?.due ?? null;
  rowResult.warnings = warnings;
  rowResult.outputs = outputs;
  rowResult.facts = outcome.facts;
  if (outcome.notCategorised) {
    const could = outcome.notCategorised.couldBe === null ? undefined : run.bands.get(outcome.notCategorised.couldBe);
    rowResult.notCategorised = { missing: outcome.notCategorised.missing.map(compiled.label), couldBe: could ? `${could.id} ${could.label}` : null };
  }
  if (moderated) {
    const reasonField = r.override?.reason;
    const given = reasonField ? facts[reasonField] : null;
    const reason = given === null || given === undefined || String(given).trim() === "" ? null : String(given).trim();
    const contradicts = outcome.contradicts.map((c) => contradiction(band, c, run));
    rowResult.moderation = { reason, contradicts };
    warnings.push(...contradicts);
    if (reasonField && !reason) {
      const field = r.fields.find((f) => f.id === reasonField);
      const column = run.index.has(reasonField) ? `in column '${run.sheet.headers[run.index.get(reasonField)!]}'` : `in a '${field?.headers[0] ?? reasonField}' column`;
      warnings.push(`Officer category ${band} is given without a reason: add one ${column}, so the moderation can be audited`);
    }
  }
  run.rowCells.length = 0;
  rowResult.reasons = reasonLines(compiled, outcome, rowResult, run.bands.get(outcome.ruleBand)!.label, withheld, run.lines, run.onTrigger);
  rowResult.triggerCells = run.rowCells.length ? run.rowCells.slice() : NO_CELLS;
  // Near misses of triggers with margins (only rulesets with margins have a watcher).
  if (compiled.watch) watchRow(compiled.watch, rowResult, run.index, run.sheet.firstColumn);
  // Most rows have nothing to warn of: they share one (read-only) empty list.
  if (!warnings.length) rowResult.warnings = NO_WARNINGS;
  return rowResult;
}

/** "Officer category A goes against the framework: Requires improvement ... are D (Ofsted grade is 3); ..." */
function contradiction(band: string, c: { label: string; band: string; conditions: ConditionTrace[] }, run: RunContext): string {
  const mandated = run.bands.get(c.band);
  const because = supporting({ kind: "band", id: c.band, label: c.label, held: true, conditions: c.conditions, missing: [] }).map(describeCondition).join("; ");
  return `Officer category ${band} goes against the framework: ${c.label} (${because}), so ${c.band}${mandated ? ` ${mandated.label}` : ""} is expected; the officer's category is kept`;
}

interface DatedHistory {
  history: string;
  field: string;
  label: string;
  fieldLabel: string;
}

/** Warnings, by school, for history entries dated after the run date, which the derived facts leave out. */
function futureEntries(histories: HistoryIndex, dated: DatedHistory[], asOf: string): Map<SchoolKey, string[]> {
  const out = new Map<SchoolKey, string[]>();
  for (const { history, field, label, fieldLabel } of dated) {
    for (const [key, entries] of histories.byKey.get(history) ?? []) {
      const later = entries.filter((e) => isAfterRunDate(e[field], asOf));
      if (!later.length) continue;
      const dates = later.map((e) => ukDate(e[field] as string)).join(", ");
      const said = `${label}: ${later.length === 1 ? "an entry" : `${later.length} entries`} dated after the run date (${fieldLabel} ${dates}) ${later.length === 1 ? "is" : "are"} not counted yet`;
      (out.get(key) ?? out.set(key, []).get(key)!).push(said);
    }
  }
  return out;
}

function escalationFor(run: RunContext, stageId: string | null, facts: Record<string, FactValue>, additions: StageAdditionHit[]): Escalation | null {
  const stage = stageId === null ? undefined : run.stages.get(stageId);
  if (!stage) return null;
  let base: string | undefined;
  if (stage.due) {
    const from = stage.due.from ? facts[stage.due.from] : null;
    base = typeof from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : run.asOf;
  }
  if (additions.length) return escalationOf(stage, base, additions);
  // Without additions, rows at the same stage due from the same date share one (read-only) escalation.
  let byBase = run.escalations.get(stage);
  if (!byBase) run.escalations.set(stage, (byBase = new Map()));
  let escalation = byBase.get(base);
  if (!escalation) {
    escalation = escalationOf(stage, base, additions);
    if (byBase.size >= 10_000) byBase.clear();
    byBase.set(base, escalation);
  }
  return escalation;
}

function escalationOf(stage: Stage, base: string | undefined, additions: StageAdditionHit[]): Escalation {
  let due: string | null = null;
  let dueFrom: string | null = null;
  if (stage.due && base !== undefined) {
    due = addDays(base, stage.due.days);
    if (stage.due.earliestDays !== undefined) dueFrom = addDays(base, stage.due.earliestDays);
  }
  const nextAction = [stage.nextAction, ...additions.map((a) => a.nextAction)].join(" ");
  const escalation: Escalation = { stage: stage.id, label: stage.label, nextAction, due };
  if (dueFrom) escalation.dueFrom = dueFrom;
  if (additions.length) escalation.additions = additions;
  return escalation;
}

/** Outputs such as funding: pupils x the band's rate; `noPupils` is told when a rate applies but the count is missing. */
function outputsFor(r: Ruleset, band: string, facts: Record<string, FactValue>, noPupils: (o: Output, rate: number) => void): Record<string, FactValue> {
  if (!r.outputs?.length) return NO_OUTPUTS;
  const out: Record<string, FactValue> = {};
  for (const o of r.outputs ?? []) {
    const rate = own(o.rates, band);
    const pupils = facts[o.pupils];
    if (rate !== undefined && typeof pupils !== "number") noPupils(o, rate);
    out[o.id] = rate === undefined ? null : typeof pupils === "number" ? Math.round(pupils * rate * 100) / 100 : null;
  }
  return out;
}

/** A fired trigger's officer cells: the columns behind the conditions that held. */
function triggerCell(run: RunContext, index: number, words: HeldWords): RowResult["triggerCells"][number] {
  // Rows whose trigger held by the same leaves share its cells.
  const made = run.cells[index];
  let cell = words.bits < 0 ? undefined : made.get(words.bits);
  if (!cell) {
    const t = run.compiled.rules.trigger[index];
    const facts = words.bits < 0 ? [...words.facts] : words.facts.filter((_, i) => words.bits & (1 << i));
    cell = { trigger: t.id, severity: run.triggers.get(t.id)!.severity, columns: columnsBehind(run, facts) };
    if (words.bits >= 0) made.set(words.bits, cell);
  }
  return cell;
}

/** No trigger fired: no cells (read-only, shared). */
const NO_CELLS: RowResult["triggerCells"] = Object.freeze([]) as unknown as RowResult["triggerCells"];

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
