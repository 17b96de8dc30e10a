// Derived facts: computed per row from fields, constants, the run date and history sheets,
// each declared in the ruleset. A derived fact is missing when what it needs is missing.
import type { FactValue } from "../results";
import type { Derived, Leaf, Ruleset } from "../ruleset/schema";
import type { HistoryEntry } from "../read/history";
import { daysBetween } from "../util/dates";
import { DEFAULT_FLAGS, patternFound, patternProblem } from "../ruleset/patterns";
import { normaliseHeader } from "../read/headers";

export interface RowContext {
  asOf: string;
  /** history id -> this school's entries, or undefined when the history sheet is absent. */
  history: (historyId: string) => HistoryEntry[] | undefined;
  /** Tests a history entry against a leaf condition with the ruleset's operators. */
  test: (leaf: Leaf, facts: Record<string, FactValue>) => boolean;
}

type Compute = (facts: Record<string, FactValue>, ctx: RowContext) => FactValue;

const num = (v: FactValue): v is number => typeof v === "number";

/** A date after the run date: an entry that has not happened yet (a meeting planned ahead). */
export const isAfterRunDate = (v: FactValue, asOf: string): boolean => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && v > asOf;

/**
 * Entries newest first by a field; entries without it go last. Entries dated after the run date by
 * that field have not happened yet, so are left out.
 */
function newestFirst(entries: HistoryEntry[], orderBy: string, asOf: string): HistoryEntry[] {
  if (entries.length === 0) return entries;
  if (entries.some((e) => isAfterRunDate(e[orderBy], asOf))) entries = entries.filter((e) => !isAfterRunDate(e[orderBy], asOf));
  if (entries.length < 2) return entries;
  return [...entries].sort((a, b) => {
    const x = a[orderBy];
    const y = b[orderBy];
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return x < y ? 1 : x > y ? -1 : 0;
  });
}

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
      return (f) => (num(f[d.of]) && num(f[d.minus]) ? round((f[d.of] as number) - (f[d.minus] as number)) : null);
    case "ratio":
      return (f) => (num(f[d.of]) && num(f[d.per]) && f[d.per] !== 0 ? round(((f[d.of] as number) / (f[d.per] as number)) * (d.scale ?? 1)) : null);
    case "daysSince": {
      // Dates repeat (inspection dates, notice dates): each is counted from the run date once.
      let asOf = "";
      const days = new Map<string, number>();
      return (f, ctx) => {
        const from = f[d.of];
        if (typeof from !== "string") return null;
        if (ctx.asOf !== asOf || days.size >= MEMO_LIMIT) {
          asOf = ctx.asOf;
          days.clear();
        }
        let n = days.get(from);
        if (n === undefined) days.set(from, (n = daysBetween(from, asOf)));
        return n;
      };
    }
    case "matches": {
      // Linear-time RE2, compiled once; the pattern and flags were checked when the ruleset was read.
      const flags = d.flags ?? DEFAULT_FLAGS;
      const problem = patternProblem(d.pattern, flags);
      if (problem) throw new SyntaxError(problem);
      // Columns such as Type hold a few distinct texts: each is matched once per run.
      const found = new Map<string, boolean>();
      return (f) => {
        const text = f[d.of];
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
      return (f) => {
        if (f[d.of] === null || f[d.of] === undefined) return null;
        const text = String(f[d.of]);
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
      return (f) => {
        const said = d.override && typeof f[d.override] === "string" ? trendWord(f[d.override] as string) : null;
        if (said) return said;
        const values = d.of.map((id) => f[id]);
        const latest = values[values.length - 1];
        const previous = [...values.slice(0, -1)].reverse().find(num);
        if (!num(latest) || previous === undefined) return null;
        const change = latest - previous;
        return change > tolerance ? "improving" : change < -tolerance ? "declining" : "stable";
      };
    }
    case "consecutiveLatest":
      return (_f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        let n = 0;
        for (const e of newestFirst(entries, d.orderBy, ctx.asOf)) {
          if (!ctx.test(d.where, e)) break;
          n++;
        }
        return n;
      };
    case "count":
      return (_f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        return entries.filter((e) => {
          if (d.where && !ctx.test(d.where, e)) return false;
          if (!d.withinDays || !d.dateField) return true;
          const when = e[d.dateField];
          return typeof when === "string" && daysBetween(when, ctx.asOf) <= d.withinDays && daysBetween(when, ctx.asOf) >= 0;
        }).length;
      };
    case "latest":
      return (_f, ctx) => {
        const entries = ctx.history(d.history);
        if (!entries) return null;
        const e = newest(entries, d.orderBy, ctx.asOf, d.where ? (x) => ctx.test(d.where!, x) : undefined);
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
function newest(entries: HistoryEntry[], orderBy: string, asOf: string, where?: (e: HistoryEntry) => boolean): HistoryEntry | undefined {
  let best: HistoryEntry | undefined;
  for (const e of entries) {
    const v = e[orderBy];
    if (isAfterRunDate(v, asOf) || (where && !where(e))) continue;
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
  const steps = (ruleset.derived ?? []).map((d) => [d.id, compile(d)] as const);
  const sources = new Map<string, string[]>(ruleset.fields.map((f) => [f.id, [f.id]]));
  for (const d of ruleset.derived ?? []) {
    const inputs = d.kind === "difference" ? [d.of, d.minus] : d.kind === "ratio" ? [d.of, d.per] : d.kind === "trend" ? [...d.of, ...(d.override ? [d.override] : [])] : "of" in d ? [d.of] : [];
    sources.set(d.id, [...new Set(inputs.flatMap((id) => sources.get(id) ?? []))]);
  }
  return {
    apply(facts, ctx) {
      for (const [id, compute] of steps) facts[id] = compute(facts, ctx);
    },
    sources,
  };
}
