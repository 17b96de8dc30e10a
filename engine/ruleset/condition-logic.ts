// Static reasoning about conditions, for `categorise check`: can a condition never hold, does it
// always hold, does one imply another? Sound but not complete: "don't know" is answered as no.
// Missing data matters: every comparison fails on a missing fact, so only facts that are always
// present (triggerCount, band, asOf...) can make a comparison always hold.
import type { Condition, Leaf } from "./schema";
import { isFactRef, isLeaf } from "./conditions";

export interface LogicContext {
  /** The condition a shared-condition name stands for. */
  shared: (name: string) => Condition | undefined;
  /** Facts that always have a value (never missing). */
  alwaysPresent: (fact: string) => boolean;
  /** Why a single leaf can never hold (e.g. a type mismatch), or null. */
  leafNever?: (leaf: Leaf) => string | null;
  /** A fact's name for messages. */
  label?: (fact: string) => string;
}

interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

const ALL: Interval = { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };
const isoDay = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(v + "T00:00:00Z") / 86_400_000 : undefined);
const plain = (leaf: Leaf) => !leaf.operator.includes(":") && !isFactRef(leaf.value);

/** The values a leaf admits, as an interval of numbers (dates as day numbers), when it is a plain comparison. */
export function intervalOf(leaf: Leaf): Interval | null {
  if (!plain(leaf)) return null;
  const v = leaf.value;
  const n = typeof v === "number" ? v : undefined;
  const d = isoDay(v);
  switch (leaf.operator) {
    case "lessThan": return n === undefined ? null : { ...ALL, hi: n, hiOpen: true };
    case "lessThanInclusive": return n === undefined ? null : { ...ALL, hi: n, hiOpen: false };
    case "greaterThan": return n === undefined ? null : { ...ALL, lo: n, loOpen: true };
    case "greaterThanInclusive": return n === undefined ? null : { ...ALL, lo: n, loOpen: false };
    case "equal": return n === undefined ? null : { lo: n, loOpen: false, hi: n, hiOpen: false };
    case "between":
      return Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "number"
        ? { lo: v[0], loOpen: false, hi: v[1], hiOpen: false } : null;
    case "before": return d === undefined ? null : { ...ALL, hi: d, hiOpen: true };
    case "onOrBefore": return d === undefined ? null : { ...ALL, hi: d, hiOpen: false };
    case "after": return d === undefined ? null : { ...ALL, lo: d, loOpen: true };
    case "onOrAfter": return d === undefined ? null : { ...ALL, lo: d, loOpen: false };
  }
  return null;
}

function intersect(a: Interval, b: Interval): Interval {
  const [lo, loOpen] = a.lo > b.lo ? [a.lo, a.loOpen] : a.lo < b.lo ? [b.lo, b.loOpen] : [a.lo, a.loOpen || b.loOpen];
  const [hi, hiOpen] = a.hi < b.hi ? [a.hi, a.hiOpen] : a.hi > b.hi ? [b.hi, b.hiOpen] : [a.hi, a.hiOpen || b.hiOpen];
  return { lo, loOpen, hi, hiOpen };
}

export const isEmpty = (i: Interval) => i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));

/** inner ⊆ outer */
export function within(inner: Interval, outer: Interval): boolean {
  const loOk = inner.lo > outer.lo || (inner.lo === outer.lo && (!outer.loOpen || inner.loOpen));
  const hiOk = inner.hi < outer.hi || (inner.hi === outer.hi && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

/** The union of the intervals is the whole number line. */
function coversAll(intervals: Interval[]): boolean {
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  let reach = -Infinity;
  let closed = true;
  for (const i of sorted) {
    if (i.lo > reach || (i.lo === reach && !closed && i.loOpen)) return false;
    if (i.hi > reach || (i.hi === reach && !i.hiOpen)) [reach, closed] = [i.hi, !i.hiOpen];
  }
  return reach === Infinity;
}

/** The set of values an equal/in leaf admits (strings, numbers, booleans). */
function valueSet(leaf: Leaf): unknown[] | null {
  if (!plain(leaf)) return null;
  if (leaf.operator === "equal") return [leaf.value];
  if (leaf.operator === "in" && Array.isArray(leaf.value)) return leaf.value;
  return null;
}

const describeInterval = (fact: string, i: Interval) => `${fact} would have to be ${i.lo === -Infinity ? "" : `${i.loOpen ? "above" : "at least"} ${i.lo}`}${i.lo !== -Infinity && i.hi !== Infinity ? " and " : ""}${i.hi === Infinity ? "" : `${i.hiOpen ? "below" : "at most"} ${i.hi}`}`;

export class ConditionLogic {
  constructor(private readonly ctx: LogicContext) {}

  private name(fact: string): string {
    return this.ctx.label?.(fact) ?? fact;
  }

  private resolve(c: Condition, depth = 0): Condition {
    if ("condition" in c && depth < 20) {
      const target = this.ctx.shared(c.condition);
      return target ? this.resolve(target, depth + 1) : c;
    }
    return c;
  }

  /** Why the condition can never hold, or null when it may. */
  never(c0: Condition): string | null {
    const c = this.resolve(c0);
    if (isLeaf(c)) return this.leafNever(c);
    if ("condition" in c) return null;
    if ("not" in c) {
      const why = this.always(c.not);
      return why ? `its 'not' wraps a condition that always holds (${why})` : null;
    }
    if ("any" in c) {
      const whys = c.any.map((x) => this.never(x));
      return whys.every(Boolean) ? whys.join("; ") : null;
    }
    for (const x of c.all) {
      const why = this.never(x);
      if (why) return why;
    }
    return this.contradiction(c.all.map((x) => this.resolve(x)).filter(isLeaf));
  }

  /** Why the condition always holds (whatever the data), or null. */
  always(c0: Condition): string | null {
    const c = this.resolve(c0);
    if (isLeaf(c)) return this.leafAlways(c);
    if ("condition" in c) return null;
    if ("not" in c) {
      const why = this.never(c.not);
      return why ? `its 'not' wraps a condition that can never hold (${why})` : null;
    }
    if ("all" in c) {
      const whys = c.all.map((x) => this.always(x));
      return whys.every(Boolean) ? whys.join("; ") : null;
    }
    for (const x of c.any) {
      const why = this.always(x);
      if (why) return why;
    }
    return this.exhaustive(c.any.map((x) => this.resolve(x)).filter(isLeaf));
  }

  /** Whenever a holds, b holds too. */
  implies(a0: Condition, b0: Condition): boolean {
    const a = this.resolve(a0);
    const b = this.resolve(b0);
    if (JSON.stringify(a) === JSON.stringify(b)) return true;
    if (this.never(a)) return true;
    if (this.always(b)) return true;
    if ("all" in b && b.all.every((x) => this.implies(a, x))) return true;
    if ("any" in b && b.any.some((x) => this.implies(a, x))) return true;
    if ("all" in a && a.all.some((x) => this.implies(x, b))) return true;
    if ("any" in a && a.any.every((x) => this.implies(x, b))) return true;
    if ("not" in a && "not" in b) return this.implies(b.not, a.not);
    if (isLeaf(a) && isLeaf(b)) return leafImplies(a, b);
    return false;
  }

  private leafNever(leaf: Leaf): string | null {
    const custom = this.ctx.leafNever?.(leaf);
    if (custom) return custom;
    const i = intervalOf(leaf);
    if (i && isEmpty(i)) return describeInterval(this.name(leaf.fact), i);
    if (plain(leaf) && leaf.operator === "in" && Array.isArray(leaf.value) && !leaf.value.length) return `${this.name(leaf.fact)} is compared with an empty list`;
    if (leaf.operator === "isMissing" && this.ctx.alwaysPresent(leaf.fact)) return `${this.name(leaf.fact)} always has a value`;
    return null;
  }

  private leafAlways(leaf: Leaf): string | null {
    if (!this.ctx.alwaysPresent(leaf.fact)) return null;
    if (leaf.operator === "isPresent") return `${this.name(leaf.fact)} always has a value`;
    const i = intervalOf(leaf);
    if (leaf.fact === "triggerCount" && i && within({ lo: 0, loOpen: false, hi: Infinity, hiOpen: true }, i)) return `the number of triggers is never below 0`;
    return null;
  }

  /** Leaves under one `all` that cannot hold together. */
  private contradiction(leaves: Leaf[]): string | null {
    for (const [id, group] of groupByFact(leaves)) {
      const fact = this.name(id);
      const missing = group.find((l) => l.operator === "isMissing");
      const needsValue = group.find((l) => l.operator !== "isMissing");
      if (missing && needsValue) return `${fact} must be missing and also '${needsValue.operator}' a value`;
      let range: Interval = ALL;
      for (const l of group) {
        const i = intervalOf(l);
        if (i) range = intersect(range, i);
      }
      if (isEmpty(range)) return describeInterval(fact, range);
      let allowed: unknown[] | null = null;
      for (const l of group) {
        const s = valueSet(l);
        if (s) {
          const admitted = new Set(s); // lists can be long: no list-times-list search
          allowed = allowed ? allowed.filter((v) => admitted.has(v)) : s;
        }
      }
      if (allowed && !allowed.length) return `${fact} cannot equal ${group.filter(valueSet).map((l) => JSON.stringify(l.value)).join(" and ")} at once`;
      if (allowed && allowed.every((v) => typeof v === "number" && isEmpty(intersect(range, { lo: v, loOpen: false, hi: v, hiOpen: false })))) {
        return `${fact} would have to be one of ${allowed.join(", ")} and also ${describeInterval(fact, range).replace(`${fact} would have to be `, "")}`;
      }
    }
    return null;
  }

  /** Leaves under one `any` of which one always holds. */
  private exhaustive(leaves: Leaf[]): string | null {
    for (const [id, group] of groupByFact(leaves)) {
      const fact = this.name(id);
      const ops = new Set(group.map((l) => l.operator));
      if (ops.has("isMissing") && ops.has("isPresent")) return `${fact} is either missing or present`;
      const intervals = group.map(intervalOf).filter((i): i is Interval => i !== null);
      if ((ops.has("isMissing") || this.ctx.alwaysPresent(id)) && intervals.length && coversAll(intervals)) {
        return `every value of ${fact} meets one of its comparisons`;
      }
    }
    return null;
  }
}

function groupByFact(leaves: Leaf[]): Map<string, Leaf[]> {
  const m = new Map<string, Leaf[]>();
  for (const l of leaves) {
    const group = m.get(l.fact);
    if (group) group.push(l);
    else m.set(l.fact, [l]);
  }
  return m;
}

function leafImplies(a: Leaf, b: Leaf): boolean {
  if (a.fact !== b.fact) return false;
  if (b.operator === "isPresent" && a.operator !== "isMissing" && !a.operator.includes(":")) return true;
  const ia = intervalOf(a);
  const ib = intervalOf(b);
  if (ia && ib) return within(ia, ib);
  const sa = valueSet(a);
  const sb = valueSet(b);
  if (sa && sb) {
    const admitted = new Set(sb);
    return sa.every((v) => admitted.has(v));
  }
  return false;
}
