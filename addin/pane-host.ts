// What the pane needs from where the workbook lives: Excel (Office.js) or an uploaded file.
import type { OutputPlan, Ruleset, RunResult } from "../engine";

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
}

export type Progress = (fraction: number, label: string) => void;

export interface PaneHost {
  kind: "office" | "browser";
  listTargets(): Promise<Target[]>;
  readStoredRuleset(): Promise<string | null>;
  storeRuleset(text: string | null): Promise<void>;
  run(target: Target, ruleset: Ruleset, progress: Progress): Promise<RunOutcome>;
  /** Removes results and restores fills; returns a message for the officer. */
  clear(target: Target): Promise<string>;
  /** Office only: calls back with the sheet and 1-based row of each new selection. */
  watchSelection?(listener: (sheet: string, row: number) => void): Promise<() => Promise<void>>;
  /** Office only: selects a school's row in the sheet. */
  showRow?(sheet: string, row: number, column: number): Promise<void>;
}

/** Progress weights: reading, categorising, writing. */
export const PHASES = { read: [0, 0.1], categorise: [0.1, 0.6], write: [0.6, 1] } as const;

export const phase = (p: Progress, which: keyof typeof PHASES, label: string) => (done: number, total: number) => {
  const [from, to] = PHASES[which];
  p(from + (to - from) * (total ? done / total : 1), label.replace("{done}", done.toLocaleString("en-GB")).replace("{total}", total.toLocaleString("en-GB")));
};
