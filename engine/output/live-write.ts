// Live re-categorisation, second half: categorise only the affected schools, and decide what to
// write for them. The cells and colours are the ones a full run would leave on those rows, and the
// re-run policy's rules hold: values go only into the run's own results columns, an officer cell
// a trigger colours for the first time has its fill read and recorded first, and one whose trigger
// has gone gets its recorded fill back. Pure: the host reads and writes what this decides.
import type { CellRef, CellValue, OutputPlan, SheetData, WorkbookSource } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { categorise } from "../evaluate/categorise";
import { buildOutputPlan, splitStyles, type StyleSplit } from "./output-plan";
import { cellKey, groupByFill, originalsMap, originalsRecord, type FillGroup, type FillSnapshot, type StoreContents } from "./run-record";
import type { LiveBasis } from "./live-edits";

const NO_CELLS: CellValue[] = [];

/**
 * The workbook as the engine reads it for a live update: the schools sheet with only the affected
 * rows (every other row empty, so rows keep their numbers), and the history sheets as last read.
 */
export function liveSource(basis: LiveBasis, rows: readonly number[]): WorkbookSource {
  const { sheet } = basis;
  const wanted = new Set(rows.map((r) => r - sheet.headerRow - 1));
  const last = Math.max(-1, ...wanted);
  const only: SheetData = {
    ...sheet,
    // The results headers stay on the header row, so the run record finds its block where it was.
    headers: [...sheet.headers, ...basis.results.headers],
    rows: Array.from({ length: Math.min(last + 1, sheet.rows.length) }, (_, i) => (wanted.has(i) ? sheet.rows[i] : NO_CELLS)),
    notes: sheet.notes?.filter((n) => wanted.has(n.row - sheet.headerRow - 1)),
  };
  const sheets = new Map([[sheet.name, only], ...basis.histories.map((h) => [h.name, h] as const)]);
  return { sheetNames: () => [...sheets.keys()], readSheet: (name) => sheets.get(name) };
}

/**
 * Categorises the schools a live source holds, as of the run's date, and plans their results.
 * `store` is the basis's: its run record marks the results columns, which are not the officer's.
 */
export async function evaluateLive(source: WorkbookSource, ruleset: Ruleset, sheet: string, asOf: string, store: StoreContents): Promise<{ result: RunResult; plan: OutputPlan }> {
  const result = await categorise(source, ruleset, { sheet, asOf, store });
  return { result, plan: buildOutputPlan(result, ruleset) };
}

/** What one live update writes. */
export interface LiveWrite {
  /** The results cells of the affected rows: each run of consecutive rows, values left to right. */
  blocks: { top: number; values: CellValue[][] }[];
  /** First results column (1-based) and how many. */
  left: number;
  width: number;
  /** What to paint on the affected rows: results cells the whole style, officer cells a fill. */
  styles: StyleSplit;
  /** Officer cells whose trigger has gone: their own fills back. */
  restore: FillGroup[];
  /** Officer cells coloured for the first time: read their fills before writing. */
  readFills: CellRef[];
  /** The store to write, given the fills read for readFills; null when the run record is unchanged. */
  storeAfter(fills: readonly FillSnapshot[]): StoreContents | null;
}

/**
 * Decides a live update's writes from the basis and the plan for the affected rows. Returns the
 * reason to run again instead when the plan's results columns are not where the run put them.
 */
export function planLiveWrite(basis: LiveBasis, fresh: OutputPlan, rows: readonly number[]): LiveWrite | string {
  const { results, sheet } = basis;
  const record = basis.store.records[sheet.name];
  if (fresh.firstColumn !== results.firstColumn || fresh.headers.join("\n") !== results.headers.join("\n") || !record) {
    return `The results columns on '${sheet.name}' are not where the last run put them. Live updates are paused: run the categorisation again.`;
  }
  const affected = new Set(rows);
  const width = results.headers.length;
  const blocks: LiveWrite["blocks"] = [];
  for (const row of [...affected].sort((a, b) => a - b)) {
    const values = fresh.values[row - fresh.headerRow - 1] ?? Array(width).fill(null);
    const last = blocks[blocks.length - 1];
    if (last && last.top + last.values.length === row) last.values.push(values);
    else blocks.push({ top: row, values: [values] });
  }
  const split = splitStyles(fresh);
  const onRows = <T extends { cells: CellRef[] }>(groups: T[]) => groups.map((g) => ({ ...g, cells: g.cells.filter((c) => affected.has(c.row)) })).filter((g) => g.cells.length);
  const styles = { results: onRows(split.results), officer: onRows(split.officer) };

  const originals = originalsMap(record);
  const coloured = styles.officer.flatMap((g) => g.cells);
  const now = new Set(coloured.map(cellKey));
  const gone = (k: string) => affected.has(Number(k.split(":")[0])) && !now.has(k);
  const readFills = coloured.filter((c) => !originals.has(cellKey(c)));
  const restore = groupByFill(originals, gone);
  return {
    blocks,
    left: results.firstColumn,
    width,
    styles,
    restore,
    readFills,
    storeAfter(fills) {
      if (!readFills.length && !restore.length) return null;
      const kept = new Map([...originals].filter(([k]) => !gone(k)));
      readFills.forEach((c, i) => kept.set(cellKey(c), fills[i] ?? { color: null }));
      const headers = { ...record.originalHeaders };
      for (const c of readFills) headers[c.column] ??= sheet.headers[c.column - sheet.firstColumn] ?? "";
      const updated = { ...record, originals: originalsRecord(kept), originalHeaders: headers };
      return { ...basis.store, records: { ...basis.store.records, [sheet.name]: updated } };
    },
  };
}
