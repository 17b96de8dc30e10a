// What the bench's three sides (the engine, the hand-written ruleset, json-rules-engine) are
// compared on, row by row: the same work, so timing them side by side means something.
import type { RowResult, RunResult } from "../engine";

/**
 * The engine's result in the other sides' terms. Besides the category, triggers, stage, due dates
 * and Reasons, each side works out what the engine writes for a school: the cells behind each fired
 * trigger (for fills) and the watch flags of the triggers with margins (near misses).
 */
export function engineSays(r: RowResult) {
  return {
    triggers: r.triggers.map((t) => t.id),
    band: r.band,
    ruleBand: r.ruleBand,
    stage: r.escalation?.stage ?? null,
    due: r.due,
    dueFrom: r.escalation?.dueFrom ?? null,
    reasons: r.reasons,
    cells: r.triggerCells.map(({ trigger, columns }) => ({ trigger, columns })),
    watch: (r.watch ?? []).map(({ id, reason, columns }) => ({ id, reason, columns })),
  };
}

/**
 * What json-rules-engine's side is compared on: the same, less the final category (its moderation
 * is the hand-written reader's) and with only the reason lines its rules make.
 */
export function jreSays(r: RowResult) {
  const { band: _band, ...says } = engineSays(r);
  return { ...says, reasons: r.reasons.filter((l) => /^(Category|Rules|Trigger|Escalation) /.test(l)) };
}

/** The keys of `like`, in its order, taken from another side's result. */
export const sameKeys = (like: object, x: object) => Object.fromEntries(Object.keys(like).map((k) => [k, (x as Record<string, unknown>)[k]]));

/** Rows on which the other side differs from the engine (or lacks); the first three are told to `say`. */
export function differences<T extends { row: number }>(
  name: string,
  engine: RunResult,
  other: T[],
  says: (r: RowResult) => unknown,
  otherSays: (x: T) => unknown,
  say: (text: string) => void,
): number {
  const byRow = new Map(other.map((x) => [x.row, x]));
  let n = Math.abs(byRow.size - engine.rows.length);
  for (const r of engine.rows) {
    const x = byRow.get(r.row);
    const a = JSON.stringify(says(r));
    const b = x === undefined ? "(no row)" : JSON.stringify(otherSays(x));
    if (a !== b && n++ < 3) say(`${name} differs on row ${r.row}:\n  engine: ${a}\n  ${name}: ${b}`);
  }
  return n;
}
