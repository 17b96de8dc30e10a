// When a ruleset is in force (effective.from, effective.to), and the warning a run or `check` gives
// when its date is after the ruleset stopped being in force.
import type { Ruleset } from "./schema";
import { ukDate } from "../util/dates";

/** "was in force until 31/08/2016, before the run date (20/11/2026)", or null when still in force on `date`. */
export function endedBefore(r: Pick<Ruleset, "effective">, date: string, what: string): string | null {
  const to = r.effective.to;
  return to !== undefined && to < date ? `was in force until ${ukDate(to)}, before ${what} (${ukDate(date)})` : null;
}

/** The run's warnings about the ruleset's dates. */
export function rulesetDateWarnings(r: Pick<Ruleset, "effective" | "title" | "version">, asOf: string): string[] {
  const ended = endedBefore(r, asOf, "the run date");
  return ended ? [`The ruleset '${r.title}' (version ${r.version}) ${ended}: check these are the rules to use for this date`] : [];
}
