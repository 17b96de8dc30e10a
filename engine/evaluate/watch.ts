// Watch flags (near misses). A trigger with margins (ruleset/margins.ts) gets a loosened copy of its
// conditions, in which each margined comparison also holds up to its margin on the safe side of its
// threshold (inside a 'not', it holds up to its margin less, so the trigger is loosened all the
// same). The copies are compiled as the rules are (generated JavaScript where allowed, else
// compile-condition.ts's functions), each margined comparison as an operator of its own. A school
// the trigger does not fire for, but its loosened copy does, is inside the margin: it gets a watch
// flag, which changes no band or stage. A ruleset without margins compiles nothing here, and its
// rows pay nothing.
import type { Condition, Ruleset } from "../ruleset/schema";
import type { RowResult, WatchHit } from "../results";
import { compileCondition, type CompileContext, type Facts } from "./compile-condition";
import { generateGroups } from "./generate-deciders";
import type { OperatorLookup, RunnableOperator } from "./operators";
import { isFactRef, isLeaf } from "../ruleset/conditions";
import { hasMargin, marginOf, MARGIN_OPERATORS, unitOf, WATCH, type MarginUnit } from "../ruleset/margins";
import { nearText } from "./watch-reason";

/** One margined comparison of a trigger, as its watch reason needs it. */
interface MarginedLeaf {
  fact: string;
  /** The fact it is compared with, or undefined for a written threshold. */
  ref?: string;
  value: unknown;
  rule: RunnableOperator;
  loosened: RunnableOperator;
  label: string;
  unit: MarginUnit;
  /** The threshold's name: the margin's `of`, the fact compared with, or "the threshold". */
  of: string;
}

interface WatchedTrigger {
  id: string;
  label: string;
  leaves: MarginedLeaf[];
  /** Its flags so far, by the values its margined comparisons looked at: rows with the same values share one. */
  made: ValueRoot;
}

/** One level per value looked at (each leaf's fact, then what it is compared with). */
interface ValueNode {
  next: Map<unknown, ValueNode>;
  hit?: WatchHit;
  /** [hit], for the rows whose only flag it is (read-only, shared). */
  alone?: WatchHit[];
}
interface ValueRoot extends ValueNode {
  size: number;
}
/** Flags kept per trigger and run: past it, rows with ever new values get a flag each. */
const KEPT = 4096;

export interface Watcher {
  triggers: WatchedTrigger[];
  /** Sets held[i] to 1 when the loosened copy of triggers[i] holds, else 0 (one call a row). */
  all: (facts: Facts, held: Uint8Array) => void;
  /** Scratch for `all`. */
  held: Uint8Array;
  /** Field ids each fact rests on (for the columns behind a flag). */
  sources: Map<string, string[]>;
}

/** Room for the rounding of numbers read from cells (0.1 written as 0.1000000000000000055...). */
const SLACK = 1e-9;

/** The operator of a margined comparison, loosened by `within` (tightened inside an odd number of 'not's). */
function loosenedOperator(rule: RunnableOperator, side: "below" | "above", within: number, negated: boolean): RunnableOperator {
  return {
    name: `${rule.name} within ${within}`,
    evaluate(a, b) {
      // Numbers only: anything else is compared as the rule compares it (missing facts never hold).
      if (typeof a !== "number" || typeof b !== "number") return rule.evaluate(a, b);
      const slack = SLACK * Math.max(1, Math.abs(b));
      // How far the value is from the threshold on the side where the comparison fails.
      const past = side === "below" ? a - b : b - a;
      return negated ? past < -within - slack : past <= within + slack;
    },
  };
}

/** The triggers with margins, each with its loosened copy compiled; undefined when none has one. */
export function compileWatch(ruleset: Ruleset, ctx: CompileContext, sources: Map<string, string[]>): Watcher | undefined {
  const watched = ruleset.triggers.filter((t) => hasMargin(t.conditions));
  if (!watched.length) return undefined;
  const own = new Map<string, RunnableOperator>();
  const leaves: MarginedLeaf[][] = watched.map(() => []);
  const loosen = (c: Condition, negated: boolean, into: MarginedLeaf[]): Condition => {
    if (isLeaf(c)) {
      const margin = marginOf(c);
      const rule = ctx.operators.get(c.operator);
      const side = Object.hasOwn(MARGIN_OPERATORS, c.operator) ? MARGIN_OPERATORS[c.operator] : undefined;
      if (!margin || !rule || !side) return c;
      const loosened = loosenedOperator(rule, side, margin.within, negated);
      const name = `\u0000watch ${own.size}`;
      own.set(name, loosened);
      const ref = isFactRef(c.value) ? c.value.fact : undefined;
      const of = margin.of ?? (ref !== undefined ? ctx.label(ref) : "the threshold");
      into.push({ fact: c.fact, ref, value: c.value, rule, loosened, label: ctx.label(c.fact), unit: unitOf(ruleset, c.fact), of });
      return { fact: c.fact, operator: name, value: c.value };
    }
    if ("condition" in c) return c;
    if ("not" in c) return { not: loosen(c.not, !negated, into) };
    if ("all" in c) return { all: c.all.map((x) => loosen(x, negated, into)) };
    return { any: c.any.map((x) => loosen(x, negated, into)) };
  };
  const copies = watched.map((t, i) => loosen(t.conditions, false, leaves[i]));
  const operators: OperatorLookup = { get: (name) => own.get(name) ?? ctx.operators.get(name) };
  const watchCtx: CompileContext = { ...ctx, operators, compiledShared: new Map() };
  const generated = generateGroups([copies], watchCtx)?.[0];
  const compiled = generated ? [] : copies.map((c) => compileCondition(c, watchCtx));
  return {
    sources,
    triggers: watched.map((t, i) => ({ id: t.id, label: t.label, leaves: leaves[i], made: { next: new Map(), size: 0 } })),
    all: generated ? generated.all : (f, held) => compiled.forEach((test, i) => (held[i] = test(f) ? 1 : 0)),
    held: new Uint8Array(watched.length),
  };
}

/**
 * Sets `row.watch` to the row's near misses, if it has any. `index`: field id -> 0-based table column
 * (one per run, as the watcher is: flags with their columns are shared by rows, read-only).
 */
export function watchRow(w: Watcher, row: RowResult, index: ReadonlyMap<string, number>, firstColumn: number): void {
  const facts = row.facts as Facts;
  const { held, triggers } = w;
  w.all(facts, held);
  let hits: WatchHit[] | undefined;
  let only: ValueNode | undefined;
  for (let i = 0; i < triggers.length; i++) {
    // A loosened copy holds wherever its trigger does: a flag where it holds and the trigger did not fire.
    if (!held[i]) continue;
    const t = triggers[i];
    if (firedHas(row, t.id)) continue;
    let node: ValueNode | undefined = t.made;
    for (const leaf of t.leaves) {
      node = node && step(t.made, step(t.made, node, facts[leaf.fact] ?? null), leaf.ref !== undefined ? facts[leaf.ref] ?? null : leaf.value);
    }
    const hit = node?.hit ?? flag(w, t, facts, index, firstColumn);
    if (node) node.hit = hit;
    if (!hits) only = node;
    (hits ??= []).push(hit);
  }
  if (!hits) return;
  // Most watched schools have one flag: rows with the same one share its list.
  if (hits.length === 1 && only) row.watch = only.alone ??= hits;
  else row.watch = hits;
}

/** Whether the trigger fired for the row (a short list: no closure made per call). */
function firedHas(row: RowResult, id: string): boolean {
  for (const t of row.triggers) if (t.id === id) return true;
  return false;
}

/** The node under `node` for value v, made when new (while the trigger keeps fewer than KEPT). */
function step(root: ValueRoot, node: ValueNode | undefined, v: unknown): ValueNode | undefined {
  if (!node) return undefined;
  let next = node.next.get(v);
  if (!next) {
    if (root.size >= KEPT) return undefined;
    node.next.set(v, (next = { next: new Map() }));
    root.size++;
  }
  return next;
}

/** A trigger's watch flag for these facts: each comparison inside its margin, and the columns behind them. */
function flag(w: Watcher, t: WatchedTrigger, facts: Facts, index: ReadonlyMap<string, number>, firstColumn: number): WatchHit {
  const near: string[] = [];
  const columns = new Set<number>();
  for (const leaf of t.leaves) {
    const a = facts[leaf.fact] ?? null;
    const b = leaf.ref !== undefined ? facts[leaf.ref] ?? null : leaf.value;
    if (typeof a !== "number" || typeof b !== "number" || leaf.rule.evaluate(a, b) === leaf.loosened.evaluate(a, b)) continue;
    near.push(nearText(leaf.label, a, b, leaf.unit, leaf.of));
    for (const fact of leaf.ref !== undefined ? [leaf.fact, leaf.ref] : [leaf.fact]) {
      for (const field of w.sources.get(fact) ?? []) {
        const c = index.get(field);
        if (c !== undefined) columns.add(firstColumn + c);
      }
    }
  }
  return { id: t.id, label: t.label, severity: WATCH, reason: near.join("; "), columns: [...columns].sort((x, y) => x - y) };
}
