// Watch flags with plain json-rules-engine: one more Engine holds a loosened copy of each trigger
// with margins (each margined comparison given an operator of its own, registered on that Engine,
// that also holds within the margin; tightened instead inside an odd number of 'not's), all at one
// priority. A school is flagged for a trigger when the copy holds and the trigger did not fire; the
// reason says, for each margined comparison of two numbers that holds only loosened, how near the
// threshold the school is, from the values json-rules-engine evaluated (every leaf is evaluated:
// all share one priority), and the sheet columns behind those comparisons (fact and threshold fact).
import { Operator, type Engine, type RuleResult } from "json-rules-engine";
import type { Condition, Ruleset } from "../engine/ruleset/schema";
import { engineFor, engineOperators } from "../engine/evaluate/json-rules-engine-reference";
import { isFactRef, isLeaf } from "../engine/ruleset/conditions";
import { MARGIN_OPERATORS, hasMargin, marginOf, unitOf, type MarginUnit } from "../engine/ruleset/margins";
import { nearText } from "../engine/evaluate/watch-reason";
import type { ColumnsBehind } from "./json-rules-engine-columns";

/** Room for the rounding of numbers read from cells, as the engine allows it. */
const SLACK = 1e-9;

/** The comparisons a margin may go on, for two numbers. */
const STRICT: Record<string, (a: number, b: number) => boolean> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

/** A margined comparison, by the name of its loosened operator. */
interface Near {
  holds: (a: number, b: number) => boolean;
  fact: string;
  ref?: string;
  label: string;
  unit: MarginUnit;
  of: string;
}

/** An evaluated condition as json-rules-engine leaves it in a rule result. */
export interface Evaluated {
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
  all?: Evaluated[];
  any?: Evaluated[];
  not?: Evaluated;
}

export interface WatchFlag {
  id: string;
  reason: string;
  columns: number[];
}

export interface WatchEngine {
  /** The Engine holding the loosened copies; undefined when no trigger has a margin. */
  engine: Engine | undefined;
  /** The school's flags from the copies that held (`results` of the run), given the triggers that fired. */
  flags(results: RuleResult[], fired: ReadonlyMap<string, unknown>, columns: ColumnsBehind): WatchFlag[];
}

/** No flags (read-only, shared by rows). */
const NO_FLAGS: WatchFlag[] = Object.freeze([]) as unknown as WatchFlag[];

export function watchEngine(ruleset: Ruleset, label: (fact: string) => string): WatchEngine {
  const near = new Map<string, Near>();
  const loosened = new Map<string, { side: "below" | "above"; within: number; negated: boolean; rule: string }>();
  const loosen = (c: Condition, negated: boolean): Condition => {
    if (isLeaf(c)) {
      const { margin: _margin, ...leaf } = c;
      const margin = marginOf(c);
      const side = Object.hasOwn(MARGIN_OPERATORS, c.operator) ? MARGIN_OPERATORS[c.operator] : undefined;
      if (!margin || !side) return leaf;
      const name = `near${near.size}`;
      const ref = isFactRef(c.value) ? c.value.fact : undefined;
      near.set(name, { holds: STRICT[c.operator], fact: c.fact, ref, label: label(c.fact), unit: unitOf(ruleset, c.fact), of: margin.of ?? (ref !== undefined ? label(ref) : "the threshold") });
      loosened.set(name, { side, within: margin.within, negated, rule: c.operator });
      return { ...leaf, operator: name };
    }
    if ("condition" in c) return c;
    if ("not" in c) return { not: loosen(c.not, !negated) };
    if ("all" in c) return { all: c.all.map((x) => loosen(x, negated)) };
    return { any: c.any.map((x) => loosen(x, negated)) };
  };
  const watched = ruleset.triggers.filter((t) => hasMargin(t.conditions));
  if (!watched.length) return { engine: undefined, flags: () => NO_FLAGS };
  const engine = engineFor(ruleset, watched.map((t) => ({ id: t.id, conditions: loosen(t.conditions, false) })), { ranked: false });
  const operators = engineOperators(engine);
  for (const [name, { side, within, negated, rule }] of loosened) {
    const original = operators.get(rule)!;
    engine.addOperator(
      new Operator(name, (a: unknown, b: unknown) => {
        // Numbers only; anything else is compared as the trigger compares it.
        if (typeof a !== "number" || typeof b !== "number") return original.evaluate(a, b);
        const slack = SLACK * Math.max(1, Math.abs(b));
        const past = side === "below" ? a - b : b - a;
        return negated ? past < -within - slack : past <= within + slack;
      }),
    );
  }

  const flag = (r: RuleResult, columns: ColumnsBehind): WatchFlag => {
    const said: string[] = [];
    const facts: string[] = [];
    const walk = (x: Evaluated) => {
      if (x.all) x.all.forEach(walk);
      else if (x.any) x.any.forEach(walk);
      else if (x.not) walk(x.not);
      else {
        const n = x.operator === undefined ? undefined : near.get(x.operator);
        const a = x.factResult;
        const b = x.valueResult;
        if (!n || typeof a !== "number" || typeof b !== "number" || n.holds(a, b) === x.result) return;
        said.push(nearText(n.label, a, b, n.unit, n.of));
        facts.push(n.fact);
        if (n.ref !== undefined) facts.push(n.ref);
      }
    };
    walk(r.conditions as unknown as Evaluated);
    return { id: r.name as string, reason: said.join("; "), columns: columns.of(facts) };
  };

  // Copies held at one priority are listed as each finished: flags go in ruleset order.
  const order = new Map(watched.map((t, i) => [t.id, i]));
  const rank = (a: RuleResult, b: RuleResult) => order.get(a.name as string)! - order.get(b.name as string)!;
  return {
    engine,
    flags(results, fired, columns) {
      let out: WatchFlag[] | undefined;
      for (const r of results.length > 1 ? results.slice().sort(rank) : results) if (!fired.has(r.name as string)) (out ??= []).push(flag(r, columns));
      return out ?? NO_FLAGS;
    },
  };
}
