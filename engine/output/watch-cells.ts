// What watch flags (near misses, evaluate/watch.ts) add to the results columns: "Watch: <trigger>"
// after the triggers in the Triggers column, their reason lines after the others in Reasons, and the
// watch colour on the officer cells behind them that no trigger coloured (and on the Triggers cell
// when no trigger fired). Rows without watch flags are written exactly as before.
import type { RowResult } from "../results";
import { watchLabel, watchLines } from "../evaluate/watch-reason";

/** The Triggers column: trigger labels, then watch flags, separated by "; ". */
export function withWatchLabels(triggersText: string, r: Pick<RowResult, "watch">): string {
  if (!r.watch) return triggersText;
  const watched = r.watch.map(watchLabel).join("; ");
  return triggersText ? `${triggersText}; ${watched}` : watched;
}

/** The Reasons column's lines: the row's reasons, then one per watch flag. */
export function withWatchReasons(r: Pick<RowResult, "reasons" | "watch">): string[] {
  return r.watch ? [...r.reasons, ...watchLines(r)] : r.reasons;
}

/**
 * Columns to take the watch colour: those behind the row's watch flags that no trigger's colour
 * took (`coloured`), and `triggersColumn` when given (the row has no trigger of its own).
 */
export function watchColumns(r: Pick<RowResult, "watch">, coloured: ReadonlyMap<number, string>, triggersColumn?: number): number[] {
  const columns = new Set<number>();
  for (const w of r.watch ?? []) for (const c of w.columns) if (!coloured.has(c)) columns.add(c);
  if (triggersColumn !== undefined && r.watch?.length) columns.add(triggersColumn);
  return [...columns];
}
