/// <reference types="office-js" />
// The thin Office adapter: reads the chosen table for the engine and writes an OutputPlan back
// with few requests. Requests are batched by size, never per row:
//  - reading: values + number formats in blocks of at most READ_CELLS_PER_SYNC cells;
//  - values: blocks of at most 5,000 rows (and ~3 MB), one request each;
//  - fills: one RangeAreas per colour (addresses split under Excel's 8,192-character limit),
//    several colours per request up to ~1 MB of addresses;
//  - screen updating suspended before every write request;
//  - native charts of the summary tables in one request of their own (ExcelApi 1.7 at most).
// Excel on the web refuses requests and responses over 5 MB; every budget here stays well under.
// Officer cells (left of plan.firstColumn) never get a value; they only get trigger fills, whose
// originals are kept in the workbook store so "Clear results" restores them.
import { tableFromGrid } from "../../engine/read/table";
import type { CellRef, CellStyle, CellValue, OutputPlan, SheetData, SummaryChart, WorkbookSource } from "../../engine/workbook";
import { addressChunks, areaAddress } from "./a1";
import { assertResultsAreaFree, normHeader as norm, resultsAreaOf, runArea, splitStyles } from "../../addin/results-area";
import { ProtectedSheetError, TargetError } from "../../addin/errors";
import { fromOffice, toOffice } from "./office-values";
import {
  STORE_SHEET,
  cellKey,
  emptyStore,
  groupByFill,
  originalsMap,
  originalsRecord,
  parseStore,
  storeGrid,
  type FillSnapshot,
  type StoreContents,
} from "../../addin/workbook-store";

export const READ_CELLS_PER_SYNC = 100_000;
export const WRITE_ROWS_PER_BLOCK = 5_000;
export const WRITE_BYTES_PER_SYNC = 3_000_000;
export const FILL_CHARS_PER_SYNC = 1_000_000;
export const FILL_READ_CELLS_PER_SYNC = 40_000;
/** The results header row style, as the ExcelJS host writes it. */
const HEADER_STYLE = { fill: "#DDEBF7", bold: true };
/** Column widths in points (the ExcelJS host uses 80 / 50 / 22 characters). */
const widthFor = (header: string) => (header === "Reasons" ? 430 : header === "Next action" ? 270 : 120);
/** Names of the charts the add-in draws start with this, so a re-run replaces them and no one else's. */
export const CHART_PREFIX = "categorisation-";

export type OfficeTarget = { kind: "sheet"; sheet: string } | { kind: "table"; sheet: string; table: string };

/** A table or sheet the officer can pick, with the headers it shows. */
export interface TargetCandidate {
  target: OfficeTarget;
  label: string;
  headers: string[];
  headerRow: number;
  dataRows: number;
}

/** A rectangle on a sheet, 0-based as Office.js gives it. */
interface Rect {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

type Ctx = Excel.RequestContext;
type Dims = Excel.Range & { isNullObject: boolean };
const DIMS = "isNullObject,rowIndex,columnIndex,rowCount,columnCount";

const rectOf = (sheet: string, r: Excel.Range): Rect => ({
  sheet,
  rowIndex: r.rowIndex,
  columnIndex: r.columnIndex,
  rowCount: r.rowCount,
  columnCount: r.columnCount,
});

/** Loads the values (and number formats) of several rectangles in as few requests as the budget allows. */
async function readRects(ctx: Ctx, rects: Rect[], withFormats: boolean): Promise<CellValue[][][]> {
  const grids: CellValue[][][] = rects.map(() => []);
  let pending: { rect: number; range: Excel.Range }[] = [];
  let cells = 0;
  const flush = async () => {
    if (!pending.length) return;
    await ctx.sync();
    for (const { rect, range } of pending) {
      const values = range.values;
      const formats = withFormats ? (range.numberFormat as string[][]) : undefined;
      for (let i = 0; i < values.length; i++) {
        grids[rect].push(values[i].map((v, j) => fromOffice(v, formats?.[i]?.[j])));
      }
    }
    pending = [];
    cells = 0;
  };
  for (let k = 0; k < rects.length; k++) {
    const r = rects[k];
    if (r.rowCount <= 0 || r.columnCount <= 0) continue;
    const ws = ctx.workbook.worksheets.getItem(r.sheet);
    const step = Math.max(1, Math.min(WRITE_ROWS_PER_BLOCK, Math.floor(READ_CELLS_PER_SYNC / r.columnCount)));
    for (let top = 0; top < r.rowCount; top += step) {
      const rows = Math.min(step, r.rowCount - top);
      if (cells && cells + rows * r.columnCount > READ_CELLS_PER_SYNC) await flush();
      const range = ws.getRangeByIndexes(r.rowIndex + top, r.columnIndex, rows, r.columnCount);
      range.load(withFormats ? "values,numberFormat" : "values");
      pending.push({ rect: k, range });
      cells += rows * r.columnCount;
    }
  }
  await flush();
  return grids;
}

/** Every table and every sheet with data, with the header row found on it. */
export async function listTargets(ctx: Ctx): Promise<TargetCandidate[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = ctx.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  await ctx.sync();

  const visible = sheets.items.filter((s) => s.visibility === "Visible" && s.name !== STORE_SHEET);
  const used = visible.map((s) => {
    const r = s.getUsedRangeOrNullObject(true) as Dims;
    r.load(DIMS);
    return { name: s.name, range: r };
  });
  const tableRanges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    const header = t.getHeaderRowRange();
    header.load("values");
    return { name: t.name, sheet: t.worksheet.name, range: r, header };
  });
  await ctx.sync();

  const withData = used.filter((u) => !u.range.isNullObject);
  const tops = await readRects(
    ctx,
    withData.map((u) => ({ ...rectOf(u.name, u.range), rowCount: Math.min(20, u.range.rowCount) })),
    false,
  );
  const candidates: TargetCandidate[] = tableRanges.map((t) => ({
    target: { kind: "table", sheet: t.sheet, table: t.name },
    label: `Table ${t.name} (${t.sheet})`,
    headers: (t.header.values[0] ?? []).map((h) => String(h ?? "").trim()),
    headerRow: t.range.rowIndex + 1,
    dataRows: t.range.rowCount - 1,
  }));
  withData.forEach((u, i) => {
    const table = tableFromGrid(u.name, tops[i], u.range.rowIndex + 1, u.range.columnIndex + 1);
    if (!table.headers.length) return;
    candidates.push({
      target: { kind: "sheet", sheet: u.name },
      label: `Sheet ${u.name}`,
      headers: table.headers,
      headerRow: table.headerRow,
      dataRows: u.range.rowIndex + u.range.rowCount - table.headerRow,
    });
  });
  return candidates;
}

/** Everything a run needs from the workbook, read before the engine runs. */
export interface OfficeRead {
  source: WorkbookSource;
  target: OfficeTarget;
  /** The rectangle read for the target (its right edge may include earlier results columns). */
  rect: Rect;
  sheetNames: string[];
  protectedSheets: Set<string>;
  store: StoreContents;
  storeExists: boolean;
}

function tableSheetData(name: string, grid: CellValue[][], rect: Rect): SheetData {
  const headers = (grid[0] ?? []).map((h) => (h === null ? "" : String(h).trim()));
  const rows = grid.slice(1);
  while (rows.length && rows[rows.length - 1].every((v) => v === null || v === "")) rows.pop();
  return { name, headers, rows, headerRow: rect.rowIndex + 1, firstColumn: rect.columnIndex + 1 };
}

/**
 * Reads the target table or sheet (plus any history sheets the ruleset names, and the store)
 * into a WorkbookSource: two small requests for names and sizes, then the values in blocks.
 */
export async function readWorkbook(ctx: Ctx, target: OfficeTarget, historySheets: readonly string[] = []): Promise<OfficeRead> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/protection/protected");
  const table = target.kind === "table" ? ctx.workbook.tables.getItemOrNullObject(target.table) : null;
  table?.load("isNullObject");
  await ctx.sync();

  const names = sheets.items.map((s) => s.name);
  if (table?.isNullObject) throw new TargetError(`The table '${(target as { table: string }).table}' is no longer in this workbook.`);
  if (!names.includes(target.sheet)) throw new TargetError(`The sheet '${target.sheet}' is no longer in this workbook.`);
  const protectedSheets = new Set(sheets.items.filter((s) => s.protection.protected).map((s) => s.name));
  const histories = [...new Set(historySheets)].filter((h) => h !== target.sheet && names.includes(h));
  const storeExists = names.includes(STORE_SHEET);
  const main = (table ? table.getRange() : sheets.getItem(target.sheet).getUsedRangeOrNullObject(true)) as Dims;
  main.load(DIMS);
  const extra = [...histories, ...(storeExists ? [STORE_SHEET] : [])].map((name) => {
    const r = sheets.getItem(name).getUsedRangeOrNullObject(true) as Dims;
    r.load(DIMS);
    return { name, range: r };
  });
  await ctx.sync();
  if (main.isNullObject) throw new TargetError(`The sheet '${target.sheet}' has no data.`);

  const rect = rectOf(target.sheet, main);
  const present = extra.filter((e) => !e.range.isNullObject);
  const grids = await readRects(ctx, [rect, ...present.map((e) => rectOf(e.name, e.range))], true);
  const data = new Map<string, SheetData>();
  data.set(
    target.sheet,
    target.kind === "table" ? tableSheetData(target.sheet, grids[0], rect) : tableFromGrid(target.sheet, grids[0], rect.rowIndex + 1, rect.columnIndex + 1),
  );
  let store = emptyStore();
  present.forEach((e, i) => {
    const r = e.range;
    if (e.name === STORE_SHEET) store = parseStore(grids[i + 1]);
    else data.set(e.name, tableFromGrid(e.name, grids[i + 1], r.rowIndex + 1, r.columnIndex + 1));
  });
  const visibleNames = sheets.items.filter((s) => s.visibility === "Visible").map((s) => s.name);
  return {
    source: { sheetNames: () => visibleNames, readSheet: (name) => data.get(name) },
    target,
    rect,
    sheetNames: names,
    protectedSheets,
    store,
    storeExists,
  };
}

/** Queues the store's contents onto its very hidden sheet (created when missing). */
function queueStoreWrite(ctx: Ctx, store: StoreContents, exists: boolean): void {
  const sheets = ctx.workbook.worksheets;
  const ws = exists ? sheets.getItem(STORE_SHEET) : sheets.add(STORE_SHEET);
  if (!exists) ws.visibility = "VeryHidden"; // string form: no Excel global needed at run time
  ws.getRange("A:B").clear();
  const grid = storeGrid(store);
  ws.getRangeByIndexes(0, 0, grid.length, 2).values = grid;
}

/** Queues fills on RangeAreas, returning the number of address characters sent. */
function queueStyle(ws: Excel.Worksheet, cells: readonly CellRef[], apply: (f: Excel.RangeFormat) => void): number {
  let chars = 0;
  for (const address of addressChunks(cells)) {
    apply(ws.getRanges(address).format);
    chars += address.length;
  }
  return chars;
}

const applyStyle = (s: CellStyle) => (f: Excel.RangeFormat) => {
  if (s.fill) f.fill.color = s.fill;
  if (s.font) f.font.color = s.font;
  if (s.bold) f.font.bold = true;
};

const restoreFill = (fill: FillSnapshot) => (f: Excel.RangeFormat) => {
  if (!fill.color) return f.fill.clear();
  f.fill.color = fill.color;
  if (fill.pattern) f.fill.pattern = fill.pattern as Excel.FillPattern;
  if (fill.patternColor) f.fill.patternColor = fill.patternColor;
};

/** Reads the current fills of officer cells we are about to colour for the first time. */
async function readFills(ctx: Ctx, ws: Excel.Worksheet, cells: CellRef[]): Promise<Map<string, FillSnapshot>> {
  const out = new Map<string, FillSnapshot>();
  const byColumn = new Map<number, number[]>();
  for (const c of cells) (byColumn.get(c.column) ?? byColumn.set(c.column, []).get(c.column)!).push(c.row);
  let pending: { column: number; top: number; result: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  let count = 0;
  const flush = async () => {
    if (!pending.length) return;
    await ctx.sync();
    for (const p of pending) {
      p.result.value.forEach((row, i) => {
        const fill = row[0]?.format?.fill;
        const snapshot: FillSnapshot =
          !fill || !fill.color || fill.pattern === "None"
            ? { color: null }
            : fill.pattern && fill.pattern !== "Solid"
              ? { color: fill.color, pattern: fill.pattern, patternColor: fill.patternColor }
              : { color: fill.color };
        out.set(cellKey({ row: p.top + i, column: p.column }), snapshot);
      });
    }
    pending = [];
    count = 0;
  };
  for (const [column, rows] of byColumn) {
    rows.sort((a, b) => a - b);
    // One range per column and block of rows, spanning the first to the last cell needed.
    for (let i = 0; i < rows.length; ) {
      const top = rows[i];
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] - top < WRITE_ROWS_PER_BLOCK) j++;
      const height = rows[j] - top + 1;
      if (count && count + height > FILL_READ_CELLS_PER_SYNC) await flush();
      const result = ws
        .getRangeByIndexes(top - 1, column - 1, height, 1)
        .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
      pending.push({ column, top, result });
      count += height;
      i = j + 1;
    }
  }
  await flush();
  for (const c of cells) if (!out.has(cellKey(c))) out.set(cellKey(c), { color: null });
  return out;
}

export interface WriteReport {
  valueBlocks: number;
  warnings: string[];
}

/**
 * Writes a plan: results values and fills, trigger fills on officer cells (remembering their
 * original fills), and the summary sheet with its charts (a chart Excel refuses is a warning). Throws ProtectedSheetError before writing anything
 * when a sheet it must change is protected.
 */
export async function writeResults(
  ctx: Ctx,
  plan: OutputPlan,
  read: OfficeRead,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteReport> {
  for (const name of [plan.sheet, plan.summary.name, STORE_SHEET]) {
    if (read.protectedSheets.has(name)) throw new ProtectedSheetError(name);
  }
  const recordedRun = read.store.records[plan.sheet];
  const sameLayout = !!recordedRun && recordedRun.headerRow === plan.headerRow && recordedRun.firstColumn === plan.firstColumn;
  const previous = sameLayout ? recordedRun : null;
  const area = runArea(plan, read.rect.rowIndex + read.rect.rowCount, previous);
  await assertAreaIsFree(ctx, plan, read, area, [...plan.headers, ...(previous?.headers ?? [])]);
  const sync = () => ctx.sync();
  const suspend = () => ctx.application.suspendScreenUpdatingUntilNextSync();
  const warnings: string[] = [];
  const ws = ctx.workbook.worksheets.getItem(plan.sheet);
  const width = plan.headers.length;

  const { results: resultStyles, officer: officerFills } = splitStyles(plan);
  const officerCells = officerFills.flatMap((g) => g.cells);

  // Originals: keep what the last run recorded (never record our own fills), read the rest.
  if (recordedRun && !sameLayout) {
    warnings.push(`The table on '${plan.sheet}' moved since the last run, so trigger colours from that run could not be restored.`);
  }
  const recorded = previous ? originalsMap(previous) : new Map<string, FillSnapshot>();
  const toRead = officerCells.filter((c) => !recorded.has(cellKey(c)));
  const fresh = toRead.length ? await readFills(ctx, ws, toRead) : new Map<string, FillSnapshot>();
  const originals = new Map<string, FillSnapshot>();
  for (const c of officerCells) originals.set(cellKey(c), recorded.get(cellKey(c)) ?? fresh.get(cellKey(c))!);

  const blockRows = Math.max(1, Math.min(WRITE_ROWS_PER_BLOCK, Math.floor(WRITE_BYTES_PER_SYNC / Math.max(1, avgRowBytes(plan.values)))));
  const blocks = Math.ceil(plan.values.length / blockRows);
  const total = blocks + 2;
  onProgress?.(0, total);

  // 1. Store first (so a failure later still leaves the originals recorded), then clear the old
  //    results area, restore fills the new run no longer needs, and write the header row.
  suspend();
  const lastRow = plan.headerRow + plan.values.length;
  const store: StoreContents = {
    ...read.store,
    records: {
      ...read.store.records,
      [plan.sheet]: { headerRow: plan.headerRow, firstColumn: plan.firstColumn, headers: plan.headers, lastRow, originals: originalsRecord(originals) },
    },
    summary: { sheet: plan.sheet, name: plan.summary.name },
  };
  queueStoreWrite(ctx, store, read.storeExists);
  // The summary sheet's charts, to replace ours in step 4.
  const oldCharts = read.sheetNames.includes(plan.summary.name) ? ctx.workbook.worksheets.getItem(plan.summary.name).charts : null;
  oldCharts?.load("items/name");
  // Only the area checked above: our columns, never a column beyond them.
  ws.getRangeByIndexes(plan.headerRow - 1, plan.firstColumn - 1, area.bottom - plan.headerRow + 1, area.right - plan.firstColumn + 1).clear();
  for (const { fill, cells } of groupByFill(recorded, (k) => !originals.has(k))) queueStyle(ws, cells, restoreFill(fill));
  const header = ws.getRangeByIndexes(plan.headerRow - 1, plan.firstColumn - 1, 1, width);
  header.values = [plan.headers];
  applyStyle(HEADER_STYLE)(header.format);
  plan.headers.forEach((h, j) => (ws.getRangeByIndexes(plan.headerRow - 1, plan.firstColumn - 1 + j, 1, 1).format.columnWidth = widthFor(h)));
  await sync();
  onProgress?.(1, total);

  // 2. Values, one request per block of rows.
  for (let b = 0; b < blocks; b++) {
    const top = b * blockRows;
    const rows = plan.values.slice(top, top + blockRows);
    const converted = rows.map((r) => r.map(toOffice));
    suspend();
    const range = ws.getRangeByIndexes(plan.headerRow + top, plan.firstColumn - 1, rows.length, width);
    range.values = converted.map((r) => r.map((c) => c.value));
    for (let j = 0; j < width; j++) {
      if (!converted.some((r) => r[j].format)) continue;
      ws.getRangeByIndexes(plan.headerRow + top, plan.firstColumn - 1 + j, rows.length, 1).numberFormat = converted.map((r) => [r[j].format ?? "General"]);
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
  for (const g of resultStyles) await queue(g.cells, applyStyle(g.style));
  for (const g of officerFills) await queue(g.cells, applyStyle({ fill: g.fill }));

  // 4. Summary sheet, replaced in place.
  if (chars === 0) suspend();
  for (const c of oldCharts?.items ?? []) if (c.name.startsWith(CHART_PREFIX)) c.delete();
  writeSummary(ctx, plan.summary, read.sheetNames.includes(plan.summary.name));
  await sync();

  // 5. Charts on their own: one Excel refuses costs the charts (with a warning), not the run.
  if (plan.summary.charts?.length) {
    try {
      suspend();
      const summary = ctx.workbook.worksheets.getItem(plan.summary.name);
      for (const c of plan.summary.charts) queueChart(summary, c);
      await sync();
    } catch (e) {
      warnings.push(`The charts could not be added to '${plan.summary.name}' (${e instanceof Error ? e.message : String(e)}); its tables are complete.`);
    }
  }
  onProgress?.(total, total);
  return { valueBlocks: blocks, warnings };
}

/** Checks (before anything is written) that the area the run writes or clears holds no officer data. */
async function assertAreaIsFree(ctx: Ctx, plan: OutputPlan, read: OfficeRead, area: { right: number; bottom: number }, ours: string[]): Promise<void> {
  const width = area.right - plan.firstColumn + 1;
  let grid: CellValue[][];
  if (read.target.kind === "sheet") {
    // The used range was read in full, and nothing lies outside it.
    const s = read.source.readSheet(plan.sheet)!;
    grid = resultsAreaOf(s.headers, s.rows, s.firstColumn, plan, width);
  } else {
    const rect = { sheet: plan.sheet, rowIndex: plan.headerRow - 1, columnIndex: plan.firstColumn - 1, rowCount: area.bottom - plan.headerRow + 1, columnCount: width };
    [grid] = await readRects(ctx, [rect], false);
  }
  assertResultsAreaFree(grid, plan, ours);
}

function avgRowBytes(values: CellValue[][]): number {
  const sample = values.slice(0, 200);
  return sample.length ? JSON.stringify(sample).length / sample.length : 1;
}

function writeSummary(ctx: Ctx, summary: OutputPlan["summary"], exists: boolean): void {
  const sheets = ctx.workbook.worksheets;
  const ws = exists ? sheets.getItem(summary.name) : sheets.add(summary.name);
  ws.getRange().clear();
  const width = Math.max(1, ...summary.rows.map((r) => r.length));
  if (!summary.rows.length) return;
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
  ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 200;
  if (width > 1) ws.getRangeByIndexes(0, 1, 1, width - 1).format.columnWidth = 80;
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

export interface ClearReport {
  cleared: boolean;
  restoredCells: number;
}

/**
 * Removes the results columns from the target (values and formats), restores the original fills
 * of officer cells the last run coloured, and deletes the summary sheet that run wrote.
 * resultHeaders is used only when the workbook holds no record of the run (e.g. results written
 * by the command-line tool): then a trailing block of those headers starting with the first is cleared.
 */
export async function clearResults(ctx: Ctx, target: OfficeTarget, resultHeaders: readonly string[]): Promise<ClearReport> {
  const read = await readWorkbook(ctx, target);
  if (read.protectedSheets.has(target.sheet)) throw new ProtectedSheetError(target.sheet);
  const ws = ctx.workbook.worksheets.getItem(target.sheet);
  const record = read.store.records[target.sheet];
  const sheet = read.source.readSheet(target.sheet)!;

  // Where are the results? The record says, if its headers are still there; else look for them.
  let area: { headerRow: number; firstColumn: number; width: number; lastRow: number } | null = null;
  if (record) {
    const row = ws.getRangeByIndexes(record.headerRow - 1, record.firstColumn - 1, 1, record.headers.length);
    row.load("values");
    await ctx.sync();
    if (row.values[0].every((v, j) => norm(v) === norm(record.headers[j]))) {
      area = { headerRow: record.headerRow, firstColumn: record.firstColumn, width: record.headers.length, lastRow: record.lastRow };
    }
  }
  if (!area) {
    const ours = new Set(resultHeaders.map(norm));
    const first = norm(resultHeaders[0]);
    let end = sheet.headers.length;
    while (end > 0 && sheet.headers[end - 1] === "") end--;
    for (let start = end - 1; start >= 0 && ours.has(norm(sheet.headers[start])); start--) {
      if (norm(sheet.headers[start]) === first) {
        area = { headerRow: sheet.headerRow, firstColumn: sheet.firstColumn + start, width: end - start, lastRow: sheet.headerRow + sheet.rows.length };
        break;
      }
    }
  }

  const originals = originalsMap(record);
  const summary = read.store.summary;
  const dropSummary = summary?.sheet === target.sheet && read.sheetNames.includes(summary.name);
  if (!area && !originals.size && !dropSummary) return { cleared: false, restoredCells: 0 };
  if (dropSummary && read.protectedSheets.has(summary!.name)) throw new ProtectedSheetError(summary!.name);

  ctx.application.suspendScreenUpdatingUntilNextSync();
  if (area) {
    const bottom = Math.max(area.lastRow, read.rect.rowIndex + read.rect.rowCount);
    ws.getRangeByIndexes(area.headerRow - 1, area.firstColumn - 1, bottom - area.headerRow + 1, area.width).clear();
  }
  for (const { fill, cells } of groupByFill(originals)) queueStyle(ws, cells, restoreFill(fill));
  if (dropSummary) ctx.workbook.worksheets.getItem(summary!.name).delete();
  if (read.storeExists) {
    const { [target.sheet]: _gone, ...records } = read.store.records;
    queueStoreWrite(ctx, { ...read.store, records, summary: dropSummary ? null : summary }, true);
  }
  await ctx.sync();
  return { cleared: !!area, restoredCells: originals.size };
}

/** The ruleset JSON stored in the workbook, or null. */
export async function readStoredRuleset(ctx: Ctx): Promise<string | null> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  ws.load("isNullObject");
  await ctx.sync();
  if (ws.isNullObject) return null;
  const used = ws.getUsedRangeOrNullObject(true) as Dims;
  used.load("isNullObject,values");
  await ctx.sync();
  return used.isNullObject ? null : parseStore(used.values).ruleset;
}

/** Stores (or, with null, removes) the ruleset JSON in the workbook, keeping the run records. */
export async function writeStoredRuleset(ctx: Ctx, text: string | null): Promise<void> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  ws.load("isNullObject");
  await ctx.sync();
  let store = emptyStore();
  if (!ws.isNullObject) {
    const used = ws.getUsedRangeOrNullObject(true) as Dims;
    used.load("isNullObject,values");
    await ctx.sync();
    if (!used.isNullObject) store = parseStore(used.values);
  }
  queueStoreWrite(ctx, { ...store, ruleset: text }, !ws.isNullObject);
  await ctx.sync();
}
