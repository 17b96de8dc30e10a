/// <reference types="office-js" />
// Writing a run's results through Office.js, as the engine's re-run policy decides: the results
// columns and fills, trigger fills on officer cells, the run record, and the summary sheet with
// its native charts. Requests are batched by size, never per row:
//  - values: blocks of at most ROWS_PER_BLOCK rows, cut by their measured bytes so a request
//    stays within MAX_REQUEST_BYTES (value-blocks.ts), one request each;
//  - fills: one RangeAreas per colour, several colours per request up to ~1 MB of addresses;
//  - screen updating suspended before every write request;
//  - the charts in one request of their own (ExcelApi 1.7 at most);
//  - the dropdowns (dropdowns.ts): the validations already there read in one request before
//    anything is written, the lists and validations in one request of their own at the end.
// Officer cells (left of plan.firstColumn) never get a value, only trigger fills and dropdowns.
import { planRun, printLayout, runSnapshotArea, cutArea, columnLetter, maxOf, NotWrittenError, STORE_SHEET, type CellRef, type CellStyle, type CellValue, type OutputPlan, type Rect, type SummaryChart } from "../../engine";
import { areaAddress } from "./a1";
import { checkDropdowns, queueDropdowns } from "./dropdowns";
import { toOffice } from "./office-values";
import { printSetupFound, queuePrintLayout, queuePrintRead, queueWrap } from "./print-layout";
import { readRects, ROWS_PER_BLOCK, type Context, type OfficeRead } from "./read";
import { queueStoreWrite } from "./store";
import { MAX_REQUEST_BYTES } from "./request-budget";
import { applyStyle, queueStyle, readFills, restoreFill } from "./styles";
import { valueBlocks } from "./value-blocks";

/** Address characters per fills request: with the format calls around each address, far under the budget. */
export const FILL_CHARS_PER_SYNC = MAX_REQUEST_BYTES / 4;
/** Names of the charts the add-in draws start with this, so a re-run replaces them and no one else's. */
export const CHART_PREFIX = "categorisation-";
/** Excel column widths are in points: about 5.4 points to a character of the default font. */
const POINTS_PER_CHARACTER = 5.4;

export interface WriteReport {
  valueBlocks: number;
  /** The summary sheet written (the plan's name, or another when the officer has a sheet of that name). */
  summaryName: string;
  warnings: string[];
}

/**
 * Writes a plan as the re-run policy decides: clears the old results area, puts back fills the
 * run no longer needs, writes values and fills, keeps the originals of officer cells in the run
 * record, replaces the summary sheet and its charts (a chart Excel refuses is a warning), and
 * puts the plan's dropdowns where no validation of the officer's is (the others are warnings).
 * Throws NotWrittenError before writing anything when a sheet it must change is protected, or
 * officer data is in the way; a dropdown on a protected history sheet is only a warning.
 */
export async function writeResults(
  context: Context,
  plan: OutputPlan,
  read: OfficeRead,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteReport> {
  const sheet = read.source.readSheet(plan.sheet)!;
  const header = { cells: sheet.headers, row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const area = runSnapshotArea(plan, read.store, header, read.rect.rowIndex + read.rect.rowCount);
  const decision = planRun(plan, read.store, header, read.sheetNames, await snapshot(context, plan, read, area), area);
  const summaryName = decision.summaryName;
  for (const name of [plan.sheet, summaryName, STORE_SHEET]) {
    if (read.protectedSheets.has(name)) throw NotWrittenError.protectedSheet(name);
  }
  const sync = () => context.sync();
  const suspend = () => context.application.suspendScreenUpdatingUntilNextSync();
  const warnings = [...decision.notes];
  const ws = context.workbook.worksheets.getItem(plan.sheet);
  const width = plan.headers.length;
  // The values as Office.js takes them, cut into requests by their measured size, before any write.
  const converted = plan.values.map((r) => r.map(toOffice));
  const blocks = valueBlocks(converted, width, {
    maxRows: ROWS_PER_BLOCK,
    describe: (i, j) => `'${plan.headers[j]}' (${columnLetter(plan.firstColumn + j)}${plan.headerRow + 1 + i}) on '${plan.sheet}'`,
  });
  const fills = decision.readFills.length ? await readFills(context, ws, decision.readFills) : [];
  // Which dropdowns may go on (no validation of the officer's on their cells), read before any write.
  const dropdowns = plan.dropdowns?.length ? await checkDropdowns(context, plan.dropdowns, read.protectedSheets, read.storeLists) : null;

  const total = blocks.length + 2;
  onProgress?.(0, total);

  // 1. Store first (so a failure later still leaves the originals recorded), then clear the old
  //    results area, restore fills the new run no longer needs, and write the header row.
  suspend();
  queueStoreWrite(context, decision.storeAfter(fills), read.sheetNames.includes(STORE_SHEET));
  // The schools sheet's own page setup, read with this request (an officer's is kept).
  const printSetup = queuePrintRead(ws);
  // The summary sheet's charts, to replace ours in step 4.
  const oldCharts = read.sheetNames.includes(summaryName) ? context.workbook.worksheets.getItem(summaryName).charts : null;
  oldCharts?.load("items/name");
  const clear = decision.clear;
  ws.getRangeByIndexes(clear.top - 1, clear.left - 1, clear.bottom - clear.top + 1, clear.right - clear.left + 1).clear();
  for (const { fill, cells } of decision.restore) queueStyle(ws, cells, restoreFill(fill));
  // Headers come from the ruleset (outputs): written as text, never as a formula.
  ws.getRangeByIndexes(plan.headerRow - 1, plan.firstColumn - 1, 1, width).values = [plan.headers.map((h) => toOffice(h).value)];
  queueStyle(ws, plan.headers.map((_, j) => ({ row: plan.headerRow, column: plan.firstColumn + j })), applyStyle(plan.headerStyle));
  plan.columnWidths.forEach((w, j) => (ws.getRangeByIndexes(plan.headerRow - 1, plan.firstColumn - 1 + j, 1, 1).format.columnWidth = Math.round(w * POINTS_PER_CHARACTER)));
  await sync();
  onProgress?.(1, total);
  for (const [b, { top, rows: height, left, columns }] of blocks.entries()) {
    const rows = converted.slice(top, top + height);
    suspend();
    const range = ws.getRangeByIndexes(plan.headerRow + top, plan.firstColumn - 1 + left, height, columns);
    range.values = rows.map((r) => r.slice(left, left + columns).map((c) => c.value));
    for (let j = left; j < left + columns; j++) {
      if (!rows.some((r) => r[j].format)) continue;
      ws.getRangeByIndexes(plan.headerRow + top, plan.firstColumn - 1 + j, height, 1).numberFormat = rows.map((r) => [r[j].format ?? "General"]);
    }
    await sync();
    onProgress?.(1 + b + 1, total);
  }

  // 3. Fills: one RangeAreas per colour; several colours per request up to the budget.
  let chars = 0;
  const queue = async (cells: CellRef[], apply: (f: Excel.RangeFormat) => void) => {
    if (chars === 0) suspend();
    chars += queueStyle(ws, cells, apply);
    if (chars >= FILL_CHARS_PER_SYNC) {
      await sync();
      chars = 0;
    }
  };
  for (const g of decision.styles.results) await queue(g.cells, applyStyle(g.style));
  for (const g of decision.styles.officer) await queue(g.cells, applyStyle({ fill: g.fill }));

  // 4. Summary sheet, replaced in place.
  if (chars === 0) suspend();
  for (const c of oldCharts?.items ?? []) if (c.name.startsWith(CHART_PREFIX)) c.delete();
  const summarySheet = writeSummary(context, { ...plan.summary, name: summaryName }, read.sheetNames.includes(summaryName));
  // The print layout (engine/output/print-layout.ts) of both sheets, in the same request.
  const print = printLayout(plan, printSetupFound(printSetup), true);
  queueWrap(ws, plan.headerRow + 1, plan.values.length, print.wrapColumns);
  if (print.schools) queuePrintLayout(ws, print.schools, false);
  else warnings.push(print.schoolsNote!);
  queuePrintLayout(summarySheet, print.summary, true);
  await sync();

  // 5. Charts on their own: one Excel refuses costs the charts (with a warning), not the run.
  if (plan.summary.charts?.length) {
    try {
      suspend();
      const summary = context.workbook.worksheets.getItem(summaryName);
      for (const c of plan.summary.charts) queueChart(summary, c);
      await sync();
    } catch (e) {
      warnings.push(`The charts could not be added to '${summaryName}' (${e instanceof Error ? e.message : String(e)}); its tables are complete.`);
    }
  }

  // 6. Dropdowns on their own: the lists on the store sheet, then the validations.
  if (dropdowns) warnings.push(...dropdowns.notes);
  if (dropdowns?.put.length) {
    try {
      suspend();
      queueDropdowns(context, dropdowns.put);
      await sync();
    } catch (e) {
      warnings.push(`The dropdowns could not be added (${e instanceof Error ? e.message : String(e)}); the results are complete.`);
    }
  }
  onProgress?.(total, total);
  return { valueBlocks: blocks.length, summaryName, warnings };
}

/**
 * The values of the area the run writes or clears, for the policy's check. A sheet's used range
 * was read in full, and nothing lies outside it; a table's neighbours must be read.
 */
async function snapshot(context: Context, plan: OutputPlan, read: OfficeRead, area: Rect): Promise<CellValue[][]> {
  if (read.target.kind === "sheet") return cutArea(read.source.readSheet(plan.sheet)!, area);
  const rect = { sheet: plan.sheet, rowIndex: area.top - 1, columnIndex: area.left - 1, rowCount: area.bottom - area.top + 1, columnCount: area.right - area.left + 1 };
  const [grid] = await readRects(context, [rect], false);
  return grid;
}

function writeSummary(context: Context, summary: OutputPlan["summary"], exists: boolean): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const ws = exists ? sheets.getItem(summary.name) : sheets.add(summary.name);
  ws.getRange().clear();
  const width = maxOf(summary.rows, (r) => r.length, 1);
  if (!summary.rows.length) return ws;
  const grid = summary.rows.map((r) => Array.from({ length: width }, (_, j) => toOffice(r[j] ?? null).value));
  ws.getRangeByIndexes(0, 0, grid.length, width).values = grid;
  const title = ws.getRangeByIndexes(0, 0, 1, width).format.font;
  title.bold = true;
  title.size = 14;
  for (const i of summary.headerRows ?? []) if (i > 0) ws.getRangeByIndexes(i, 0, 1, width).format.font.bold = true;
  // Single-cell colours (e.g. red/amber/green ratings), one RangeAreas per style.
  const byStyle = new Map<string, { style: CellStyle; cells: CellRef[] }>();
  for (const c of summary.cellStyles ?? []) {
    const key = JSON.stringify(c.style);
    if (!byStyle.has(key)) byStyle.set(key, { style: c.style, cells: [] });
    byStyle.get(key)!.cells.push({ row: c.row + 1, column: c.column + 1 });
  }
  for (const g of byStyle.values()) queueStyle(ws, g.cells, applyStyle(g.style));
  // Number formats (percentages) cell by cell: a RangeAreas has none.
  for (const c of summary.cellStyles ?? []) if (c.style.numberFormat) ws.getRangeByIndexes(c.row, c.column, 1, 1).numberFormat = [[c.style.numberFormat]];
  summary.columnWidths?.forEach((w, j) => (ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = Math.round(w * POINTS_PER_CHARACTER)));
  return ws;
}

/**
 * Queues one summary chart: bars of the table's numbers (right of its first column, below its
 * header), categories and series names set explicitly so Excel never guesses them, our fills.
 * Every call is ExcelApi 1.1 except setCategoryNames and reversePlotOrder (1.7); the manifest requires 1.9.
 */
function queueChart(ws: Excel.Worksheet, c: SummaryChart): void {
  const { row, column, rows, columns } = c.range;
  const chart = ws.charts.add(c.kind === "clustered" ? "BarClustered" : "BarStacked", ws.getRangeByIndexes(row + 1, column + 1, rows - 1, columns - 1), "Columns");
  chart.name = CHART_PREFIX + c.id;
  chart.title.text = c.title;
  chart.legend.position = "Bottom";
  const categories = chart.axes.categoryAxis;
  categories.setCategoryNames(ws.getRangeByIndexes(row + 1, column, rows - 1, 1));
  categories.reversePlotOrder = true; // first row at the top, as in the table
  if (c.max !== undefined) {
    chart.axes.valueAxis.minimum = 0;
    chart.axes.valueAxis.maximum = c.max;
  }
  c.series.forEach((s, i) => {
    const series = chart.series.getItemAt(i);
    series.name = s.name;
    series.format.fill.setSolidColor(s.colour);
    s.pointColours?.forEach((colour, j) => series.points.getItemAt(j).format.fill.setSolidColor(colour));
  });
  const p = c.place;
  chart.setPosition(areaAddress(p.row + 1, p.column + 1), areaAddress(p.row + p.rows, p.column + p.columns));
}
