// Movement between two runs kept in one workbook's record: how many schools went from each earlier
// category to each new one, which schools moved (category, stage, triggers) and which came or
// went. Schools are matched by key (URN). Pure: the runs come from the record, never a second file.
import type { FactValue, RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import type { StoreContents } from "../output/run-record";
import { categoriesByKey, recordedRuns, recordRun, type RecordedCategory, type RecordedRun } from "../output/run-record-history";
import { keyText } from "../read/history";

/** A run as the movement names it: its date and ruleset. */
export interface RunLabel {
  asOf: string;
  ruleset: { id: string; title: string; version: string };
}

/** A school's category and stage in one run. */
export interface CategoryThen {
  band: string;
  stage: string | null;
}

export interface SchoolMovement {
  /** As the sheet had it (a URN is a number). */
  key: string | number;
  /** From the newer run's sheet, when the caller gave the schools; null otherwise or when gone. */
  name: string | null;
  row: number | null;
  /** null: the school was not in the earlier run. */
  from: CategoryThen | null;
  /** null: the school is no longer in the sheet. */
  to: CategoryThen | null;
  triggersAdded: string[];
  triggersRemoved: string[];
}

export interface Movement {
  sheet: string;
  from: RunLabel;
  to: RunLabel;
  /**
   * counts[i][j]: schools in rows[i] (earlier category) and columns[j] (new category). newSchools[j]:
   * schools in columns[j] that the earlier run did not have; gone[i]: schools in rows[i] no longer there.
   */
  bands: { rows: string[]; columns: string[]; counts: number[][]; newSchools: number[]; gone: number[] };
  counts: { compared: number; categoryChanged: number; stageChanged: number; triggersOnly: number; unchanged: number; newSchools: number; gone: number };
  /** Every school that changed, came or went: category changes, stage changes, new, gone, then trigger-only changes; each in sheet order. */
  changes: SchoolMovement[];
  /** Labels of the ids above, from the newer run, else the earlier one. */
  labels: { bands: Record<string, string>; stages: Record<string, string>; triggers: Record<string, string> };
  notes: string[];
}

/** A school of the newer run's sheet, to name the schools that moved. */
export interface SchoolName {
  key: FactValue;
  name: string | null;
  row: number;
}

/** Compares two recorded runs of a sheet (earlier first). */
export function runMovement(before: RecordedRun, after: RecordedRun, schools: readonly SchoolName[] = []): Movement {
  const then = categoriesByKey(before);
  const now = categoriesByKey(after);
  const named = new Map<string, SchoolName>();
  for (const s of schools) if (!named.has(keyText(s.key))) named.set(keyText(s.key), s);
  const ids = (run: RecordedRun) => run.bands.map(([id]) => id);
  const columns = ids(after);
  const rows = [...columns, ...ids(before).filter((id) => !columns.includes(id))];
  const counts = rows.map(() => columns.map(() => 0));
  const newSchools = columns.map(() => 0);
  const gone = rows.map(() => 0);
  const tally = { compared: 0, categoryChanged: 0, stageChanged: 0, triggersOnly: 0, unchanged: 0, newSchools: 0, gone: 0 };
  const changes: { change: SchoolMovement; weight: number }[] = [];
  const change = (k: string, o: RecordedCategory | undefined, n: RecordedCategory | undefined, weight: number) => {
    const at = named.get(k);
    const was = new Set(o?.triggers ?? []);
    const is = new Set(n?.triggers ?? []);
    changes.push({
      weight,
      change: {
        key: (n ?? o)!.key,
        name: n ? at?.name ?? null : null,
        row: n ? at?.row ?? null : null,
        from: o ? { band: o.band, stage: o.stage } : null,
        to: n ? { band: n.band, stage: n.stage } : null,
        triggersAdded: [...is].filter((t) => !was.has(t)),
        triggersRemoved: [...was].filter((t) => !is.has(t)),
      },
    });
  };

  for (const [k, n] of now) {
    const o = then.get(k);
    const j = columns.indexOf(n.band);
    if (!o) {
      newSchools[j]++;
      tally.newSchools++;
      change(k, undefined, n, 2);
      continue;
    }
    tally.compared++;
    counts[rows.indexOf(o.band)][j]++;
    const triggersMoved = o.triggers.length !== n.triggers.length || o.triggers.some((t) => !n.triggers.includes(t));
    const weight = o.band !== n.band ? 0 : o.stage !== n.stage ? 1 : triggersMoved ? 4 : -1;
    if (weight < 0) tally.unchanged++;
    else {
      tally[weight === 0 ? "categoryChanged" : weight === 1 ? "stageChanged" : "triggersOnly"]++;
      change(k, o, n, weight);
    }
  }
  for (const [k, o] of then) {
    if (now.has(k)) continue;
    gone[rows.indexOf(o.band)]++;
    tally.gone++;
    change(k, o, undefined, 3);
  }
  const order = (c: SchoolMovement) => c.row ?? Number.MAX_SAFE_INTEGER;
  changes.sort((a, b) => a.weight - b.weight || order(a.change) - order(b.change));

  const labels = (pick: (r: RecordedRun) => [string, string][]) => Object.fromEntries([...pick(before), ...pick(after)]);
  const notes: string[] = [];
  const repeated = after.schools.length - now.size;
  if (repeated) notes.push(`${repeated} ${repeated === 1 ? "row repeats a key" : "rows repeat a key"} on '${after.sheet}': only the first row of each key is compared.`);
  return {
    sheet: after.sheet,
    from: { asOf: before.asOf, ruleset: before.ruleset },
    to: { asOf: after.asOf, ruleset: after.ruleset },
    bands: { rows, columns, counts, newSchools, gone },
    counts: tally,
    changes: changes.map((c) => c.change),
    labels: { bands: labels((r) => r.bands), stages: labels((r) => r.stages), triggers: labels((r) => r.triggers) },
    notes,
  };
}

/**
 * This run against the last run recorded on its sheet, given the store as read before this run
 * (the run's own record is not in it yet). Null when the workbook has no earlier run of the sheet.
 * Rows without a key are not in a run (the run skips them with a warning).
 */
export function movement(store: StoreContents, result: RunResult, ruleset: Ruleset, after: RecordedRun = recordRun(result, ruleset)): Movement | null {
  const before = recordedRuns(store, result.sheet).at(-1);
  if (!before) return null;
  return runMovement(before, after, result.rows);
}

/**
 * The latest movement kept in a workbook: its last two recorded runs on the sheet (by default the
 * sheet last run). Null when the sheet has fewer than two runs recorded.
 */
export function recordedMovement(store: StoreContents, sheet: string, schools: readonly SchoolName[] = []): Movement | null {
  const runs = recordedRuns(store, sheet);
  return runs.length < 2 ? null : runMovement(runs[runs.length - 2], runs[runs.length - 1], schools);
}

/** The key field's label ("URN"). */
export function keyLabel(ruleset: Ruleset): string {
  return ruleset.fields.find((f) => f.id === ruleset.key)?.label ?? "key";
}
