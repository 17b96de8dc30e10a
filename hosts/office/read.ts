/// <reference types="office-js" />
// Reading the workbook through Office.js: the tables and sheets an officer can pick, and the chosen
// one (with history sheets and the run record) as a WorkbookSource for the engine. Values and
// number formats come in blocks sized by the bytes measured so far (at most READ_CELLS_PER_SYNC
// cells), never a request per row, each response within MAX_REQUEST_BYTES as far as it can be
// foreseen; a block Excel refuses for its size is read again in smaller pieces.
import { emptyStore, NotWrittenError, parseStore, STORE_SHEET, tableFromGrid, type CellValue, type SheetData, type StoreContents, type WorkbookSource } from "../../engine";
import { storeLists, type StoreList } from "./dropdowns";
import { fromOffice } from "./office-values";
import { EXCEL_PAYLOAD_LIMIT, isPayloadTooLarge, jsonGridBytes, MAX_REQUEST_BYTES, OPERATION_BYTES } from "./request-budget";

/** Cells per read request at most, however short they are. */
export const READ_CELLS_PER_SYNC = 100_000;
/** The share of the budget a read block aims at: rows up to twice as long as any read before still fit. */
const READ_TARGET = 0.5;
/** Cells in a rectangle's first block, read to measure its rows before larger blocks. */
const PROBE_CELLS = 4_000;
/** Bytes per cell assumed before a rectangle's first block is measured. */
const FIRST_GUESS_CELL_BYTES = 20;
/** The store's cells hold up to 30,000 characters of JSON, whose quotes come back escaped. */
const STORE_CELL_BYTES = 40_000;
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
  /** JSON bytes a cell is expected to take, when known better than by a first guess (the store's long cells). */
  cellBytes?: number;
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
/** A piece of a rectangle read in one request: rows and columns counted from its corner. */
interface Piece {
  rect: number;
  row: number;
  rows: number;
  column: number;
  columns: number;
}

/**
 * Loads the values (and number formats) of several rectangles in as few requests as the budget
 * allows. A response's size is known only once read, so each rectangle's first block is small
 * (PROBE_CELLS) and the following ones are sized from the largest bytes per row measured so far,
 * for READ_TARGET of the budget. Where Excel refuses a request for its size, the rows it asked
 * for are measured again with a block an eighth as big before the rest is cut; a single row
 * refused is read in two halves of its columns.
 */
export async function readRects(context: Context, rects: OfficeRect[], withFormats: boolean, date1904 = false): Promise<CellValue[][][]> {
  const grids: CellValue[][][] = rects.map((r) => (r.columnCount > 0 ? Array.from({ length: Math.max(0, r.rowCount) }, () => new Array<CellValue>(r.columnCount)) : []));
  /** Rows still to read, per rectangle, as [first, count] from its top. */
  const todo = rects.map((r): [number, number][] => (r.rowCount > 0 && r.columnCount > 0 ? [[0, r.rowCount]] : []));
  /** Bytes per row blocks are sized by: a guess, then the most measured, raised after a refusal. */
  const perRow = rects.map((r) => (r.cellBytes ?? FIRST_GUESS_CELL_BYTES) * r.columnCount);
  const mostMeasured = rects.map(() => 0);
  /** Rows of the next block, read alone to measure (null once measured, until a refusal). */
  const probeRows = rects.map((r): number | null => Math.max(1, Math.floor(PROBE_CELLS / Math.max(1, r.columnCount))));
  const probing = rects.map(() => false);
  const split: Piece[] = [];
  const target = MAX_REQUEST_BYTES * READ_TARGET;
  const estimate = (p: Piece) => (perRow[p.rect] * p.rows * p.columns) / rects[p.rect].columnCount + OPERATION_BYTES;
  /** The next piece: a row's columns first, else a block of a rectangle not waiting for a measure. */
  const take = (): Piece | undefined => {
    if (split.length) return split.shift();
    const k = todo.findIndex((t, i) => t.length > 0 && !probing[i]);
    if (k < 0) return undefined;
    const r = rects[k];
    const [first, count] = todo[k][0];
    const probe = probeRows[k];
    const rows = Math.max(1, Math.min(count, ROWS_PER_BLOCK, Math.floor(READ_CELLS_PER_SYNC / r.columnCount), Math.floor(target / perRow[k]), probe ?? Infinity));
    if (rows === count) todo[k].shift();
    else todo[k][0] = [first + rows, count - rows];
    probing[k] = probe !== null;
    return { rect: k, row: first, rows, column: 0, columns: r.columnCount };
  };

  let pending: { piece: Piece; range: Excel.Range }[] = [];
  let bytes = 0;
  let cells = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    bytes = cells = 0;
    try {
      await context.sync();
    } catch (e) {
      if (!isPayloadTooLarge(e) || batch.every(({ piece }) => piece.rows === 1 && piece.columns === 1)) throw e;
      for (const { piece: p } of batch) {
        // Over Excel's limit came back: take each piece to be twice that, so the retries go apart.
        perRow[p.rect] = Math.max(2 * perRow[p.rect], (2 * EXCEL_PAYLOAD_LIMIT * rects[p.rect].columnCount) / (p.rows * p.columns));
        probing[p.rect] = false;
        if (p.rows === 1) split.push(...columnHalves(p));
        else {
          todo[p.rect].unshift([p.row, p.rows]);
          probeRows[p.rect] = Math.max(1, Math.floor(p.rows / 8));
        }
      }
      return;
    }
    for (const { piece, range } of batch) {
      const values = range.values;
      const formats = withFormats ? (range.numberFormat as string[][]) : undefined;
      const grid = grids[piece.rect];
      for (let i = 0; i < values.length; i++) {
        const row = grid[piece.row + i];
        for (let j = 0; j < values[i].length; j++) row[piece.column + j] = fromOffice(values[i][j], formats?.[i]?.[j], date1904);
      }
      const k = piece.rect;
      const rowBytes = ((jsonGridBytes(values) + (formats ? jsonGridBytes(formats) : 0)) / piece.rows) * (rects[k].columnCount / piece.columns);
      perRow[k] = mostMeasured[k] = Math.max(mostMeasured[k], rowBytes);
      probeRows[k] = null;
      probing[k] = false;
    }
  };
  for (let piece = take(); piece || pending.length; piece = take()) {
    if (!piece) {
      await flush();
      continue;
    }
    const size = estimate(piece);
    const area = piece.rows * piece.columns;
    if (pending.length && (bytes + size > target || cells + area > READ_CELLS_PER_SYNC)) await flush();
    const r = rects[piece.rect];
    const range = context.workbook.worksheets.getItem(r.sheet).getRangeByIndexes(r.rowIndex + piece.row, r.columnIndex + piece.column, piece.rows, piece.columns);
    if (withFormats) range.load("values,numberFormat");
    else range.load("values");
    pending.push({ piece, range });
    bytes += size;
    cells += area;
  }
  return grids;
}

/** A single row refused for its size, as two runs of its columns (a single cell stays whole). */
function columnHalves(p: Piece): Piece[] {
  if (p.columns === 1) return [p];
  const left = Math.ceil(p.columns / 2);
  return [{ ...p, columns: left }, { ...p, column: p.column + left, columns: p.columns - left }];
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
  const others = present.map((e) => ({ ...rectOf(e.name, e.range), cellBytes: e.name === STORE_SHEET ? STORE_CELL_BYTES : undefined }));
  const grids = await readRects(context, [rect, ...others], true, await usesDates1904(context));
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

