// Rule conditions turned into JavaScript source, once per run: one plain boolean expression per rule
// for deciding whether it holds, facts read by name, the common operators written out inline and
// the rest called as operators.ts runs them; and one per rule for tracing it, each leaf's trace made
// by compile-condition.ts. The "could it have held" test stays on compile-condition.ts's
// functions. Each leaf is its own line of code, so V8 sees one fact and one kind of value at each
// (one shared function for every leaf sees them all). Where new Function is not
// allowed (a Content-Security-Policy without 'unsafe-eval') or a ruleset cannot be written out,
// generateGroups gives null and the run decides and traces with those functions instead.
import type { Condition, Leaf } from "../ruleset/schema";
import type { ConditionTrace } from "../results";
import { leafTracer, type CompileContext, type Facts } from "./compile-condition";
import type { OperatorLookup } from "./operators";
import { isFactRef, isLeaf } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";
import { isMissing } from "./operators";

export type Decide = (facts: Facts) => boolean;

/** json-rules-engine's number check (operators.ts), for the inline comparisons given text. */
const isNumeric = (a: unknown) => Number.parseFloat(a as string).toString() !== "NaN";

/** The comparisons written out inline, by operator name. */
export const COMPARISONS: Record<string, string> = { lessThan: "<", lessThanInclusive: "<=", greaterThan: ">", greaterThanInclusive: ">=" };

/** Writes conditions as source; values and operators it does not write out are passed in arrays. */
class Writer {
  readonly values: unknown[] = [];
  readonly operators: ((a: unknown, b: unknown) => boolean)[] = [];
  readonly tracers: ((actual: Facts[string], expected: unknown) => ConditionTrace)[] = [];
  readonly sharedSource: string[] = [];
  private readonly sharedIndex = new Map<string, number>();
  private readonly tracedIndex = new Map<string, number>();

  constructor(
    private readonly lookup: OperatorLookup,
    private readonly shared: Record<string, Condition>,
    private readonly ctx: CompileContext,
  ) {}

  /**
   * The same condition, tracing: every leaf is looked at (no short cut, `&` and `|` rather than
   * `&&` and `||`) and its trace, made by compile-condition.ts's leafTracer, pushed onto `t`.
   */
  traced(c: Condition, within: readonly string[], negated: boolean): string {
    if (isLeaf(c)) {
      this.tracers.push(leafTracer(c, this.ctx, negated));
      const ref = isFactRef(c.value) ? c.value.fact : undefined;
      const expected = ref !== undefined ? `(f[${JSON.stringify(ref)}] ?? null)` : this.value(c.value);
      return `(c = l[${this.tracers.length - 1}]((f[${JSON.stringify(c.fact)}] ?? null), ${expected}), t.push(c), c.held)`;
    }
    if ("condition" in c) return `${this.sharedTraced(c.condition, within, negated)}(f, t)`;
    if ("not" in c) return `!(${this.traced(c.not, within, !negated)})`;
    const all = "all" in c;
    const parts = (all ? c.all : c.any).map((x) => this.traced(x, within, negated));
    if (!parts.length) return all ? "true" : "false";
    return `((${parts.join(all ? ") & (" : ") | (")})) !== 0`;
  }

  /** The values a condition's trace depends on, in trace order: each leaf's fact, and the fact it is compared with (repeats included). */
  keyed(c: Condition, within: readonly string[], out: string[]): void {
    if (isLeaf(c)) {
      out.push(`f[${JSON.stringify(c.fact)}] ?? null`);
      if (isFactRef(c.value)) out.push(`f[${JSON.stringify(c.value.fact)}] ?? null`);
    } else if ("condition" in c) {
      const target = own(this.shared, c.condition);
      if (target === undefined || within.includes(c.condition)) throw new Error(`shared condition '${c.condition}' cannot be written out`);
      this.keyed(target, [...within, c.condition], out);
    } else if ("not" in c) this.keyed(c.not, within, out);
    else for (const x of "all" in c ? c.all : c.any) this.keyed(x, within, out);
  }

  private sharedTraced(name: string, within: readonly string[], negated: boolean): string {
    const key = `${negated ? "not:" : ""}${name}`;
    const known = this.tracedIndex.get(key);
    if (known !== undefined) return `u${known}`;
    const target = own(this.shared, name);
    if (target === undefined || within.includes(name)) throw new Error(`shared condition '${name}' cannot be written out`);
    const body = this.traced(target, [...within, name], negated);
    const i = this.sharedSource.length;
    this.sharedSource.push(`function u${i}(f, t) { let c; return ${body}; }`);
    this.tracedIndex.set(key, i);
    return `u${i}`;
  }

  /** A value as source: numbers, booleans and text written out, anything else passed in. */
  private value(v: unknown): string {
    if (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)) return String(v);
    if (typeof v === "boolean") return String(v);
    if (typeof v === "string") return JSON.stringify(v);
    this.values.push(v);
    return `k[${this.values.length - 1}]`;
  }

  condition(c: Condition, within: readonly string[]): string {
    if (isLeaf(c)) return this.leaf(c);
    if ("condition" in c) return `s${this.sharedCondition(c.condition, within)}(f)`;
    if ("not" in c) return `!(${this.condition(c.not, within)})`;
    const all = "all" in c;
    const parts = (all ? c.all : c.any).map((x) => this.condition(x, within));
    if (!parts.length) return all ? "true" : "false";
    return `(${parts.join(all ? " && " : " || ")})`;
  }

  /** Each shared condition becomes one function, written once however often it is used. */
  private sharedCondition(name: string, within: readonly string[]): number {
    const known = this.sharedIndex.get(name);
    if (known !== undefined) return known;
    const target = own(this.shared, name);
    if (target === undefined || within.includes(name)) throw new Error(`shared condition '${name}' cannot be written out`);
    const body = this.condition(target, [...within, name]);
    const i = this.sharedSource.length;
    this.sharedSource.push(`function s${i}(f) { let a, b; return ${body}; }`);
    this.sharedIndex.set(name, i);
    return i;
  }

  /** A leaf as compile-condition.ts decides it: missing facts, or a missing value, never hold (isMissing/isPresent aside). */
  private leaf(leaf: Leaf): string {
    const op = this.lookup.get(leaf.operator);
    if (!op) throw new Error(`unknown operator '${leaf.operator}'`);
    const actual = `(a = f[${JSON.stringify(leaf.fact)}] ?? null)`;
    const ref = isFactRef(leaf.value) ? leaf.value.fact : undefined;
    if (leaf.operator === "isMissing") return `${actual} === null`;
    if (leaf.operator === "isPresent") return `${actual} !== null`;
    const inline = Object.hasOwn(COMPARISONS, leaf.operator) || ["equal", "notEqual", "in", "notIn", "contains", "doesNotContain"].includes(leaf.operator);
    if (!inline) {
      this.operators.push(op.evaluate);
      const expected = ref !== undefined ? `(f[${JSON.stringify(ref)}] ?? null)` : this.value(leaf.value);
      return `o[${this.operators.length - 1}](${actual}, ${expected})`;
    }
    let b: string;
    let present = `${actual} !== null`;
    if (ref !== undefined) {
      b = "b";
      present += ` && (b = f[${JSON.stringify(ref)}] ?? null) !== null`;
    } else {
      if (isMissing(leaf.value)) return "false";
      b = this.value(leaf.value);
    }
    const compare = COMPARISONS[leaf.operator];
    if (compare) return `(${present} && (typeof a === "number" ? a ${compare} ${b} : n(a) && a ${compare} ${b}))`;
    switch (leaf.operator) {
      case "equal":
        return `(${present} && a === ${b})`;
      case "notEqual":
        return `(${present} && a !== ${b})`;
      case "in":
        return `(${present} && (${b}).indexOf(a) > -1)`;
      case "notIn":
        return `(${present} && (${b}).indexOf(a) === -1)`;
      case "contains":
        return `(${present} && Array.isArray(a) && a.indexOf(${b}) > -1)`;
      default: // doesNotContain
        return `(${present} && Array.isArray(a) && a.indexOf(${b}) === -1)`;
    }
  }
}

/** Evaluates a condition pushing every leaf's trace onto `trace`, as compile-condition.ts's functions do. */
export type Trace = (facts: Facts, trace: ConditionTrace[]) => boolean;

/** A list of rules decided together: each rule alone, all at once, or the first that holds. */
export interface DecidedGroup {
  decide: Decide[];
  trace: Trace[];
  /** Writes the values rule i's trace depends on into `out` (in trace order); returns how many. */
  keys: ((facts: Facts, out: unknown[]) => number)[];
  /** Sets out[i] to 1 when rule i holds, else 0; answers which of the first 30 hold, as bits. */
  all: (facts: Facts, out: Uint8Array) => number;
  /** The first rule that holds, or -1. */
  first: (facts: Facts) => number;
}

/**
 * For each list of rules (triggers, bands, stages; a rule without conditions always holds), the
 * functions above; null when they cannot be generated here.
 */
export function generateGroups(groups: (Condition | undefined)[][], ctx: CompileContext): DecidedGroup[] | null {
  try {
    const w = new Writer(ctx.operators, ctx.shared, ctx);
    const source: string[] = [];
    const made: string[] = [];
    groups.forEach((conditions, g) => {
      const each = conditions.map((c) => (c ? w.condition(c, []) : "true"));
      each.forEach((e, i) => source.push(`function r${g}_${i}(f) { let a, b; return ${e}; }`));
      conditions.forEach((c, i) => source.push(`function t${g}_${i}(f, t) { let c; return ${c ? w.traced(c, [], false) : "true"}; }`));
      conditions.forEach((c, i) => {
        const looked: string[] = [];
        if (c) w.keyed(c, [], looked);
        // Each fact once: a trace depends on the values of the facts its leaves look at.
        const keys = [...new Set(looked)];
        source.push(`function k${g}_${i}(f, v) { ${keys.map((k, j) => `v[${j}] = ${k};`).join(" ")} return ${keys.length}; }`);
      });
      source.push(`function all${g}(f, out) { let a, b, m = 0; ${each.map((e, i) => `if (${e}) { out[${i}] = 1; ${i < 30 ? `m |= ${1 << i}; ` : ""}} else out[${i}] = 0;`).join(" ")} return m; }`);
      source.push(`function first${g}(f) { let a, b; ${each.map((e, i) => `if (${e}) return ${i};`).join(" ")} return -1; }`);
      const list = (prefix: string) => `[${conditions.map((_, i) => `${prefix}${g}_${i}`).join(", ")}]`;
      made.push(`{ decide: ${list("r")}, trace: ${list("t")}, keys: ${list("k")}, all: all${g}, first: first${g} }`);
    });
    const text = `"use strict";\n${w.sharedSource.join("\n")}\n${source.join("\n")}\nreturn [${made.join(", ")}];`;
    // The source holds no ruleset text except fact ids and values written as JSON string literals.
    return new Function("k", "o", "n", "l", text)(w.values, w.operators, isNumeric, w.tracers);
  } catch {
    return null;
  }
}
