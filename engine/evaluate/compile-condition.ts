// Compiles json-rules-engine conditions into synchronous functions over a row's facts.
// Operators come from the json-rules-engine operator map (see operators.ts), so a compiled
// condition decides exactly as json-rules-engine does; the bench and tests check that it does.
import type { Condition, Leaf } from "../ruleset/schema";
import type { ConditionTrace, FactValue } from "../results";
import type { OperatorLookup } from "./operators";
import { isFactRef, isLeaf } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";
import { isMissing, VALUELESS_OPERATORS } from "./operators";

export type Facts = Record<string, FactValue | string[]>;
/**
 * Evaluates a condition; pushes a trace for every leaf onto `trace` when given. When `hopeful`,
 * a leaf whose fact is missing counts as going the rule's way: "could this have held with the data?"
 * A function in its place names the facts that may be hoped for; other missing facts fail as usual.
 */
export type Hope = boolean | ((fact: string) => boolean);
export type Compiled = (facts: Facts, trace?: ConditionTrace[], hopeful?: Hope) => boolean;

export interface CompileContext {
  operators: OperatorLookup;
  shared: Record<string, Condition>;
  label: (fact: string) => string;
  /** Shared conditions already compiled (by name, and whether under a 'not'): each is compiled once. */
  compiledShared?: Map<string, Compiled>;
}

/**
 * `within` lists the shared conditions being compiled around c. Parsing refuses loops and unknown
 * names; a ruleset built in code that has one gets an error saying so, not a stack overflow.
 */
export function compileCondition(c: Condition, ctx: CompileContext, negated = false, within: readonly string[] = []): Compiled {
  if (isLeaf(c)) return compileLeaf(c, ctx, negated);
  if ("condition" in c) return compileShared(c.condition, ctx, negated, within);
  if ("not" in c) {
    const inner = compileCondition(c.not, ctx, !negated, within);
    return (f, t, h) => !inner(f, t, h);
  }
  // When tracing, every child is evaluated (no short cut) so the explanation shows every
  // condition's value; otherwise the first child that settles the outcome ends the test.
  const parts = ("all" in c ? c.all : c.any).map((x) => compileCondition(x, ctx, negated, within));
  if ("all" in c) {
    return (f, t, h) => {
      let ok = true;
      for (const p of parts) {
        ok = p(f, t, h) && ok;
        if (!ok && !t) return false;
      }
      return ok;
    };
  }
  return (f, t, h) => {
    let ok = false;
    for (const p of parts) {
      ok = p(f, t, h) || ok;
      if (ok && !t) return true;
    }
    return ok;
  };
}

function compileShared(name: string, ctx: CompileContext, negated: boolean, within: readonly string[]): Compiled {
  const target = own(ctx.shared, name);
  if (target === undefined) throw new Error(`unknown shared condition '${name}'`);
  if (within.includes(name)) throw new Error(`shared conditions refer to each other in a loop: ${[...within.slice(within.indexOf(name)), name].join(" → ")}`);
  const key = `${negated ? "not:" : ""}${name}`;
  let compiled = ctx.compiledShared?.get(key);
  if (!compiled) {
    compiled = compileCondition(target, ctx, negated, [...within, name]);
    ctx.compiledShared?.set(key, compiled);
  }
  return compiled;
}

function compileLeaf(leaf: Leaf, ctx: CompileContext, negated: boolean): Compiled {
  const op = ctx.operators.get(leaf.operator);
  if (!op) throw new Error(`unknown operator '${leaf.operator}'`);
  const { fact, operator, value } = leaf;
  const ref = isFactRef(value) ? value.fact : undefined;
  const looksAtMissing = VALUELESS_OPERATORS.has(operator.split(":").pop()!);
  const isMissingHere = (actual: unknown, expected: unknown) => !looksAtMissing && (isMissing(actual) || (ref !== undefined && isMissing(expected)));
  const traced = leafTracer(leaf, ctx, negated);
  return (facts, trace, hopeful) => {
    const actual = facts[fact] ?? null;
    const expected = ref !== undefined ? facts[ref] ?? null : value;
    if (hopeful) {
      const hoped = isMissingHere(actual, expected) && (hopeful === true || hopeful(fact) || (ref !== undefined && hopeful(ref)));
      return hoped ? !negated : op.evaluate(actual, expected);
    }
    if (!trace) return op.evaluate(actual, expected);
    const c = traced(actual, expected);
    trace.push(c);
    return c.held;
  };
}

/**
 * A leaf's trace for the values it looked at (`expected`: the other fact's value, or the leaf's own
 * value). The trace depends only on those values, so rows with the same values share one
 * (read-only) trace object rather than each keeping its own copy: by the fact's value, and for a
 * comparison with another fact, by that fact's value too.
 */
export function leafTracer(leaf: Leaf, ctx: CompileContext, negated: boolean): (actual: Facts[string], expected: unknown) => ConditionTrace {
  const op = ctx.operators.get(leaf.operator);
  if (!op) throw new Error(`unknown operator '${leaf.operator}'`);
  const { fact, operator, value } = leaf;
  const label = ctx.label(fact);
  const ref = isFactRef(value) ? value.fact : undefined;
  const refLabel = ref !== undefined ? ctx.label(ref) : undefined;
  const looksAtMissing = VALUELESS_OPERATORS.has(operator.split(":").pop()!);
  const shared = new Map<FactValue | readonly string[], ConditionTrace>();
  const sharedByRef = new Map<FactValue | readonly string[], Map<FactValue, ConditionTrace>>();
  return (actual, expected) => {
    const shareable = isShareable(actual) && (ref === undefined || isShareable(expected));
    const byRef = shareable && ref !== undefined ? sharedByRef.get(actual) ?? sharedByRef.set(actual, new Map()).get(actual)! : undefined;
    let c = !shareable ? undefined : byRef ? byRef.get(expected as FactValue) : shared.get(actual);
    if (!c) {
      c = {
        fact,
        label,
        operator,
        expected: ref !== undefined ? { fact: ref, label: refLabel!, value: expected } : expected,
        actual: actual as FactValue,
        held: op.evaluate(actual, expected),
        missing: !looksAtMissing && (isMissing(actual) || (ref !== undefined && isMissing(expected))),
      };
      if (negated) c.negated = true;
      if (shared.size >= SHARED_LIMIT || sharedByRef.size >= SHARED_LIMIT) {
        shared.clear(); // a column of ever new values (a whole sheet of budgets) starts afresh
        sharedByRef.clear();
      }
      if (byRef) byRef.set(expected as FactValue, c);
      else if (shareable) shared.set(actual, c);
    }
    return c;
  };
}

/** Distinct values one leaf remembers a trace for. */
const SHARED_LIMIT = 10_000;

/**
 * Values a shared trace can be looked up by: not -0 (a Map would take it for 0), and no lists but
 * frozen ones (the run's fired-trigger lists are frozen and one per distinct list).
 */
function isShareable(v: unknown): v is FactValue | readonly string[] {
  return typeof v !== "object" || v === null ? !Object.is(v, -0) : Array.isArray(v) && Object.isFrozen(v);
}
