// Run and Clear on an ExcelJS workbook: the command-line tool and the page outside Office both use
// this, so a workbook behaves the same whichever wrote it. What to clear, which fills to read and
// restore, and the run record to keep are the engine's re-run policy; this file only does the I/O.
import type ExcelJS from "exceljs";
import {
  buildOutputPlan,
  categorise,
  cutArea,
  emptyStore,
  NotWrittenError,
  parseStore,
  planClear,
  planRun,
  runSnapshotArea,
  storeGrid,
  STORE_SHEET,
  type FillGroup,
  type FillSnapshot,
  type OutputPlan,
  type Rect,
  type Ruleset,
  type RunOptions,
  type RunResult,
  type StoreContents,
} from "../../engine";
import { applyPlanToExcelJS, sourceFromExcelJS } from "./workbook-io";

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

function restoreFills(ws: ExcelJS.Worksheet, groups: FillGroup[]): void {
  for (const { fill, cells } of groups) {
    for (const c of cells) {
      const cell = ws.getCell(c.row, c.column);
      // Replace the style object: ExcelJS may share one between cells.
      const { fill: _old, ...rest } = cell.style ?? {};
      if (fill.raw) cell.style = { ...rest, fill: fill.raw as ExcelJS.Fill };
      else if (fill.color) cell.style = { ...rest, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + fill.color.slice(1) } } };
      else cell.style = rest;
    }
  }
}

function clearArea(ws: ExcelJS.Worksheet, area: Rect): void {
  for (let r = area.top; r <= area.bottom; r++) {
    for (let c = area.left; c <= area.right; c++) {
      const cell = ws.getCell(r, c);
      cell.value = null;
      cell.style = {};
    }
  }
}

/**
 * Categorises a sheet and writes the results, fills and summary sheet as the re-run policy
 * decides. Throws NotWrittenError, with the workbook unchanged, when officer data is in the way.
 */
export async function runOnExcelJS(wb: ExcelJS.Workbook, ruleset: Ruleset, options: ExcelJSRunOptions = {}): Promise<ExcelJSRun> {
  const source = sourceFromExcelJS(wb);
  const store = readStore(wb);
  const result = await categorise(source, ruleset, { ...options, store });
  const plan = buildOutputPlan(result, ruleset);
  const sheet = source.readSheet(plan.sheet)!;
  const header = { cells: sheet.headers, row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const area = runSnapshotArea(plan, store, header, sheet.headerRow + sheet.rows.length);
  const decision = planRun(plan, store, header, wb.worksheets.map((ws) => ws.name), cutArea(sheet, area), area);
  options.onWrite?.();

  const ws = wb.getWorksheet(plan.sheet)!;
  const fills = decision.readFills.map((c) => fillOf(ws.getCell(c.row, c.column)));
  clearArea(ws, decision.clear);
  restoreFills(ws, decision.restore);
  const written = { ...plan, summary: { ...plan.summary, name: decision.summaryName } };
  applyPlanToExcelJS(wb, written, decision.styles);
  writeStore(wb, decision.storeAfter(fills));
  return { result, plan: written, notes: decision.notes };
}

/**
 * Removes a sheet's results columns, restores the recorded officer fills and deletes the summary
 * sheet that run wrote, as the re-run policy decides. Returns a message for the user.
 */
export function clearOnExcelJS(wb: ExcelJS.Workbook, sheetName: string): string {
  const ws = wb.getWorksheet(sheetName);
  if (!ws) throw new NotWrittenError("missing-target", `There is no sheet '${sheetName}' in this workbook.`, sheetName);
  const store = readStore(wb);
  const sheet = sourceFromExcelJS(wb).readSheet(sheetName)!;
  const header = { cells: sheet.headers, row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const decision = planClear(sheetName, store, { header, bottom: sheet.headerRow + sheet.rows.length });
  if (decision.clear) clearArea(ws, decision.clear);
  restoreFills(ws, decision.restore);
  const summary = decision.dropSummary ? wb.getWorksheet(decision.dropSummary) : undefined;
  if (summary) wb.removeWorksheet(summary.id);
  if (wb.getWorksheet(STORE_SHEET)) writeStore(wb, decision.store);
  return decision.message;
}
