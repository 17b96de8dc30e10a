/// <reference types="office-js" />
// Reading the workbook through Office.js: the tables and sheets an officer can pick, and the chosen
// one (with history sheets and the run record) as a WorkbookSource for the engine. Values and
// number formats come in blocks of at most READ_CELLS_PER_SYNC cells, never a request per row.
// Excel on the web refuses requests and responses over 5 MB; every budget here stays well under.
import { emptyStore, NotWrittenError, parseStore, STORE_SHEET, tableFromGrid, type CellValue, type SheetData, type StoreContents, type WorkbookSource } from "../../engine";
import { storeLists, type StoreList } from "./dropdowns";
import { fromOffice } from "./office-values";

export const READ_CELLS_PER_SYNC = 100_000;
/** Rows per read or write block. */
export const ROWS_PER_BLOCK = 5_000;

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
export interface OfficeRect {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

export type Context = Excel.RequestContext;
export type Dims = Excel.Range & { isNullObject: boolean };
const DIMS = "isNullObject,rowIndex,columnIndex,rowCount,columnCount";

const rectOf = (sheet: string, r: Excel.Range): OfficeRect => ({
  sheet,
  rowIndex: r.rowIndex,
  columnIndex: r.columnIndex,
  rowCount: r.rowCount,
  columnCount: r.columnCount,
});
/** Loads the values (and number formats) of several rectangles in as few requests as the budget allows. */
export async function readRects(context: Context, rects: OfficeRect[], withFormats: boolean, date1904 = false): Promise<CellValue[][][]> {
  const grids: CellValue[][][] = rects.map(() => []);
  let pending: { rect: number; range: Excel.Range }[] = [];
  let cells = 0;
  const flush = async () => {
    if (!pending.length) return;
    await context.sync();
    for (const { rect, range } of pending) {
      const values = range.values;
      const formats = withFormats ? (range.numberFormat as string[][]) : undefined;
      for (let i = 0; i < values.length; i++) {
        grids[rect].push(values[i].map((v, j) => fromOffice(v, formats?.[i]?.[j], date1904)));
      }
    }
    pending = [];
    cells = 0;
  };
  for (let k = 0; k < rects.length; k++) {
    const r = rects[k];
    if (r.rowCount <= 0 || r.columnCount <= 0) continue;
    const ws = context.workbook.worksheets.getItem(r.sheet);
    const step = Math.max(1, Math.min(ROWS_PER_BLOCK, Math.floor(READ_CELLS_PER_SYNC / r.columnCount)));
    for (let top = 0; top < r.rowCount; top += step) {
      const rows = Math.min(step, r.rowCount - top);
      if (cells && cells + rows * r.columnCount > READ_CELLS_PER_SYNC) await flush();
      const range = ws.getRangeByIndexes(r.rowIndex + top, r.columnIndex, rows, r.columnCount);
      if (withFormats) range.load("values,numberFormat");
      else range.load("values");
      pending.push({ rect: k, range });
      cells += rows * r.columnCount;
    }
  }
  await flush();
  return grids;
}


/** Every table and every sheet with data, with the header row found on it. */
export async function listTargets(context: Context): Promise<TargetCandidate[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  const tables = context.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  await context.sync();

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
  await context.sync();

  const withData = used.filter((u) => !u.range.isNullObject);
  const tops = await readRects(
    context,
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
  rect: OfficeRect;
  sheetNames: string[];
  protectedSheets: Set<string>;
  store: StoreContents;
  storeExists: boolean;
  /** The dropdown lists an earlier run left on the store sheet (from column D). */
  storeLists: StoreList[];
}

function tableSheetData(name: string, grid: CellValue[][], rect: OfficeRect): SheetData {
  const headers = (grid[0] ?? []).map((h) => (h === null ? "" : String(h).trim()));
  const rows = grid.slice(1);
  while (rows.length && rows[rows.length - 1].every((v) => v === null || v === "")) rows.pop();
  return { name, headers, rows, headerRow: rect.rowIndex + 1, firstColumn: rect.columnIndex + 1 };
}

/**
 * Whether the workbook counts dates from 1904 (old Mac workbooks). Excel says so from ExcelApi 1.16;
 * where it cannot, the 1900 system, Excel's default, is assumed.
 */
async function usesDates1904(context: Context): Promise<boolean> {
  const supported = typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.16");
  if (!supported) return false;
  const workbook = context.workbook as Excel.Workbook & { use1904DateSystem?: boolean };
  workbook.load("use1904DateSystem");
  await context.sync();
  return workbook.use1904DateSystem === true;
}

/**
 * Reads the target table or sheet (plus any history sheets the ruleset names, and the store)
 * into a WorkbookSource: two small requests for names and sizes, then the values in blocks.
 */
export async function readWorkbook(context: Context, target: OfficeTarget, historySheets: readonly string[] = []): Promise<OfficeRead> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/protection/protected");
  const table = target.kind === "table" ? context.workbook.tables.getItemOrNullObject(target.table) : null;
  table?.load("isNullObject");
  await context.sync();

  const names = sheets.items.map((s) => s.name);
  if (table?.isNullObject) throw new NotWrittenError("missing-target", `The table '${(target as { table: string }).table}' is no longer in this workbook.`);
  if (!names.includes(target.sheet)) throw new NotWrittenError("missing-target", `The sheet '${target.sheet}' is no longer in this workbook.`);
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
  await context.sync();
  if (main.isNullObject) throw new NotWrittenError("missing-target", `The sheet '${target.sheet}' has no data.`);

  const rect = rectOf(target.sheet, main);
  const present = extra.filter((e) => !e.range.isNullObject);
  const grids = await readRects(context, [rect, ...present.map((e) => rectOf(e.name, e.range))], true, await usesDates1904(context));
  const data = new Map<string, SheetData>();
  data.set(
    target.sheet,
    target.kind === "table" ? tableSheetData(target.sheet, grids[0], rect) : tableFromGrid(target.sheet, grids[0], rect.rowIndex + 1, rect.columnIndex + 1),
  );
  let store = emptyStore();
  let lists: StoreList[] = [];
  present.forEach((e, i) => {
    const r = e.range;
    if (e.name === STORE_SHEET) {
      store = parseStore(grids[i + 1]);
      lists = storeLists(grids[i + 1], r.columnIndex + 1);
    } else data.set(e.name, tableFromGrid(e.name, grids[i + 1], r.rowIndex + 1, r.columnIndex + 1));
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
    storeLists: lists,
  };
}

