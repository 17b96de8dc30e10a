// A rule's reason straight from a school's facts, without tracing it: the conditions that made it
// come out as it did, in words ("Ofsted grade is 3 (actual 3)"), and which of its leaves those are
// (for the cells a trigger colours). It says exactly what explain.ts says from the rule's trace:
// every leaf is looked at in the order tracing looks at them, and a leaf supports the outcome when
// it held, or inside a 'not' when it did not. Reasons are written for every school, traces only
// when an explanation is read (categorise.ts), so this is the part every row pays for.
import type { Condition, Leaf } from "../ruleset/schema";
import type { Facts, CompileContext } from "./compile-condition";
import type { RunnableOperator } from "./operators";
import { isFactRef, isLeaf } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";
import { conditionOpening, conditionWords, formatValue } from "./explain";
import { COMPARISONS } from "./generate-deciders";

/** One leaf as the words need it. */
interface WordedLeaf {
  fact: string;
  /** The fact it is compared with, or undefined for a written value. */
  ref?: string;
  value: unknown;
  /** Its operator, which decides whether the leaf holds for these values. */
  operator: RunnableOperator;
  /** Its operator's name ("lessThan", "not:in"...). */
  name: string;
  negated: boolean;
  /** Its words by the school's value (and the other fact's, for a comparison of two facts), made once per distinct values. */
  said: Map<unknown, string | Map<unknown, string>>;
  /** Whether it keeps its words (values found again often enough), how many it made and found again. */
  keeping: boolean;
  made: number;
  found: number;
  /** "Ofsted grade is at least 3" (a written value), or the words before the other fact's value. */
  rule: string;
  refLabel?: string;
}

export interface RuleWords {
  /** The facts of the leaves, by leaf number (the bits of `words`' answer). */
  facts: string[];
  /**
   * Puts the words of the supporting leaves into `parts` (its length set to how many) and answers
   * which leaves they are, as bits.
   */
  words(facts: Facts, parts: string[]): number;
}

/** Leaves a rule may have for its supporting leaves to fit the bits of a number. */
const MOST_LEAVES = 30;
/** Distinct values a leaf keeps its words for (a column of ever new values starts afresh past it). */
const SAID_LIMIT = 5_000;

/** The rule's words; undefined for a rule with more leaves than fit (its reason then comes from its trace). */
export function ruleWords(c: Condition, ctx: CompileContext): RuleWords | undefined {
  const leaves: WordedLeaf[] = [];
  if (!collect(c, ctx, false, [], leaves) || leaves.length > MOST_LEAVES) return undefined;
  const looped: RuleWords["words"] = (facts, parts) => {
    let n = 0;
    let bits = 0;
    for (let i = 0; i < leaves.length; i++) {
      const l = leaves[i];
      const a = facts[l.fact] ?? null;
      const b = l.ref !== undefined ? facts[l.ref] ?? null : l.value;
      if (l.operator.evaluate(a, b) === l.negated) continue;
      parts[n++] = l.ref === undefined ? wordsOf(l, a) : refWordsOf(l, a, b);
      bits |= 1 << i;
    }
    parts.length = n;
    return bits;
  };
  return { facts: leaves.map((l) => l.fact), words: generated(leaves) ?? looped };
}

/**
 * The same loop written out as JavaScript, each leaf its own lines with its fact named (a fact
 * looked up by a name that changes from leaf to leaf is a slow, shared lookup). Undefined where
 * new Function is not allowed; the loop does the same.
 */
function generated(leaves: WordedLeaf[]): RuleWords["words"] | undefined {
  const name = (fact: string) => JSON.stringify(fact);
  const literal = (v: unknown, i: number) =>
    (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)) || typeof v === "boolean" ? String(v) : typeof v === "string" ? JSON.stringify(v) : `v[${i}]`;
  const body = leaves.map((l, i) => {
    const b = l.ref !== undefined ? `f[${name(l.ref)}] ?? null` : literal(l.value, i);
    const compare = inline(l.name, `h[${i}].evaluate(a, b)`);
    const words = l.ref === undefined ? `w(L[${i}], a)` : `r(L[${i}], a, b)`;
    return `a = f[${name(l.fact)}] ?? null; b = ${b}; if (${compare} !== ${l.negated}) { p[n++] = ${words}; m |= ${1 << i}; }`;
  });
  try {
    const source = `"use strict"; return function words(f, p) { let a, b, n = 0, m = 0;\n${body.join("\n")}\nif (p.length !== n) p.length = n; return m; };`;
    return new Function("v", "h", "w", "r", "L", source)(
      leaves.map((l) => l.value),
      leaves.map((l) => l.operator),
      wordsOf,
      refWordsOf,
      leaves,
    );
  } catch {
    return undefined;
  }
}

/**
 * A leaf's words for the school's value, as describeCondition says them; rows with the same value
 * share them. A leaf whose values seldom repeat (budgets, to the pound) stops keeping them: kept
 * words cost memory for every school, and are of use only when found again. A Map takes -0 for 0,
 * which is said the same.
 */
function wordsOf(l: WordedLeaf, a: Facts[string]): string {
  const said = l.said as Map<unknown, string>;
  let text = said.get(a);
  if (text !== undefined) {
    l.found++;
    return text;
  }
  text = conditionWords(l.rule, a, l.negated);
  if (keeps(l, said) && keepable(a)) said.set(a, text);
  return text;
}

/** The same for a comparison with another fact: by the other fact's value (a threshold: few), then the school's. */
function refWordsOf(l: WordedLeaf, a: Facts[string], b: unknown): string {
  let byValue = l.said.get(b) as Map<unknown, string> | undefined;
  let text = byValue?.get(a);
  if (text !== undefined) {
    l.found++;
    return text;
  }
  text = conditionWords(`${l.rule} ${l.refLabel} (${formatValue(b)})`, a, l.negated);
  if (keeps(l, byValue ?? l.said) && keepable(a) && keepable(b)) {
    if (!byValue) l.said.set(b, (byValue = new Map()));
    byValue.set(a, text);
  }
  return text;
}

/** A value words are kept by: no list but the run's frozen fired-trigger lists (any other is new each time). */
const keepable = (v: unknown) => typeof v !== "object" || v === null || Object.isFrozen(v);

/** Whether the leaf goes on keeping words: not once it holds SAID_LIMIT, nor when fewer than one in four were found again. */
function keeps(l: WordedLeaf, map: Map<unknown, unknown>): boolean {
  if (!l.keeping) return false;
  l.made++;
  if (map.size >= SAID_LIMIT || (l.made >= 1_000 && l.found < l.made / 4)) {
    l.keeping = false;
    l.said.clear();
    return false;
  }
  return true;
}

const PRESENT = (v: string) => `${v} !== null && ${v} !== undefined`;

/**
 * A leaf's test as source, for the values in a and b: the common operators written out where the
 * values are of the kind they compare (as json-rules-engine decides them: a missing value never
 * holds), anything else by the operator itself (`call`).
 */
function inline(name: string, call: string): string {
  // Two numbers: json-rules-engine's check that the fact is a number passes for every number.
  if (Object.hasOwn(COMPARISONS, name)) return `(typeof a === "number" && typeof b === "number" ? a ${COMPARISONS[name]} b : ${call})`;
  switch (name) {
    case "equal":
      return `(${PRESENT("a")} && ${PRESENT("b")} ? a === b : ${call})`;
    case "notEqual":
      return `(${PRESENT("a")} && ${PRESENT("b")} ? a !== b : ${call})`;
    case "in":
      return `(${PRESENT("a")} && Array.isArray(b) ? b.indexOf(a) > -1 : ${call})`;
    case "contains":
      return `(Array.isArray(a) && ${PRESENT("b")} ? a.indexOf(b) > -1 : ${call})`;
    default:
      return call;
  }
}

/** The leaves in the order tracing looks at them (shared conditions followed); false when one cannot be followed. */
function collect(c: Condition, ctx: CompileContext, negated: boolean, within: readonly string[], out: WordedLeaf[]): boolean {
  if (out.length > MOST_LEAVES) return false;
  if (isLeaf(c)) return leaf(c, ctx, negated, out);
  if ("condition" in c) {
    const target = own(ctx.shared, c.condition);
    return target !== undefined && !within.includes(c.condition) && collect(target, ctx, negated, [...within, c.condition], out);
  }
  if ("not" in c) return collect(c.not, ctx, !negated, within, out);
  for (const x of "all" in c ? c.all : c.any) if (!collect(x, ctx, negated, within, out)) return false;
  return true;
}

function leaf(c: Leaf, ctx: CompileContext, negated: boolean, out: WordedLeaf[]): boolean {
  const operator = ctx.operators.get(c.operator);
  if (!operator) return false;
  const ref = isFactRef(c.value) ? c.value.fact : undefined;
  const opening = conditionOpening(ctx.label(c.fact), c.operator);
  const rule = ref !== undefined || c.value === undefined ? opening : `${opening} ${formatValue(c.value)}`;
  out.push({ fact: c.fact, ref, value: c.value, operator, name: c.operator, negated, said: new Map(), keeping: true, made: 0, found: 0, rule, refLabel: ref === undefined ? undefined : ctx.label(ref) });
  return true;
}

