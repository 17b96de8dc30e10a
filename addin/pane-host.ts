// What the pane needs from where the workbook lives: Excel (Office.js) or an uploaded file. Either
// way the engine runs in the engine worker (engine-client.ts), so a long run never freezes the pane.
import type { ChartSpec, LaSummary, Movement, OutputPlan, RowResult, Ruleset, RunResult } from "../engine";
import type { RulesetText } from "./bundled-rulesets";

/** A table or sheet holding school data. */
export interface Target {
  id: string;
  sheet: string;
  label: string;
  headers: string[];
  headerRow: number;
  dataRows: number;
}

export interface RunOutcome {
  result: RunResult;
  plan: OutputPlan;
  /** Host notes (e.g. colours that could not be restored), besides result.warnings. */
  notes: string[];
  summary: PaneSummary;
  /**
   * The movement from the last run recorded in the workbook on this sheet to this run; null when
   * the workbook records no earlier run of the sheet (undefined: not worked out).
   */
  movement?: Movement | null;
}

/** The pane's local authority summary: worked out in the worker with the run, as it takes a while on a large table. */
export interface PaneSummary {
  la: LaSummary | null;
  charts: ChartSpec[];
}

/** The ruleset a run uses: its text, which the worker parses for itself, and the same text parsed here. */
export interface RulesetInUse {
  text: RulesetText;
  ruleset: Ruleset;
}

/**
 * What the workbook's run record (its store) holds results for: the sheets with a run's record, and
 * the sheet whose run wrote the summary sheet. Clear has something to do on these sheets only.
 */
export interface RecordedResults {
  sheets: string[];
  summary: string | null;
}

export type Progress = (fraction: number, label: string) => void;

/** What the pane hands a run besides the target and ruleset. */
export interface RunControl {
  progress: Progress;
  /** Aborted when the officer cancels: the run stops at once and writes nothing. */
  signal: AbortSignal;
  /**
   * Called as a run starts writing into the open workbook (inside Excel): from then on it cannot be
   * cancelled. A run on an uploaded file never calls it, since its new file is only taken at the end.
   */
  committing(): void;
}

/** The run live updates follow: what it produced and the ruleset it ran with. */
export interface LiveRun {
  outcome: RunOutcome;
  ruleset: RulesetInUse;
}

/** What live updates tell the pane. */
export interface LiveListener {
  /** Schools categorised again after an edit (`rows`; one missing from `results` is no longer a school), and notes for the officer. */
  updated(rows: number[], results: RowResult[], notes: string[]): void;
  /** The change cannot be followed live: why (a run is needed). Nothing was written. */
  paused(reason: string, notes: string[]): void;
  failed(error: unknown): void;
}

export interface PaneHost {
  kind: "office" | "browser";
  listTargets(): Promise<Target[]>;
  readStoredRuleset(): Promise<string | null>;
  /** What the workbook's run record holds results for, read from the workbook now. */
  recordedResults(): Promise<RecordedResults>;
  storeRuleset(text: string | null): Promise<void>;
  run(target: Target, ruleset: RulesetInUse, control: RunControl): Promise<RunOutcome>;
  /** Removes results and restores fills; returns a message for the officer. */
  clear(target: Target): Promise<string>;
  /** Office only: calls back with the sheet and 1-based row of each new selection. */
  watchSelection?(listener: (sheet: string, row: number) => void): Promise<() => Promise<void>>;
  /**
   * Office only: after a run, watches the schools sheet and its history sheets and re-categorises
   * the schools an officer's edit affects. Resolves to the function that stops watching.
   */
  watchChanges?(run: LiveRun, listener: LiveListener): Promise<() => Promise<void>>;
  /** Office only: selects a school's row in the sheet. */
  showRow?(sheet: string, row: number, column: number): Promise<void>;
}

/** Progress weights: reading, categorising (in the worker), receiving the results from it, writing. */
export const PHASES = { read: [0, 0.1], categorise: [0.1, 0.55], receive: [0.55, 0.6], write: [0.6, 1] } as const;

export const phase = (p: Progress, which: keyof typeof PHASES, label: string) => (done: number, total: number) => {
  const [from, to] = PHASES[which];
  p(from + (to - from) * (total ? done / total : 1), label.replace("{done}", done.toLocaleString("en-GB")).replace("{total}", total.toLocaleString("en-GB")));
};
