// The summary sheet's count of watch flags (near misses): a column beside each trigger's count, for
// the triggers with margins, and the schools with any watch flag. Nothing for a ruleset without margins.
import type { CellValue } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { hasMargin } from "../ruleset/margins";

export const WATCH_HEADER = "Watch (near misses)";
export const WATCH_TOTAL = "Schools with a watch flag";

export interface WatchCounts {
  /** Trigger id -> schools with its watch flag (triggers with margins only). */
  byTrigger: Map<string, number>;
  /** Schools with at least one. */
  schools: number;
}

/** The counts, or null when no trigger has a margin. */
export function watchCounts(result: Pick<RunResult, "rows">, ruleset: Ruleset): WatchCounts | null {
  const margined = ruleset.triggers.filter((t) => hasMargin(t.conditions));
  if (!margined.length) return null;
  const byTrigger = new Map(margined.map((t) => [t.id, 0]));
  let schools = 0;
  for (const r of result.rows) {
    if (!r.watch?.length) continue;
    schools++;
    for (const w of r.watch) byTrigger.set(w.id, (byTrigger.get(w.id) ?? 0) + 1);
  }
  return { byTrigger, schools };
}

/** The cell after a trigger's count: its watch flags, blank for a trigger without a margin. */
export function watchCell(counts: WatchCounts, trigger: string): CellValue {
  return counts.byTrigger.get(trigger) ?? null;
}
