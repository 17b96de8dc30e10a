// The re-run and clear policy, once for every host: where a run writes, whether that would touch
// the officer's data, which officer fills to read and to put back, and the run record to keep.
// Pure: hosts read what the policy asks for (a snapshot of the results area, some cell fills),
// hand it in, and do the writing it decides. Nothing here touches a workbook.
import type { CellRef, CellValue, OutputPlan } from "../workbook";
import { NotWrittenError, columnLetter } from "../errors";
import { isBlank } from "../read/table";
import { normaliseHeader } from "../read/headers";
import { relocateRecord } from "../read/results-block";
import { SUMMARY_SHEET } from "./summary-sheet";
import { splitStyles, type StyleSplit } from "./output-plan";
import { cellKey, fillKey, groupByFill, originalsMap, type FillGroup, type FillSnapshot, type ResultsRecord, type StoreContents } from "./run-record";
import { withRun } from "./run-record-history";

export type { FillGroup } from "./run-record";

/** A rectangle of cells, 1-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A sheet's header row as the host read it: its cells from firstColumn, at sheet row `row`. */
export interface HeaderRow {
  cells: readonly CellValue[];
  row: number;
  firstColumn: number;
}

/**
 * The last run on this sheet, found where its results block is now (by the run record, never by
 * header names alone), when that is where this run writes. `notes` say what could not be found.
 */
function previousRun(plan: OutputPlan, store: StoreContents, header: HeaderRow): { record: ResultsRecord | null; notes: string[] } {
  const recorded = store.records[plan.sheet];
  if (!recorded) return { record: null, notes: [] };
  const found = relocateRecord(recorded, header, plan.firstColumn);
  if (!found || found.record.firstColumn !== plan.firstColumn || found.record.headerRow !== plan.headerRow) {
    return { record: null, notes: [`The results columns of the last run on '${plan.sheet}' are no longer where the record says, so trigger colours from that run could not be restored.`] };
  }
  const lost = found.lost ? [`${found.lost.toLocaleString("en-GB")} cells coloured by the last run on '${plan.sheet}' stand in columns whose header changed, so their own colours could not be restored.`] : [];
  return { record: found.record, notes: lost };
}

/**
 * The area a run clears and writes: the plan's columns, plus any further columns the last run
 * wrote, down to the lowest row either reaches or the table ends (tableBottom, a sheet row).
 * The host reads this area's values (header row first) as the snapshot planRun checks.
 */
export function runSnapshotArea(plan: OutputPlan, store: StoreContents, header: HeaderRow, tableBottom: number): Rect {
  const previous = previousRun(plan, store, header).record;
  return {
    top: plan.headerRow,
    left: plan.firstColumn,
    right: plan.firstColumn + Math.max(plan.headers.length, previous?.headers.length ?? 0) - 1,
    bottom: Math.max(plan.headerRow + plan.values.length, tableBottom, previous?.lastRow ?? 0),
  };
}

/**
 * The summary sheet's name: the one this workbook's last run wrote, else "Categorisation summary",
 * else, when the officer has a sheet of that name, the first of "… (2)", "… (3)" that is free.
 */
function summaryName(store: StoreContents, sheetNames: readonly string[]): string {
  if (store.summary && sheetNames.includes(store.summary.name)) return store.summary.name;
  const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
  let name = SUMMARY_SHEET;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${SUMMARY_SHEET} (${i})`;
  return name;
}

/** The part of a sheet's table (header row first) that lies in a rectangle: a snapshot for planRun. */
export function cutArea(table: { headers: CellValue[]; rows: CellValue[][]; headerRow: number; firstColumn: number }, area: Rect): CellValue[][] {
  const grid = [table.headers, ...table.rows];
  const width = area.right - area.left + 1;
  const offset = area.left - table.firstColumn;
  return Array.from({ length: area.bottom - area.top + 1 }, (_, i) => {
    const row = grid[area.top - table.headerRow + i] ?? [];
    return Array.from({ length: width }, (_, j) => row[offset + j] ?? null);
  });
}

export interface RunDecision {
  /** Clear values and formats here first (our columns only, never a column beyond them). */
  clear: Rect;
  /** Officer cells the last run coloured and this one does not: their own fills, to put back. */
  restore: FillGroup[];
  /** Officer cells this run colours for the first time: read their fills before writing. */
  readFills: CellRef[];
  /** What to paint: results cells take the whole style, officer cells only a fill. */
  styles: StyleSplit;
  /** The summary sheet to write: ours from the last run, or a name no officer sheet has. */
  summaryName: string;
  /** Notes for the officer besides the run's warnings. */
  notes: string[];
  /** The store to write, given the fills read for readFills (in the same order). */
  storeAfter(fills: readonly FillSnapshot[]): StoreContents;
}

/**
 * Decides a run's writes from the plan, the stored record, the sheet's header row and sheet
 * names, and a snapshot of runSnapshotArea. Throws NotWrittenError, before anything is written,
 * when officer data is in the area: only the last run's own columns, found by its record, may
 * be overwritten, whatever headers other columns carry.
 */
export function planRun(plan: OutputPlan, store: StoreContents, header: HeaderRow, sheetNames: readonly string[], snapshot: CellValue[][], area: Rect): RunDecision {
  const { record: previous, notes: moved } = previousRun(plan, store, header);
  const notes = [...(store.problems ?? []), ...moved];
  const problem = officerDataIn(snapshot, plan, previous?.headers ?? []);
  if (problem) throw new NotWrittenError("officer-data", problem, plan.sheet);

  const name = summaryName(store, sheetNames);
  const recorded = originalsMap(previous ?? undefined);
  const styles = splitStyles(plan);
  const coloured: CellRef[] = [];
  for (const g of styles.officer) for (let i = 0; i < g.cells.length; i++) coloured.push(g.cells[i]);
  // Without a record (a first run) every coloured cell's fill is read and nothing is restored.
  const now = recorded.size ? new Set(coloured.map(cellKey)) : null;
  const readFills = now ? coloured.filter((c) => !recorded.has(cellKey(c))) : coloured.slice();
  const headerOf = (column: number) => {
    const h = header.cells[column - header.firstColumn];
    return h === null || h === undefined ? "" : String(h);
  };
  return {
    clear: area,
    restore: now ? groupByFill(recorded, (k) => !now.has(k)) : [],
    readFills,
    styles,
    summaryName: name,
    notes,
    storeAfter(fills) {
      // Never record our own fills: what the last run recorded stays the original.
      const originals = new Map<number, FillSnapshot>();
      for (let i = 0; i < readFills.length; i++) originals.set(cellNumber(readFills[i]), fills[i] ?? { color: null });
      if (recorded.size) {
        for (const c of coloured) {
          const kept = recorded.get(cellKey(c));
          if (kept) originals.set(cellNumber(c), kept);
        }
      }
      const originalHeaders: Record<string, string> = {};
      for (let i = 0; i < coloured.length; i++) originalHeaders[coloured[i].column] ??= headerOf(coloured[i].column);
      const record: ResultsRecord = {
        headerRow: plan.headerRow,
        firstColumn: plan.firstColumn,
        headers: plan.headers,
        lastRow: plan.headerRow + plan.values.length,
        originals: recordOriginals(originals),
        originalHeaders,
      };
      const next: StoreContents = { ...store, records: { ...store.records, [plan.sheet]: record }, summary: { sheet: plan.sheet, name } };
      // This run's categories, kept for the next run's movement table.
      return plan.run ? withRun(next, plan.run) : next;
    },
  };
}

/** A cell as one number (row, then column), for maps keyed by cell. */
const cellNumber = (c: CellRef) => c.row * 32768 + c.column;

/**
 * The originals as the record keeps them (as originalsRecord makes them from "row:column" keys):
 * each fill's JSON, in the order first met, to its cells as flat [row, column, ...]. Cells share
 * fill objects, so each object's JSON is made once.
 */
function recordOriginals(originals: Map<number, FillSnapshot>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const byFill = new Map<FillSnapshot, number[]>();
  originals.forEach((fill, cell) => {
    let cells = byFill.get(fill);
    if (!cells) byFill.set(fill, (cells = out[fillKey(fill)] ??= []));
    cells.push(Math.floor(cell / 32768), cell % 32768);
  });
  return out;
}

/**
 * The officer's cells are never overwritten: every cell in the area must be blank or sit under
 * one of our own headers. Returns a message naming the first cell in the way, or null.
 */
function officerDataIn(grid: CellValue[][], plan: OutputPlan, ours: string[]): string | null {
  const known = new Set(ours.map(normaliseHeader));
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  for (let j = 0; j < width; j++) {
    const header = grid[0]?.[j];
    if (!isBlank(header) && known.has(normaliseHeader(header))) continue;
    const i = isBlank(header) ? grid.findIndex((r, k) => k > 0 && !isBlank(r[j])) : 0;
    if (i < 0) continue;
    const column = columnLetter(plan.firstColumn + j);
    const named = isBlank(header) ? "" : ` ('${String(header).trim()}')`;
    return (
      `Column ${column}${named} on '${plan.sheet}' holds the officer's data (cell ${column}${plan.headerRow + i}), where the results columns would go. ` +
      `Move that data, or give the column a header inside the table, and run again.`
    );
  }
  return null;
}

export interface ClearSnapshot {
  /** The sheet's header row, wide enough to hold the recorded results block. */
  header: HeaderRow;
  /** The last row of the sheet's table. */
  bottom: number;
}

export interface ClearDecision {
  /** The last run's results columns, to clear (values and formats); null when none were found. */
  clear: Rect | null;
  /** Officer cells back to their own fills. */
  restore: FillGroup[];
  /** The summary sheet this sheet's run wrote, to delete (when it still exists). */
  dropSummary: string | null;
  /** The store without this sheet's record, to write where the store sheet exists. */
  store: StoreContents;
  /** What was done, for the officer. */
  message: string;
}

/**
 * Decides Clear on a sheet from its run record alone: the recorded results block where its
 * headers now stand, the recorded fills (moved with their columns), the summary sheet that run
 * wrote. Without a record nothing is ours, so nothing is cleared, whatever the headers say.
 */
export function planClear(sheet: string, store: StoreContents, snapshot: ClearSnapshot): ClearDecision {
  const recorded = store.records[sheet];
  const found = recorded ? relocateRecord(recorded, snapshot.header, Number.NaN) : null;
  const record = found?.record;
  const clear = record
    ? { top: record.headerRow, left: record.firstColumn, right: record.firstColumn + record.headers.length - 1, bottom: Math.max(record.lastRow, snapshot.bottom) }
    : null;
  // Without the block, the recorded fills are still the officer's own where nothing moved.
  const originals = originalsMap(record ?? recorded);
  const dropSummary = store.summary?.sheet === sheet ? store.summary.name : null;
  const { [sheet]: _gone, ...records } = store.records;
  const cleared = !!clear || originals.size > 0;
  const lost = found?.lost ? ` ${found.lost.toLocaleString("en-GB")} cells stand in columns whose header changed, so their own colours could not be restored.` : "";
  const damaged = store.problems?.length ? ` ${store.problems.join(" ")}` : "";
  return {
    clear,
    restore: groupByFill(originals),
    dropSummary,
    store: { ...store, records, summary: dropSummary ? null : store.summary },
    message: cleared
      ? `Cleared the results on '${sheet}'${originals.size ? ` and restored ${originals.size.toLocaleString("en-GB")} cell colours` : ""}.${lost}${damaged}`
      : `No results to clear on '${sheet}'.${damaged}`,
  };
}
