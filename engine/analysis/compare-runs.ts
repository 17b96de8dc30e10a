// Comparing two runs over the same schools (an old and a new ruleset on one workbook): which
// schools change band, trigger or stage, and why, with count tables. Pure: no files, no Excel.
import type { ConditionTrace, RowResult, RunResult, RuleTrace } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { describeCondition } from "../evaluate/explain";
import { keyText } from "../read/history";
import { ruleProbe, type RuleProbe } from "../evaluate/rule-probe";

export interface SchoolChange {
  row: number;
  key: string | number | null;
  name: string | null;
  /** Final band (the officer's when moderated), when it changed. */
  band?: { from: string; to: string };
  /** The rules' band, when it changed but the final band did not (an officer's category holds). */
  ruleBand?: { from: string; to: string };
  triggersAdded: string[];
  triggersRemoved: string[];
  /** Escalation stage ids (null: none), when it changed. */
  stage?: { from: string | null; to: string | null };
  /** Why, from the new run: the new band's, triggers' and stage's reasons, and what no longer holds. */
  why: string[];
}

export interface CountTable {
  rows: string[];
  columns: string[];
  /** counts[i][j]: schools in rows[i] under the old rules and columns[j] under the new. */
  counts: number[][];
}

export interface RunComparison {
  old: RunResult["ruleset"];
  new: RunResult["ruleset"];
  sheet: string;
  asOf: string;
  schools: number;
  changes: SchoolChange[];
  counts: { bandChanged: number; triggersChanged: number; stageChanged: number; unchanged: number; onlyInOld: number; onlyInNew: number };
  /** Old band x new band. */
  bands: CountTable;
  /** Schools flagged by each trigger under the old and new rules. */
  triggers: { id: string; label: string; old: number; new: number }[];
  /** Schools at each escalation stage under the old and new rules ("none" for no stage). */
  stages: { id: string; label: string; old: number; new: number }[];
}

const MAX_CONDITIONS = 3;

export function compareRuns(before: RunResult, after: RunResult, oldRules: Ruleset, newRules: Ruleset): RunComparison {
  // The same workbook and sheet: rows line up by row number; otherwise match schools by key.
  const match = (r: RowResult) => (before.sheet === after.sheet ? `row ${r.row}` : `key ${keyText(r.key)}`);
  const newByMatch = new Map(after.rows.map((r) => [match(r), r]));
  const oldMatched = new Set<string>();
  const changes: SchoolChange[] = [];
  const bandRows = orderedIds(oldRules.bands, before.rows.map((r) => r.band));
  const bandCols = orderedIds(newRules.bands, after.rows.map((r) => r.band));
  const table = bandRows.map(() => bandCols.map(() => 0));
  let [bandChanged, triggersChanged, stageChanged, unchanged] = [0, 0, 0, 0];
  const probes = { old: ruleProbe(oldRules), new: ruleProbe(newRules) };

  for (const o of before.rows) {
    const n = newByMatch.get(match(o));
    if (!n) continue;
    oldMatched.add(match(o));
    table[bandRows.indexOf(o.band)][bandCols.indexOf(n.band)]++;
    const change = compareRow(o, n, newRules, probes);
    if (!change) {
      unchanged++;
      continue;
    }
    changes.push(change);
    if (change.band || change.ruleBand) bandChanged++;
    if (change.triggersAdded.length || change.triggersRemoved.length) triggersChanged++;
    if (change.stage) stageChanged++;
  }

  const tally = (rows: RowResult[], pick: (r: RowResult) => string[]) =>
    rows.reduce((m, r) => (pick(r).forEach((id) => m.set(id, (m.get(id) ?? 0) + 1)), m), new Map<string, number>());
  const oldTriggers = tally(before.rows, (r) => r.triggers.map((t) => t.id));
  const newTriggers = tally(after.rows, (r) => r.triggers.map((t) => t.id));
  const oldStages = tally(before.rows, (r) => [r.escalation?.stage ?? "none"]);
  const newStages = tally(after.rows, (r) => [r.escalation?.stage ?? "none"]);
  const labelled = (newList: { id: string; label: string }[], oldList: { id: string; label: string }[]) =>
    [...newList, ...oldList.filter((x) => !newList.some((y) => y.id === x.id))];

  // Band changes first, then stage changes, then trigger-only changes; each in sheet order.
  const weight = (c: SchoolChange) => (c.band || c.ruleBand ? 0 : c.stage ? 1 : 2);
  changes.sort((a, b) => weight(a) - weight(b) || a.row - b.row);

  return {
    old: before.ruleset,
    new: after.ruleset,
    sheet: after.sheet,
    asOf: after.asOf,
    schools: after.rows.length,
    changes,
    counts: {
      bandChanged, triggersChanged, stageChanged, unchanged,
      onlyInOld: before.rows.length - oldMatched.size,
      onlyInNew: after.rows.filter((r) => !oldMatched.has(match(r))).length,
    },
    bands: { rows: bandRows, columns: bandCols, counts: table },
    triggers: labelled(newRules.triggers, oldRules.triggers).map((t) => ({ id: t.id, label: t.label, old: oldTriggers.get(t.id) ?? 0, new: newTriggers.get(t.id) ?? 0 })),
    stages: [...labelled(newRules.escalation ?? [], oldRules.escalation ?? []), { id: "none", label: "No stage" }]
      .map((s) => ({ id: s.id, label: s.label, old: oldStages.get(s.id) ?? 0, new: newStages.get(s.id) ?? 0 })),
  };
}

/** The ruleset's band ids in order, then any others seen (an officer's category cannot add one, but be safe). */
function orderedIds(bands: { id: string }[], seen: string[]): string[] {
  const ids = bands.map((b) => b.id);
  return [...ids, ...[...new Set(seen)].filter((b) => !ids.includes(b))];
}

function compareRow(o: RowResult, n: RowResult, newRules: Ruleset, probes: { old: RuleProbe; new: RuleProbe }): SchoolChange | null {
  const oldIds = o.triggers.map((t) => t.id);
  const newIds = n.triggers.map((t) => t.id);
  const added = newIds.filter((id) => !oldIds.includes(id));
  const removed = oldIds.filter((id) => !newIds.includes(id));
  const oldStage = o.escalation?.stage ?? null;
  const newStage = n.escalation?.stage ?? null;
  const bandMoved = o.band !== n.band;
  const ruleBandMoved = !bandMoved && o.ruleBand !== n.ruleBand;
  if (!bandMoved && !ruleBandMoved && !added.length && !removed.length && oldStage === newStage) return null;

  const why: string[] = [];
  const reason = (prefix: string) => n.reasons.filter((r) => r.startsWith(prefix));
  // What no longer holds: the rule asked again of the new run's facts, beside the old run's.
  const lost = (kind: RuleTrace["kind"], id: string, label: string, what: string) => {
    const now = probes.new.trace(kind, id, n);
    if (!now) return `${label} is not in the new rules`;
    return `${what}: ${notMet(now, probes.old.trace(kind, id, o))}`;
  };
  if (bandMoved || ruleBandMoved) {
    why.push(...reason("Moderated by officer"), ...reason("Not categorised:"), ...reason(n.moderated || n.band !== n.ruleBand ? "Rules " : "Category "));
    const oldRank = newRules.bands.findIndex((b) => b.id === o.ruleBand);
    // Only a band above the new one was tried and failed; one below it was never reached.
    if (oldRank < 0 || oldRank < newRules.bands.findIndex((b) => b.id === n.ruleBand)) why.push(lost("band", o.ruleBand, `Band ${o.ruleBand}`, `No longer ${o.ruleBand}`));
  }
  for (const id of added) why.push(...n.reasons.filter((r) => r.startsWith(`Trigger ${n.triggers.find((t) => t.id === id)!.label}:`)));
  for (const id of removed) {
    const label = o.triggers.find((x) => x.id === id)!.label;
    why.push(lost("trigger", id, `Trigger ${label}`, `Trigger ${label} no longer fires`));
  }
  if (oldStage !== newStage) {
    if (newStage) why.push(...reason(`Escalation ${n.escalation!.label}:`));
    const stages = newRules.escalation ?? [];
    const oldRank = stages.findIndex((s) => s.id === oldStage);
    const newRank = newStage ? stages.findIndex((s) => s.id === newStage) : stages.length;
    if (oldStage && (oldRank < 0 || oldRank < newRank)) why.push(lost("stage", oldStage, `Stage ${o.escalation!.label}`, `Escalation ${o.escalation!.label} no longer applies`));
  }
  return {
    row: n.row,
    key: n.key,
    name: n.name,
    ...(bandMoved ? { band: { from: o.band, to: n.band } } : {}),
    ...(ruleBandMoved ? { ruleBand: { from: o.ruleBand, to: n.ruleBand } } : {}),
    triggersAdded: added,
    triggersRemoved: removed,
    ...(oldStage !== newStage ? { stage: { from: oldStage, to: newStage } } : {}),
    why: [...new Set(why)],
  };
}

/**
 * The conditions that kept a rule from holding (at most a few): those that held in the old run
 * when there are any (what changed), else every one that failed.
 */
function notMet(now: ConditionTrace[], old?: ConditionTrace[]): string {
  const holds = (c: ConditionTrace) => c.held !== !!c.negated;
  const heldBefore = new Set((old ?? []).filter(holds).map((c) => `${c.fact} ${c.operator}`));
  const failing = now.filter((c) => !holds(c));
  const changed = failing.filter((c) => heldBefore.has(`${c.fact} ${c.operator}`));
  if (changed.length) failing.splice(0, failing.length, ...changed);
  if (!failing.length) return "its conditions did not hold";
  const shown = failing.slice(0, MAX_CONDITIONS).map(describeCondition).join("; ");
  return failing.length > MAX_CONDITIONS ? `${shown}; and ${failing.length - MAX_CONDITIONS} more` : shown;
}
