// Derived facts: computed per row from fields, constants, the run date and history sheets,
// each declared in the ruleset. A derived fact is missing when what it needs is missing.
import type { FactValue } from "../results";
import type { Derived, Leaf, Ruleset } from "../ruleset/schema";
import type { HistoryEntry } from "../read/history";
import { dayNumber, daysBetween } from "../util/dates";
import { DEFAULT_FLAGS, patternFound, patternProblem } from "../ruleset/patterns";
import { normaliseHeader } from "../read/headers";

export interface RowContext {
  asOf: string;
  /** history id -> this school's entries, or undefined when the history sheet is absent. */
  history: (historyId: string) => HistoryEntry[] | undefined;
  /** Tests a history entry against a leaf condition with the ruleset's operators. */
  test: (leaf: Leaf, facts: Record<string, FactValue>) => boolean;
}

/**
 * One derived fact for a row, given the values of its first two inputs (`inputsOf`), read before
 * the call, and the row's facts for any others.
 */
type Compute = (a: FactValue, b: FactValue, facts: Record<string, FactValue>, ctx: RowContext) => FactValue;

/** The facts whose values a derived fact's Compute is given as a and b. */
function inputsOf(d: Derived): [string?, string?] {
  switch (d.kind) {
    case "difference":
      return [d.of, d.minus];
    case "ratio":
      return [d.of, d.per];
    case "daysSince":
    case "matches":
    case "lookup":
      return [d.of];
    default:
      return [];
  }
}

const num = (v: FactValue): v is number => typeof v === "number";

/** A date after the run date: an entry that has not happened yet (a meeting planned ahead). */
export const isAfterRunDate = (v: FactValue, asOf: string): boolean => typeof v === "string" && v > asOf && ISO_DATE.test(v);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Entries newest first by a field, into the start of `out`; entries without it go last, and entries
 * dated after the run date by that field, which have not happened yet, are left out. Gives how many.
 * Insertion sort: a school has a few entries, and it keeps entries with equal values in sheet order.
 */
function newestFirst(entries: HistoryEntry[], orderBy: string, asOf: string, out: HistoryEntry[]): number {
  let n = 0;
  for (const e of entries) {
    const v = e[orderBy];
    if (isAfterRunDate(v, asOf)) continue;
    let at = n++;
    while (at > 0 && newer(v, out[at - 1][orderBy])) {
      out[at] = out[at - 1];
      at--;
    }
    out[at] = e;
  }
  return n;
}

/** Whether an entry ordered by x goes before one ordered by y: the later value first, missing values last. */
const newer = (x: FactValue, y: FactValue): boolean => x !== null && (y === null || x > y);

function trendWord(text: string): string | null {
  const t = text.toLowerCase();
  if (t.startsWith("improv") || t === "up" || t === "rising") return "improving";
  if (t.startsWith("declin") || t === "down" || t === "falling") return "declining";
  if (t.startsWith("stable") || t.startsWith("static") || t === "same") return "stable";
  return null;
}

function compile(d: Derived): Compute {
  switch (d.kind) {
    case "difference":
      return (of, minus) => (num(of) && num(minus) ? round(of - minus) : null);
    case "ratio": {
      const scale = d.scale ?? 1;
      return (of, per) => (num(of) && num(per) && per !== 0 ? round((of / per) * scale) : null);
    }
    case "daysSince": {
      // The run date's day number, worked out once.
      let asOf = "";
      let today = 0;
      return (from, _b, _f, ctx) => {
        if (typeof from !== "string") return null;
        if (ctx.asOf !== asOf) today = dayNumber((asOf = ctx.asOf));
        return today - dayNumber(from);
      };
    }
    case "matches": {
      // Linear-time RE2, compiled once; the pattern and flags were checked when the ruleset was read.
      const flags = d.flags ?? DEFAULT_FLAGS;
      const problem = patternProblem(d.pattern, flags);
      if (problem) throw new SyntaxError(problem);
      // Columns such as Type hold a few distinct texts: each is matched once per run.
      const found = new Map<string, boolean>();
      return (text) => {
        if (typeof text !== "string") return null;
        let hit = found.get(text);
        if (hit === undefined) {
          hit = patternFound(d.pattern, flags, text);
          if (found.size >= MEMO_LIMIT) found.clear();
          found.set(text, hit);
        }
        return hit;
      };
    }
    case "lookup": {
      // Matched as header texts are: case and punctuation do not matter.
      const table = new Map<string, string | number | boolean>();
      for (const row of d.table) for (const v of row.for) if (!table.has(normaliseHeader(v))) table.set(normaliseHeader(v), row.value);
      const looked = new Map<string, string | number | boolean | null>();
      return (of) => {
        if (of === null || of === undefined) return null;
        const text = String(of);
        let value = looked.get(text);
        if (value === undefined) {
          value = table.get(normaliseHeader(text)) ?? null;
          if (looked.size >= MEMO_LIMIT) looked.clear();
          looked.set(text, value);
        }
        return value;
      };
    }
    case "trend": {
      const tolerance = d.tolerance ?? 0;
      return (_a, _b, f) => {
        const said = d.override && typeof f[d.override] === "string" ? trendWord(f[d.override] as string) : null;
        if (said) return said;
        const latest = f[d.of[d.of.length - 1]];
        let previous: number | undefined;
        for (let k = d.of.length - 2; k >= 0 && previous === undefined; k--) {
          const v = f[d.of[k]];
          if (num(v)) previous = v;
        }
        if (!num(latest) || previous === undefined) return null;
        const change = latest - previous;
        return change > tolerance ? "improving" : change < -tolerance ? "declining" : "stable";
      };
    }
    case "consecutiveLatest": {
      // Reused from row to row (entries of the run's history, which the run holds anyway).
      const sorted: HistoryEntry[] = [];
      return (_a, _b, _f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        const count = newestFirst(entries, d.orderBy, ctx.asOf, sorted);
        let n = 0;
        while (n < count && ctx.test(d.where, sorted[n])) n++;
        return n;
      };
    }
    case "count":
      return (_a, _b, _f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        let n = 0;
        for (const e of entries) {
          if (d.where && !ctx.test(d.where, e)) continue;
          if (d.withinDays && d.dateField) {
            const when = e[d.dateField];
            if (typeof when !== "string") continue;
            const days = daysBetween(when, ctx.asOf);
            if (!(days <= d.withinDays && days >= 0)) continue;
          }
          n++;
        }
        return n;
      };
    case "latest":
      return (_a, _b, _f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        const e = newest(entries, d.orderBy, ctx, d.where);
        return e ? e[d.value] ?? null : null;
      };
  }
}

/** Distinct texts remembered per derived fact and run (a column of free text starts afresh past it). */
const MEMO_LIMIT = 10_000;

/**
 * The entry newestFirst would put first, without sorting: the first (in sheet order) of those with
 * the latest value, entries without one only when none has one; undefined when there is none.
 */
function newest(entries: HistoryEntry[], orderBy: string, ctx: RowContext, where?: Leaf): HistoryEntry | undefined {
  let best: HistoryEntry | undefined;
  for (const e of entries) {
    const v = e[orderBy];
    if (isAfterRunDate(v, ctx.asOf) || (where && !ctx.test(where, e))) continue;
    if (best === undefined) best = e;
    else {
      const b = best[orderBy];
      if (v !== null && (b === null || (v as string | number) > (b as string | number))) best = e;
    }
  }
  return best;
}

/** Rounds away floating-point noise (0.1 + 0.2) without losing real precision. */
const round = (n: number) => Math.round(n * 1e9) / 1e9;

export interface DerivedFacts {
  /** Adds every derived fact to facts, in declaration order. */
  apply(facts: Record<string, FactValue>, ctx: RowContext): void;
  /** Field ids each fact ultimately rests on (for highlighting the cells behind a trigger). */
  sources: Map<string, string[]>;
}

export function compileDerived(ruleset: Ruleset): DerivedFacts {
  const derived = ruleset.derived ?? [];
  const sources = new Map<string, string[]>(ruleset.fields.map((f) => [f.id, [f.id]]));
  for (const d of derived) {
    const inputs = d.kind === "difference" ? [d.of, d.minus] : d.kind === "ratio" ? [d.of, d.per] : d.kind === "trend" ? [...d.of, ...(d.override ? [d.override] : [])] : "of" in d ? [d.of] : [];
    sources.set(d.id, [...new Set(inputs.flatMap((id) => sources.get(id) ?? []))]);
  }
  const computes = derived.map(compile);
  return { apply: writtenApply(derived, computes) ?? loopApply(derived, computes), sources };
}

type Apply = DerivedFacts["apply"];

/**
 * apply written out once per run, facts read and stored by name (V8 keeps each such access fast,
 * where one access taking every fact's id in turn is slow):
 * `f["gap"] = c[0](f["absence"], f["national"], f, ctx);`. Undefined where new Function is not allowed.
 */
function writtenApply(derived: Derived[], computes: Compute[]): Apply | undefined {
  const read = (id: string | undefined) => (id === undefined ? "undefined" : `f[${JSON.stringify(id)}]`);
  const lines = derived.map((d, i) => {
    const [a, b] = inputsOf(d);
    return `f[${JSON.stringify(d.id)}] = c[${i}](${read(a)}, ${read(b)}, f, ctx);`;
  });
  try {
    return new Function("c", `return function apply(f, ctx) {\n${lines.join("\n")}\n};`)(computes) as Apply;
  } catch {
    return undefined;
  }
}

/** apply as a loop, where new Function is not allowed. */
function loopApply(derived: Derived[], computes: Compute[]): Apply {
  const ids = derived.map((d) => d.id);
  const inputs = derived.map(inputsOf);
  const value = (facts: Record<string, FactValue>, id: string | undefined) => (id === undefined ? undefined : facts[id]);
  return (facts, ctx) => {
    for (let i = 0; i < ids.length; i++) facts[ids[i]] = computes[i](value(facts, inputs[i][0]) as FactValue, value(facts, inputs[i][1]) as FactValue, facts, ctx);
  };
}
