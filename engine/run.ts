// A run over a workbook: find the schools sheet, read each row, evaluate, and assemble results.
import type { SheetData, WorkbookSource } from "./workbook";
import type { Escalation, FactValue, RowResult, RunResult, TriggerHit } from "./results";
import type { Ruleset } from "./ruleset/schema";
import { compileRuleset, type CompiledRuleset } from "./evaluate";
import { mapColumns, normaliseHeader, officerColumnCount, readRow } from "./mapping";
import { readHistories, keyText, type HistoryIndex } from "./history";
import { reasonsFor, supporting } from "./explain";
import { InputError } from "./errors";
import { addDays, todayIso } from "./util/dates";
import { didYouMean } from "./util/nearest";
import { isBlank } from "./table";

export interface RunOptions {
  /** Schools sheet name; otherwise the ruleset's preferred names, then the best-matching sheet. */
  sheet?: string;
  /** Run date (YYYY-MM-DD) for days-since facts and due dates; default today. */
  asOf?: string;
  /** Called every few hundred rows; the run yields to the event loop then so a UI can repaint. */
  onProgress?: (done: number, total: number) => void;
}

export async function categorise(source: WorkbookSource, ruleset: Ruleset, options: RunOptions = {}): Promise<RunResult> {
  const asOf = options.asOf ?? todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new InputError(`The run date '${asOf}' is not a date written YYYY-MM-DD`);
  const sheet = pickSheet(source, ruleset, options.sheet);
  const width = officerColumnCount(sheet, ruleset);
  const { index, warnings } = mapColumns(sheet, ruleset.fields, width);
  const histories = readHistories(source, ruleset);
  warnings.push(...histories.warnings);
  const compiled = compileRuleset(ruleset);
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
    if (sheet.rows[i].slice(0, width).every(isBlank)) continue;
    const { facts, problems, withheld } = readRow(sheet, i, ruleset.fields, index);
    const rowWarnings = problems.map((p) => `Row ${rowNo}, ${p.column}: ${p.message}`);
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
    rows.push(resultFor(compiled, sheet, index, histories, facts, withheld, rowNo, asOf, rowWarnings));
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

function resultFor(
  compiled: CompiledRuleset,
  sheet: SheetData,
  index: Map<string, number>,
  histories: HistoryIndex,
  facts: Record<string, FactValue>,
  withheld: Map<string, string>,
  rowNo: number,
  asOf: string,
  warnings: string[],
): RowResult {
  const r = compiled.ruleset;
  const key = keyText(facts[r.key]);
  const outcome = compiled.evaluate(facts, asOf, (id) => {
    const h = histories.byKey.get(id);
    return h ? h.get(key) ?? [] : undefined;
  }, withheld);
  const bandOf = (id: string) => r.bands.find((b) => b.id === id)!;

  const { band, moderated } = outcome;
  if (outcome.overrideProblem) warnings.push(outcome.overrideProblem);

  const triggers: TriggerHit[] = outcome.triggers.map((id) => {
    const t = r.triggers.find((x) => x.id === id)!;
    return { id, label: t.label, severity: t.severity };
  });
  const escalation = escalationFor(compiled, outcome.stage, facts, asOf);
  const rowResult: RowResult = {
    row: rowNo,
    key: (facts[r.key] as string | number) ?? null,
    name: r.name ? ((facts[r.name] as string | null) ?? null) : null,
    band,
    bandLabel: bandOf(band).label,
    ruleBand: outcome.ruleBand,
    moderated,
    triggers,
    escalation,
    nextAction: escalation?.nextAction ?? bandOf(band).nextAction ?? "",
    due: escalation?.due ?? null,
    reasons: [],
    warnings,
    outputs: outputsFor(r, band, facts),
    facts: outcome.facts,
    traces: outcome.traces,
    triggerCells: triggerCells(compiled, outcome.traces, index, sheet.firstColumn),
  };
  rowResult.reasons = reasonsFor(rowResult, bandOf(outcome.ruleBand).label, withheld, compiled.sources, compiled.label);
  return rowResult;
}

function escalationFor(compiled: CompiledRuleset, stageId: string | null, facts: Record<string, FactValue>, asOf: string): Escalation | null {
  const stage = compiled.ruleset.escalation?.find((s) => s.id === stageId);
  if (!stage) return null;
  let due: string | null = null;
  let dueFrom: string | null = null;
  if (stage.due) {
    const from = stage.due.from ? facts[stage.due.from] : null;
    const base = typeof from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : asOf;
    due = addDays(base, stage.due.days);
    if (stage.due.earliestDays !== undefined) dueFrom = addDays(base, stage.due.earliestDays);
  }
  return { stage: stage.id, label: stage.label, nextAction: stage.nextAction, due, ...(dueFrom ? { dueFrom } : {}) };
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
function triggerCells(compiled: CompiledRuleset, traces: RowResult["traces"], index: Map<string, number>, firstColumn: number): RowResult["triggerCells"] {
  const cells: RowResult["triggerCells"] = [];
  for (const t of traces) {
    if (t.kind !== "trigger" || !t.held) continue;
    const fields = new Set(supporting(t).flatMap((c) => compiled.sources.get(c.fact) ?? []));
    const columns = [...fields].map((f) => index.get(f)).filter((c): c is number => c !== undefined).map((c) => firstColumn + c);
    const severity = compiled.ruleset.triggers.find((x) => x.id === t.id)!.severity;
    cells.push({ trigger: t.id, severity, columns: [...new Set(columns)].sort((a, b) => a - b) });
  }
  return cells;
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
