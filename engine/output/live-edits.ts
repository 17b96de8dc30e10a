// Live re-categorisation, first half: after a run, which schools an officer's edit affects. An edit
// on the schools sheet affects its own rows; one on a history sheet affects every school whose
// history it changed (found by comparing the sheet's entries before and after, key by key). A
// change to a header row, or rows or columns inserted on the schools sheet, is not guessed at: the
// officer is told to run again. Pure: the host says what changed and hands in the cells it read.
import type { CellValue, SheetData } from "../workbook";
import type { Ruleset } from "../ruleset/schema";
import type { StoreContents } from "./run-record";
import type { Rect } from "./rerun-policy";
import { columnLetter } from "../errors";
import { coerce } from "../read/coerce";
import { keyText } from "../read/history";
import { mapColumns, readRow } from "../read/mapping";

/** The most schools one live update categorises; a larger change is left to a run. */
export const LIVE_ROW_LIMIT = 2_000;

/** What live updates keep from the run, brought up to date with each edit. */
export interface LiveBasis {
  /** The schools sheet as last read, its officer columns only (up to the results). */
  sheet: SheetData;
  /** The history sheets the run read, as last read. */
  histories: SheetData[];
  /** The run's date: edited schools are judged as of it, like the rest of the sheet. */
  asOf: string;
  /** Where the run's results columns are (1-based first column) and their headers. */
  results: { firstColumn: number; headers: string[] };
  /** The last sheet row the run categorised. */
  lastRow: number;
  /** The workbook's store as the run (and each live update since) left it. */
  store: StoreContents;
}

/** A change Excel reported: its sheet, and the cells (1-based) or null for a change of rows or columns. */
export interface SheetEdit {
  sheet: string;
  area: Rect | null;
}

/** What a batch of edits asks for. */
export interface LiveEdits {
  /** Schools-sheet rows (1-based) to read again and categorise. */
  rows: number[];
  /** History sheets to read again and compare. */
  histories: string[];
  /** Said to the officer; nothing is written for them. */
  notes: string[];
  /** Set when live updates cannot follow the change: why, and that a run is needed. Nothing is written. */
  rerun: string | null;
}

const overlaps = (a: Rect, top: number, bottom: number, left: number, right: number) => a.top <= bottom && a.bottom >= top && a.left <= right && a.right >= left;
const cells = (a: Rect) => `${columnLetter(a.left)}${a.top}${a.bottom !== a.top || a.right !== a.left ? `:${columnLetter(a.right)}${a.bottom}` : ""}`;
const RUN_AGAIN = "Live updates are paused: run the categorisation again so it reads the sheet afresh.";

/** Sorts out a batch of edits: rows to categorise, history sheets to compare, and what to tell the officer. */
export function classifyEdits(basis: LiveBasis, ruleset: Ruleset, edits: readonly SheetEdit[]): LiveEdits {
  const { sheet, results } = basis;
  const rows = new Set<number>();
  const histories = new Set<string>();
  const notes: string[] = [];
  const resultsRight = results.firstColumn + results.headers.length - 1;
  const moderation = ruleset.override ? ruleset.fields.find((f) => f.id === ruleset.override!.field)?.label : undefined;
  for (const { sheet: name, area } of edits) {
    const history = basis.histories.find((h) => h.name === name);
    if (name === sheet.name) {
      if (!area) return rerun(`Rows or columns were inserted or deleted on '${name}', so the schools and their results no longer line up with the last run. ${RUN_AGAIN}`);
      if (overlaps(area, sheet.headerRow, sheet.headerRow, sheet.firstColumn, resultsRight)) {
        return rerun(`The header row of '${name}' was changed (${cells(area)}), so the columns may no longer mean what the run took them to. ${RUN_AGAIN}`);
      }
      const officer = overlaps(area, sheet.headerRow + 1, Number.MAX_SAFE_INTEGER, sheet.firstColumn, results.firstColumn - 1);
      if (officer) {
        for (let r = Math.max(area.top, sheet.headerRow + 1); r <= Math.min(area.bottom, basis.lastRow); r++) rows.add(r);
        if (area.bottom > basis.lastRow) notes.push(`'${name}' ${cells(area)} is below the schools the last run categorised; run the categorisation again to include new rows.`);
      } else if (overlaps(area, sheet.headerRow + 1, basis.lastRow, results.firstColumn, resultsRight)) {
        const column = results.headers[Math.max(0, area.left - results.firstColumn)];
        const instead = moderation ? ` To give a school your own category, use the '${moderation}' column.` : "";
        notes.push(`'${name}' ${cells(area)} is in the results ('${column}'), which the add-in writes: your entry stays until the school is categorised again, then it is replaced.${instead}`);
      }
    } else if (history) {
      if (area && overlaps(area, history.headerRow, history.headerRow, 1, Number.MAX_SAFE_INTEGER)) {
        return rerun(`The header row of the history sheet '${name}' was changed (${cells(area)}), so its columns may no longer mean what the run took them to. ${RUN_AGAIN}`);
      }
      histories.add(name);
    }
  }
  return { rows: [...rows].sort((a, b) => a - b), histories: [...histories], notes, rerun: null };

  function rerun(why: string): LiveEdits {
    return { rows: [], histories: [], notes, rerun: why };
  }
}

/**
 * The schools whose history changed between two readings of a history sheet: by key, the entries
 * as the engine reads them (so a column moved, or a cell retyped to the same value, changes nothing).
 * Returns the keys, or the reason to run again when the sheet's key column can no longer be found.
 */
export function changedHistoryKeys(ruleset: Ruleset, before: SheetData, after: SheetData): { keys: Set<string>; rerun: string | null } {
  const keys = new Set<string>();
  for (const h of ruleset.history ?? []) {
    if (!h.sheet.some((s) => s.trim().toLowerCase() === before.name.trim().toLowerCase())) continue;
    const fields = h.fields.map((f) => (f.id === h.key ? { ...f, required: true } : f));
    let old: Map<string, string[]>;
    let now: Map<string, string[]>;
    try {
      old = entriesByKey(before, fields, h.key);
      now = entriesByKey(after, fields, h.key);
    } catch (e) {
      return { keys, rerun: `${e instanceof Error ? e.message : String(e)}. ${RUN_AGAIN}` };
    }
    for (const [key, entries] of now) if (old.get(key)?.join("\n") !== entries.join("\n")) keys.add(key);
    for (const key of old.keys()) if (!now.has(key)) keys.add(key);
  }
  return { keys, rerun: null };
}

function entriesByKey(sheet: SheetData, fields: Parameters<typeof mapColumns>[1], key: string): Map<string, string[]> {
  const { index } = mapColumns(sheet, fields, sheet.headers.length);
  const out = new Map<string, string[]>();
  sheet.rows.forEach((_, i) => {
    const { facts } = readRow(sheet, i, fields, index);
    const k = keyText(facts[key]);
    if (k) (out.get(k) ?? out.set(k, []).get(k)!).push(JSON.stringify(facts));
  });
  for (const entries of out.values()) entries.sort();
  return out;
}

/** The schools-sheet rows (1-based) of the schools with these keys. */
export function rowsWithKeys(basis: LiveBasis, ruleset: Ruleset, keys: ReadonlySet<string>): number[] {
  if (!keys.size) return [];
  const { sheet } = basis;
  const field = ruleset.fields.find((f) => f.id === ruleset.key)!;
  const column = mapColumns(sheet, ruleset.fields, sheet.headers.length).index.get(ruleset.key);
  if (column === undefined) return [];
  const rows: number[] = [];
  sheet.rows.forEach((r, i) => {
    if (keys.has(keyText(coerce(r[column] ?? null, field).value))) rows.push(sheet.headerRow + 1 + i);
  });
  return rows;
}

/** The basis with some schools-sheet rows read again (cells from the sheet's first column). */
export function withRows(basis: LiveBasis, read: readonly { row: number; cells: CellValue[] }[]): LiveBasis {
  const { sheet } = basis;
  const rows = sheet.rows.slice();
  const width = sheet.headers.length;
  for (const { row, cells } of read) {
    const i = row - sheet.headerRow - 1;
    if (i < 0) continue;
    while (rows.length <= i) rows.push(Array(width).fill(null));
    rows[i] = Array.from({ length: width }, (_, j) => cells[j] ?? null);
  }
  return { ...basis, sheet: { ...sheet, rows } };
}

/** The basis with a history sheet read again. */
export function withHistory(basis: LiveBasis, sheet: SheetData): LiveBasis {
  return { ...basis, histories: basis.histories.map((h) => (h.name === sheet.name ? sheet : h)) };
}
