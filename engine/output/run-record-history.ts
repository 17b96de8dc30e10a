// The runs kept in the workbook's record, for the movement table: each run's date, ruleset, and
// every school's category, stage and triggers by key (URN), compactly. A sheet keeps its last
// RUNS_KEPT runs, so the categorised workbook alone holds both sides of its latest movement.
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { keyText } from "../read/history";
import { RecordedRunSchema } from "./run-record-schema";

/** Runs kept per sheet: the latest and the one before it, so the movement is there to read again. */
export const RUNS_KEPT = 2;
/** Runs read back at most, over all sheets (the latest); a file holding more is damaged. */
const MAX_RUNS = 200;

/** [key as the sheet has it (a URN stays a number), band index, stage index (-1: none), ...trigger indices] */
export type RecordedSchool = [key: string | number, band: number, stage: number, ...triggers: number[]];

/** One run as recorded: what the next run's movement table compares with. */
export interface RecordedRun {
  sheet: string;
  /** YYYY-MM-DD: the run date (its as-of date). */
  asOf: string;
  ruleset: { id: string; title: string; version: string };
  /** [id, label] of the ruleset's bands, stages and triggers, which the schools' indices point at. */
  bands: [string, string][];
  stages: [string, string][];
  triggers: [string, string][];
  schools: RecordedSchool[];
}

/** One school in a recorded run, read back. */
export interface RecordedCategory {
  key: string | number;
  band: string;
  stage: string | null;
  triggers: string[];
}

/** A run's categories for the record. Rows without a key cannot be found again, so are left out. */
export function recordRun(result: RunResult, ruleset: Ruleset): RecordedRun {
  const bands = ruleset.bands.map((b): [string, string] => [b.id, b.label]);
  const stages = (ruleset.escalation ?? []).map((s): [string, string] => [s.id, s.label]);
  const triggers = ruleset.triggers.map((t): [string, string] => [t.id, t.label]);
  const at = (list: [string, string][], id: string, label: string) => {
    const i = list.findIndex(([x]) => x === id);
    return i >= 0 ? i : list.push([id, label]) - 1;
  };
  const schools: RecordedSchool[] = [];
  for (const r of result.rows) {
    const key = typeof r.key === "number" ? r.key : r.key === null ? "" : String(r.key).trim().slice(0, 100);
    if (key === "") continue;
    const stage = r.escalation ? at(stages, r.escalation.stage, r.escalation.label) : -1;
    schools.push([key, at(bands, r.band, r.bandLabel), stage, ...r.triggers.map((t) => at(triggers, t.id, t.label))]);
  }
  return { sheet: result.sheet, asOf: result.asOf, ruleset: { ...result.ruleset }, bands, stages, triggers, schools };
}

/** The store's runs with this one added: the sheet's older runs beyond RUNS_KEPT go. */
export function withRun<T extends { runs?: RecordedRun[] }>(store: T, run: RecordedRun): T {
  const same = (store.runs ?? []).filter((r) => r.sheet === run.sheet).slice(-(RUNS_KEPT - 1));
  const others = (store.runs ?? []).filter((r) => r.sheet !== run.sheet);
  return { ...store, runs: [...others, ...same, run] };
}

/** The runs recorded on a sheet, oldest first. */
export function recordedRuns(store: { runs?: RecordedRun[] }, sheet: string): RecordedRun[] {
  return (store.runs ?? []).filter((r) => r.sheet === sheet);
}

/** A recorded run's schools by key (keys compared as the history sheets compare them); the first of a repeated key wins. */
export function categoriesByKey(run: RecordedRun): Map<string, RecordedCategory> {
  const out = new Map<string, RecordedCategory>();
  for (const [key, band, stage, ...triggers] of run.schools) {
    const k = keyText(key);
    if (!out.has(k)) out.set(k, { key, band: run.bands[band][0], stage: stage < 0 ? null : run.stages[stage][0], triggers: triggers.map((t) => run.triggers[t][0]) });
  }
  return out;
}

/**
 * The recorded runs read back (untrusted): each run is checked, and a run whose indices point
 * outside its lists is left out. Returns the runs kept and whether any was left out.
 */
export function parseRuns(value: unknown): { runs: RecordedRun[]; damaged: boolean } {
  if (!Array.isArray(value)) return { runs: [], damaged: true };
  const runs: RecordedRun[] = [];
  for (const item of value.slice(-MAX_RUNS)) {
    const parsed = RecordedRunSchema.safeParse(item);
    if (!parsed.success) continue;
    const run = parsed.data as RecordedRun;
    const fits = (i: number, list: unknown[], none: boolean) => (none && i === -1) || (i >= 0 && i < list.length);
    const ok = run.schools.every(([, band, stage, ...triggers]) => fits(band, run.bands, false) && fits(stage, run.stages, true) && triggers.every((t) => fits(t, run.triggers, false)));
    if (ok) runs.push(run);
  }
  // Never more than RUNS_KEPT per sheet (the latest), whatever the file holds.
  const seen = new Map<string, number>();
  const kept = runs.reverse().filter((r) => seen.set(r.sheet, (seen.get(r.sheet) ?? 0) + 1).get(r.sheet)! <= RUNS_KEPT).reverse();
  return { runs: kept, damaged: runs.length < value.length };
}
