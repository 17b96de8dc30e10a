// A run (and Clear) on an ExcelJS workbook, keeping the workbook store: the command-line tool and
// the page outside Office both use this, so a workbook behaves the same whichever wrote it. The
// store records where the results columns are and the original fill of every officer cell a
// trigger coloured, so a re-run restores cells that no longer trigger and Clear restores them all.
import type ExcelJS from "exceljs";
import { buildOutputPlan, categorise, InputError, resultHeaders, resultsAreaOf, resultsAreaProblem, splitStyles, type OutputPlan, type Ruleset, type RunOptions, type RunResult } from "../../engine";
import { normHeader, runArea } from "../../engine/output/results-area";
import { applyPlanToExcelJS, sourceFromExcelJS } from "./workbook-io";
import { STORE_SHEET, cellKey, emptyStore, groupByFill, originalsMap, originalsRecord, parseStore, storeGrid, type FillSnapshot, type StoreContents } from "../../engine/output/run-record";

/** Officer data sits where the results would go; nothing was written. Each host words its own error. */
export class ResultsAreaError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "ResultsAreaError";
  }
}

export interface ExcelJSRunOptions extends RunOptions {
  /** Called once the run is categorised and checked, just before the workbook is changed. */
  onWrite?: () => void;
}

export interface ExcelJSRun {
  result: RunResult;
  plan: OutputPlan;
  /** Notes for the user besides result.warnings (e.g. colours that could not be restored). */
  notes: string[];
}

export function readStore(wb: ExcelJS.Workbook): StoreContents {
  const ws = wb.getWorksheet(STORE_SHEET);
  if (!ws) return emptyStore();
  const grid: unknown[][] = [];
  ws.eachRow((row, r) => (grid[r - 1] = [row.getCell(1).value, row.getCell(2).value]));
  return parseStore(Array.from(grid, (r) => r ?? []));
}

export function writeStore(wb: ExcelJS.Workbook, store: StoreContents): void {
  const old = wb.getWorksheet(STORE_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(STORE_SHEET, { state: "veryHidden" });
  for (const row of storeGrid(store)) ws.addRow(row);
}

function fillOf(cell: ExcelJS.Cell): FillSnapshot {
  const f = cell.style?.fill as ExcelJS.Fill | undefined;
  if (!f || (f.type === "pattern" && f.pattern === "none")) return { color: null };
  const argb = f.type === "pattern" ? (f.fgColor as { argb?: string } | undefined)?.argb : undefined;
  return { color: argb ? `#${argb.slice(-6).toUpperCase()}` : "#FFFFFF", raw: f };
}

function setFill(cell: ExcelJS.Cell, fill: FillSnapshot): void {
  // Replace the style object: ExcelJS may share one between cells.
  const { fill: _old, ...rest } = cell.style ?? {};
  if (fill.raw) cell.style = { ...rest, fill: fill.raw as ExcelJS.Fill };
  else if (fill.color) cell.style = { ...rest, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + fill.color.slice(1) } } };
  else cell.style = rest;
}

function clearCell(cell: ExcelJS.Cell): void {
  cell.value = null;
  cell.style = {};
}

/**
 * Categorises a sheet and writes the results, fills and summary sheet, restoring the recorded
 * original fill of officer cells the last run coloured and this one does not, and records the run.
 * Throws ResultsAreaError, with the workbook unchanged, when officer data is in the way.
 */
export async function runOnExcelJS(wb: ExcelJS.Workbook, ruleset: Ruleset, options: ExcelJSRunOptions = {}): Promise<ExcelJSRun> {
  const source = sourceFromExcelJS(wb);
  const result = await categorise(source, ruleset, options);
  const plan = buildOutputPlan(result, ruleset);
  const store = readStore(wb);
  const recordedRun = store.records[plan.sheet];
  const sameLayout = !!recordedRun && recordedRun.headerRow === plan.headerRow && recordedRun.firstColumn === plan.firstColumn;
  const previous = sameLayout ? recordedRun : null;
  const sheet = source.readSheet(plan.sheet)!;
  // Our own headers (this run's and the last run's) may be overwritten; officer data may not.
  const area = runArea(plan, sheet.headerRow + sheet.rows.length, previous);
  const grid = resultsAreaOf(sheet.headers, sheet.rows, sheet.firstColumn, plan, area.right - plan.firstColumn + 1);
  const problem = resultsAreaProblem(grid, plan, [...plan.headers, ...(previous?.headers ?? [])]);
  if (problem) throw new ResultsAreaError(problem);
  options.onWrite?.();

  const ws = wb.getWorksheet(plan.sheet)!;
  const notes: string[] = [];
  if (recordedRun && !sameLayout) notes.push(`The table on '${plan.sheet}' moved since the last run, so trigger colours from that run could not be restored.`);
  const recorded = previous ? originalsMap(previous) : new Map<string, FillSnapshot>();
  const { results, officer } = splitStyles(plan);
  const originals = new Map<string, FillSnapshot>();
  for (const c of officer.flatMap((g) => g.cells)) originals.set(cellKey(c), recorded.get(cellKey(c)) ?? fillOf(ws.getCell(c.row, c.column)));

  // Clear the old results area, restore fills this run no longer needs, then write.
  // Only the area checked above: our columns, never a column beyond them.
  const lastRow = plan.headerRow + plan.values.length;
  for (let r = plan.headerRow; r <= area.bottom; r++) for (let c = plan.firstColumn; c <= area.right; c++) clearCell(ws.getCell(r, c));
  for (const { fill, cells } of groupByFill(recorded, (k) => !originals.has(k))) for (const c of cells) setFill(ws.getCell(c.row, c.column), fill);
  applyPlanToExcelJS(wb, {
    ...plan,
    styles: [...results, ...officer.map((g) => ({ style: { fill: g.fill }, cells: g.cells }))],
  });
  writeStore(wb, {
    ...store,
    records: { ...store.records, [plan.sheet]: { headerRow: plan.headerRow, firstColumn: plan.firstColumn, headers: plan.headers, lastRow, originals: originalsRecord(originals) } },
    summary: { sheet: plan.sheet, name: plan.summary.name },
  });
  return { result, plan, notes };
}

/**
 * Removes the results columns on a sheet (found by the store's record, else by our headers at the
 * right of the table), restores the recorded officer fills and the summary sheet that run wrote.
 * Returns a message for the user.
 */
export function clearOnExcelJS(wb: ExcelJS.Workbook, sheetName: string, ruleset: Ruleset | null): string {
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new InputError(`There is no sheet '${sheetName}' in this workbook`);
  const store = readStore(wb);
  const record = store.records[sheetName];
  const sheet = sourceFromExcelJS(wb).readSheet(sheetName)!;
  let area: { headerRow: number; firstColumn: number; width: number; lastRow: number } | null = null;
  if (record && record.headers.every((h, j) => normHeader(ws.getCell(record.headerRow, record.firstColumn + j).value) === normHeader(h))) {
    area = { headerRow: record.headerRow, firstColumn: record.firstColumn, width: record.headers.length, lastRow: record.lastRow };
  } else {
    const ours = new Set((ruleset ? resultHeaders(ruleset) : ["Category"]).map(normHeader));
    let end = sheet.headers.length;
    while (end > 0 && !sheet.headers[end - 1]) end--;
    for (let start = end - 1; start >= 0 && ours.has(normHeader(sheet.headers[start])); start--) {
      if (normHeader(sheet.headers[start]) === "category") {
        area = { headerRow: sheet.headerRow, firstColumn: sheet.firstColumn + start, width: end - start, lastRow: sheet.headerRow + sheet.rows.length };
        break;
      }
    }
  }
  const originals = originalsMap(record);
  if (area) {
    const bottom = Math.max(area.lastRow, sheet.headerRow + sheet.rows.length);
    for (let r = area.headerRow; r <= bottom; r++) for (let c = area.firstColumn; c < area.firstColumn + area.width; c++) clearCell(ws.getCell(r, c));
  }
  for (const { fill, cells } of groupByFill(originals)) for (const c of cells) setFill(ws.getCell(c.row, c.column), fill);
  let summary = store.summary;
  if (summary?.sheet === sheetName) {
    const old = wb.getWorksheet(summary.name);
    if (old) wb.removeWorksheet(old.id);
    summary = null;
  }
  const { [sheetName]: _gone, ...records } = store.records;
  if (wb.getWorksheet(STORE_SHEET)) writeStore(wb, { ...store, records, summary });
  if (!area && !originals.size) return `No results to clear on '${sheetName}'.`;
  return `Cleared the results on '${sheetName}'${originals.size ? ` and restored ${originals.size.toLocaleString("en-GB")} cell colours` : ""}.`;
}
