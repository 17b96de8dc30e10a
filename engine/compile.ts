// Compiles json-rules-engine conditions into synchronous functions over a row's facts.
// Operators come from the json-rules-engine operator map (see operators.ts), so a compiled
// condition decides exactly as json-rules-engine does; the bench and tests check that it does.
import type { Condition, Leaf } from "./ruleset/schema";
import type { ConditionTrace, FactValue } from "./results";
import type { OperatorLookup } from "./operators";
import { isFactRef, isLeaf } from "./ruleset/conditions";
import { isMissing, VALUELESS_OPERATORS } from "./operators";

export type Facts = Record<string, FactValue | string[]>;
/**
 * Evaluates a condition; pushes a trace for every leaf onto `trace` when given. When `hopeful`,
 * a leaf whose fact is missing counts as going the rule's way: "could this have held with the data?"
 */
export type Compiled = (facts: Facts, trace?: ConditionTrace[], hopeful?: boolean) => boolean;

export interface CompileContext {
  operators: OperatorLookup;
  shared: Record<string, Condition>;
  label: (fact: string) => string;
}

export function compileCondition(c: Condition, ctx: CompileContext, negated = false): Compiled {
  if (isLeaf(c)) return compileLeaf(c, ctx, negated);
  if ("condition" in c) return compileCondition(ctx.shared[c.condition], ctx, negated);
  if ("not" in c) {
    const inner = compileCondition(c.not, ctx, !negated);
    return (f, t, h) => !inner(f, t, h);
  }
  // Every child is evaluated (no short cut) so the explanation shows every condition's value.
  const parts = ("all" in c ? c.all : c.any).map((x) => compileCondition(x, ctx, negated));
  if ("all" in c) {
    return (f, t, h) => {
      let ok = true;
      for (const p of parts) ok = p(f, t, h) && ok;
      return ok;
    };
  }
  return (f, t, h) => {
    let ok = false;
    for (const p of parts) ok = p(f, t, h) || ok;
    return ok;
  };
}

function compileLeaf(leaf: Leaf, ctx: CompileContext, negated: boolean): Compiled {
  const op = ctx.operators.get(leaf.operator);
  if (!op) throw new Error(`unknown operator '${leaf.operator}'`);
  const label = ctx.label(leaf.fact);
  const ref = isFactRef(leaf.value) ? leaf.value.fact : undefined;
  const value = leaf.value;
  const looksAtMissing = VALUELESS_OPERATORS.has(leaf.operator.split(":").pop()!);
  return (facts, trace, hopeful) => {
    const actual = facts[leaf.fact] ?? null;
    const expected = ref !== undefined ? facts[ref] ?? null : value;
    const missing = !looksAtMissing && (isMissing(actual) || (ref !== undefined && isMissing(expected)));
    if (hopeful) return missing ? !negated : op.evaluate(actual, expected);
    const held = op.evaluate(actual, expected);
    if (trace) {
      trace.push({
        fact: leaf.fact,
        label,
        operator: leaf.operator,
        expected: ref !== undefined ? { fact: ref, label: ctx.label(ref), value: expected } : expected,
        actual: actual as FactValue,
        held,
        missing,
        ...(negated ? { negated: true } : {}),
      });
    }
    return held;
  };
}
