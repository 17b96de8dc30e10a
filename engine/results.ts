// What a run produces for each school row, and for the sheet as a whole.

/** A fact value after coercion. Dates are ISO "YYYY-MM-DD" strings; null means missing. */
export type FactValue = number | string | boolean | null;

/** One leaf condition as evaluated for a row: the explanation users read. */
export interface ConditionTrace {
  fact: string;
  /** Human label of the fact (field label or derived label). */
  label: string;
  operator: string;
  /** The value compared against (resolved when it named another fact). */
  expected: unknown;
  /** The school's actual value; null when missing. */
  actual: FactValue | string[];
  held: boolean;
  missing: boolean;
  /** Inside a "not": the rule needs this condition NOT to hold. */
  negated?: boolean;
}

/** How a rule (trigger, band or stage) came out, with every leaf that was looked at. */
export interface RuleTrace {
  kind: "trigger" | "band" | "stage";
  id: string;
  label: string;
  held: boolean;
  conditions: ConditionTrace[];
  /** Facts the rule needed that were missing for this row. */
  missing: string[];
  /** Not met, but could have been had the missing facts been present. */
  undecided?: boolean;
}

export interface TriggerHit {
  id: string;
  label: string;
  severity: string;
}

/**
 * A near miss: a trigger with margins that did not fire, but would with its margined comparisons
 * loosened by their margins. Severity "watch"; it changes no band or stage.
 */
export interface WatchHit extends TriggerHit {
  /** "Progress 8 −0.45 is 0.05 above the floor of −0.5" (each comparison inside its margin). */
  reason: string;
  /** Sheet columns (1-based) behind those comparisons, for fills. */
  columns: number[];
}

export interface Escalation {
  stage: string;
  label: string;
  nextAction: string;
  /** ISO date the next action is due by, or null. */
  due: string | null;
  /** ISO date a due window opens (e.g. 6 weeks after a notice when the review is due within 6-8 weeks). */
  dueFrom?: string | null;
  /** The stage's additions that fit this school (church schools, special measures...); their text is in nextAction. */
  additions?: StageAdditionHit[];
}

/** An addition to a stage's next action, and the conditions that made it fit the school. */
export interface StageAdditionHit {
  label: string;
  nextAction: string;
  conditions: ConditionTrace[];
}

/** Why a school is not categorised: decisive facts missing, with which a higher band could hold. */
export interface NotCategorised {
  /** Labels of the decisive facts that are missing. */
  missing: string[];
  /** The highest band that could hold with them ("D High concern"), or null when none above could. */
  couldBe: string | null;
}

/** An officer's category, audited: the reason given and the framework's rules it goes against. */
export interface Moderation {
  reason: string | null;
  /** One line per mandatory rule the officer's category is below, with the school's values. */
  contradicts: string[];
}

export interface RowIssue {
  /** 1-based sheet row. */
  row: number;
  column?: string;
  message: string;
}

/**
 * One school's result. Read-only: rows share pieces that come out the same (condition traces,
 * trigger hits, lists of columns, escalations), so changing one row's piece would change others'.
 */
export interface RowResult {
  /** 1-based sheet row number. */
  row: number;
  key: string | number | null;
  name: string | null;
  /** Final band id (the officer's category when moderated). */
  band: string;
  bandLabel: string;
  /** The band the rules gave, kept beside a moderated one. */
  ruleBand: string;
  moderated: boolean;
  /** Set when decisive data is missing and the school is given the ruleset's "not categorised" band. */
  notCategorised?: NotCategorised;
  /** Set when moderated. */
  moderation?: Moderation;
  triggers: TriggerHit[];
  escalation: Escalation | null;
  /** The next action (the stage's, or the band's when no stage applies). */
  nextAction: string;
  due: string | null;
  /** One line per reason: band, triggers, stage, moderation. */
  reasons: string[];
  warnings: string[];
  /** Extra outputs declared by the ruleset (e.g. consortium funding). */
  outputs: Record<string, FactValue>;
  facts: Record<string, FactValue>;
  /**
   * The rules an explanation shows: those that held, those ranked above the category and stage
   * given, and those left undecided. A run makes them from the facts when first read
   * (evaluate/school-result.ts); plainResults makes them for a copy that is posted.
   */
  traces: RuleTrace[];
  /** Sheet columns (1-based) whose cells fed each fired trigger, for fills. */
  triggerCells: { trigger: string; severity: string; columns: number[] }[];
  /** Near misses of triggers with margins (evaluate/watch.ts); set only when there are some. */
  watch?: WatchHit[];
}

export interface RunResult {
  ruleset: { id: string; title: string; version: string };
  sheet: string;
  headerRow: number;
  firstColumn: number;
  /** Number of officer columns (results columns already present from an earlier run are excluded). */
  tableColumns: number;
  asOf: string;
  rows: RowResult[];
  /** Sheet-level warnings (unmapped optional fields, skipped rows, duplicate keys...). */
  warnings: string[];
  /** Field id -> header used (and column number). */
  columns: Record<string, { header: string; column: number }>;
}
