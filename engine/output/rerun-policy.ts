// The re-run and clear policy, once for every host: where a run writes, whether that would touch
// the officer's data, which officer fills to read and to put back, and the run record to keep.
// Pure: hosts read what the policy asks for (a snapshot of the results area, some cell fills),
// hand it in, and do the writing it decides. Nothing here touches a workbook.
import type { CellRef, CellValue, OutputPlan } from "../workbook";
import { NotWrittenError, columnLetter } from "../errors";
import { isBlank } from "../read/table";
import { normaliseHeader } from "../read/headers";
import { RESULT_HEADERS, resultHeaders, trailingResultsBlock } from "../read/results-block";
import type { Ruleset } from "../ruleset/schema";
import { splitStyles, type StyleSplit } from "./output-plan";
import { cellKey, groupByFill, originalsMap, originalsRecord, type FillGroup, type FillSnapshot, type ResultsRecord, type StoreContents } from "./run-record";

export type { FillGroup } from "./run-record";

/** A rectangle of cells, 1-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The last run on this sheet, when its results block is where this run's goes (same layout). */
function previousRun(plan: OutputPlan, store: StoreContents): ResultsRecord | null {
  const recorded = store.records[plan.sheet];
  return recorded && recorded.headerRow === plan.headerRow && recorded.firstColumn === plan.firstColumn ? recorded : null;
}

/**
 * The area a run clears and writes: the plan's columns, plus any further columns the last run
 * wrote, down to the lowest row either reaches or the table ends (tableBottom, a sheet row).
 * The host reads this area's values (header row first) as the snapshot planRun checks.
 */
export function runSnapshotArea(plan: OutputPlan, store: StoreContents, tableBottom: number): Rect {
  const previous = previousRun(plan, store);
  return {
    top: plan.headerRow,
    left: plan.firstColumn,
    right: plan.firstColumn + Math.max(plan.headers.length, previous?.headers.length ?? 0) - 1,
    bottom: Math.max(plan.headerRow + plan.values.length, tableBottom, previous?.lastRow ?? 0),
  };
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
  /** Notes for the officer besides the run's warnings. */
  notes: string[];
  /** The store to write, given the fills read for readFills (in the same order). */
  storeAfter(fills: readonly FillSnapshot[]): StoreContents;
}

/**
 * Decides a run's writes from the plan, the stored record and a snapshot of runSnapshotArea.
 * Throws NotWrittenError, before anything is written, when officer data is in the area.
 */
export function planRun(plan: OutputPlan, store: StoreContents, snapshot: CellValue[][], area: Rect): RunDecision {
  const previous = previousRun(plan, store);
  const problem = officerDataIn(snapshot, plan, [...plan.headers, ...(previous?.headers ?? [])]);
  if (problem) throw new NotWrittenError("officer-data", problem, plan.sheet);

  const notes: string[] = [];
  if (store.records[plan.sheet] && !previous) notes.push(`The table on '${plan.sheet}' moved since the last run, so trigger colours from that run could not be restored.`);
  const recorded = originalsMap(previous ?? undefined);
  const styles = splitStyles(plan);
  const coloured = styles.officer.flatMap((g) => g.cells);
  const now = new Set(coloured.map(cellKey));
  const readFills = coloured.filter((c) => !recorded.has(cellKey(c)));
  return {
    clear: area,
    restore: groupByFill(recorded, (k) => !now.has(k)),
    readFills,
    styles,
    notes,
    storeAfter(fills) {
      // Never record our own fills: what the last run recorded stays the original.
      const originals = new Map<string, FillSnapshot>();
      readFills.forEach((c, i) => originals.set(cellKey(c), fills[i] ?? { color: null }));
      for (const c of coloured) {
        const k = cellKey(c);
        const kept = recorded.get(k);
        if (kept) originals.set(k, kept);
      }
      const record: ResultsRecord = {
        headerRow: plan.headerRow,
        firstColumn: plan.firstColumn,
        headers: plan.headers,
        lastRow: plan.headerRow + plan.values.length,
        originals: originalsRecord(originals),
      };
      return { ...store, records: { ...store.records, [plan.sheet]: record }, summary: { sheet: plan.sheet, name: plan.summary.name } };
    },
  };
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

/** Where the record says a sheet's results header row is: the host reads these cells for planClear. */
export function clearSnapshotArea(sheet: string, store: StoreContents): Rect | null {
  const r = store.records[sheet];
  return r ? { top: r.headerRow, left: r.firstColumn, bottom: r.headerRow, right: r.firstColumn + r.headers.length - 1 } : null;
}

export interface ClearSnapshot {
  /** The cells of clearSnapshotArea (one row), or null when there is no record. */
  recordedHeaders: CellValue[] | null;
  /** The sheet's table as read: its header texts, header row, first column and last row. */
  table: { headers: string[]; headerRow: number; firstColumn: number; bottom: number };
}

export interface ClearDecision {
  /** Our results columns, to clear (values and formats); null when none were found. */
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
 * Decides Clear on a sheet: the recorded results block when its headers are still there, else a
 * trailing block of our headers (results written without a record); the recorded fills; the
 * summary sheet that run wrote. Without a record, the ruleset's results headers (or the standard
 * ones) are looked for.
 */
export function planClear(sheet: string, store: StoreContents, snapshot: ClearSnapshot, ruleset: Ruleset | null): ClearDecision {
  const record = store.records[sheet];
  const { table } = snapshot;
  let clear: Rect | null = null;
  if (record && snapshot.recordedHeaders && record.headers.every((h, j) => normaliseHeader(snapshot.recordedHeaders![j]) === normaliseHeader(h))) {
    clear = { top: record.headerRow, left: record.firstColumn, right: record.firstColumn + record.headers.length - 1, bottom: Math.max(record.lastRow, table.bottom) };
  } else {
    const block = trailingResultsBlock(table.headers, ruleset ? resultHeaders(ruleset) : RESULT_HEADERS);
    if (block) clear = { top: table.headerRow, left: table.firstColumn + block.start, right: table.firstColumn + block.end - 1, bottom: table.bottom };
  }
  const originals = originalsMap(record);
  const dropSummary = store.summary?.sheet === sheet ? store.summary.name : null;
  const { [sheet]: _gone, ...records } = store.records;
  const cleared = !!clear || originals.size > 0;
  return {
    clear,
    restore: groupByFill(originals),
    dropSummary,
    store: { ...store, records, summary: dropSummary ? null : store.summary },
    message: cleared
      ? `Cleared the results on '${sheet}'${originals.size ? ` and restored ${originals.size.toLocaleString("en-GB")} cell colours` : ""}.`
      : `No results to clear on '${sheet}'.`,
  };
}
