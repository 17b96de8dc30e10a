// Whether a comparison's value fits its operator and its fact: a threshold that is not a number,
// a number compared with text or a date, a date not written YYYY-MM-DD, `in` without a list,
// `between` without [lowest, highest], a pattern RE2 cannot run. Each would make a rule silently
// never (or always) hold, or make json-rules-engine's operators throw mid-run (`in` on a number),
// so the ruleset is refused, with the reason at the JSON path. Decorators are followed: someValue
// and everyValue need a list of values, someFact and everyFact a list fact, swap trades the sides.
// (An equal/in value no school can have, such as "Requires improvement" for a grade, is `check`'s.)
import type { Leaf } from "./schema";
import { isIsoDate } from "../util/dates";
import { describeKind, type FactKind } from "./fact-kinds";
import type { PathPart } from "./json-text";
import { isFactRef } from "./conditions";
import { OPERATOR_FLAGS, patternProblem } from "./patterns";

export interface LeafContext {
  /** What a fact holds; undefined when the fact is not known (reported elsewhere). */
  kind(fact: string): FactKind | undefined;
  /** Every value of a constant (each year's), or undefined when the fact is not a constant. */
  constantValues(fact: string): (string | number)[] | undefined;
}

type Problem = [PathPart[], string];

/**
 * One side of a comparison: the values written in the ruleset that it may be, or a fact (the
 * leaf's own, or one named as its value). `at` is where to report a problem with it.
 */
type FactSide = { at: PathPart[]; fact: string; kind: FactKind | undefined; label: string };
type Side = { at: PathPart[]; literals: unknown[] } | FactSide;

const NUMERIC = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"]);
const DATES = new Set(["before", "onOrBefore", "after", "onOrAfter"]);
const EQUALITY = new Set(["equal", "notEqual", "in", "notIn"]);
const KNOWN = new Set([...NUMERIC, ...DATES, ...EQUALITY, "between", "matches", "contains", "doesNotContain"]);
const DECORATORS = new Set(["someFact", "someValue", "everyFact", "everyValue", "swap", "not"]);

const show = (v: unknown) => JSON.stringify(v);
const typeOf = (v: unknown) => (Array.isArray(v) ? "a list" : typeof v === "string" ? "text" : typeof v === "boolean" ? "true/false" : typeof v === "number" ? "a number" : "not a value");
/** The fact is of one of the kinds (or not known, so not judged). */
const isKind = (k: FactKind | undefined, ...kinds: FactKind["kind"][]) => !k || k.kind === "unknown" || kinds.includes(k.kind);
const itemOf = (s: FactSide): Side => ({ at: s.at, fact: s.fact, kind: s.kind && s.kind.kind !== "unknown" ? { kind: "text", label: `an item of ${s.label}` } : undefined, label: `an item of ${s.label}` });

/** Problems with a leaf's value (and its fact's kind) for its operator; none for unknown operators. */
export function leafValueProblems(leaf: Leaf, path: PathPart[], ctx: LeafContext): Problem[] {
  const parts = leaf.operator.split(":");
  const op = parts.pop()!;
  if (!KNOWN.has(op) || parts.some((d) => !DECORATORS.has(d)) || leaf.value === undefined) return [];
  const sideOf = (fact: string, at: PathPart[]): FactSide => {
    const kind = ctx.kind(fact);
    return { at, fact, kind, label: kind?.label ?? fact };
  };
  let factSide: Side = sideOf(leaf.fact, path);
  let valueSide: Side = isFactRef(leaf.value) ? sideOf(leaf.value.fact, [...path, "value"]) : { at: [...path, "value"], literals: [leaf.value] };

  for (const d of parts) {
    if (d === "swap") {
      if (op === "matches") return [[[...path, "operator"], "'swap:matches' would take the school's data as the pattern: write the pattern as the value of a plain 'matches'"]];
      [factSide, valueSide] = [valueSide, factSide];
    } else if (d === "someValue" || d === "everyValue") {
      const list = listItems(valueSide, `'${d}' tries each of a list of values`);
      if (typeof list === "string") return [[valueSide.at, list]];
      valueSide = list;
    } else if (d === "someFact" || d === "everyFact") {
      const list = listItems(factSide, `'${d}' looks at each item of a list`);
      if (typeof list === "string") return [["fact" in factSide && factSide.at === path ? [...path, "operator"] : factSide.at, list]];
      factSide = list;
    }
  }
  return baseProblems(op, factSide, valueSide, ctx);
}

/** The side's items, when it is a list; or why it is not. */
function listItems(s: Side, what: string): Side | string {
  if ("literals" in s) {
    const bad = s.literals.find((v) => !Array.isArray(v));
    return bad === undefined ? { at: s.at, literals: s.literals.flat() } : `${what}: write the value as a list, [${show(bad)}]`;
  }
  return isKind(s.kind, "list") ? itemOf(s) : `${what}, but ${s.label} is ${describeKind(s.kind!)}`;
}

function baseProblems(op: string, f: Side, v: Side, ctx: LeafContext): Problem[] {
  const problems: Problem[] = [];
  const say = (s: Side, message: string) => problems.push([s.at, message]);

  if (NUMERIC.has(op) || op === "between") {
    for (const s of [f, v]) {
      if ("literals" in s) continue;
      if (s === v && op === "between") say(s, `'between' needs [lowest, highest] written in the ruleset, not taken from ${s.label}`);
      else if (s.kind?.kind === "date") say(s, `${s.label} is a date and '${op}' compares numbers: use before, onOrBefore, after or onOrAfter with a date written YYYY-MM-DD`);
      else if (!isKind(s.kind, "number")) say(s, `'${op}' compares numbers, but ${s.label} is ${describeKind(s.kind!)}`);
    }
    if ("literals" in f) for (const x of f.literals) if (typeof x !== "number") say(f, `'${op}' compares numbers, but ${show(x)} is ${typeOf(x)}`);
    if ("literals" in v) {
      for (const x of v.literals) {
        if (op === "between") {
          if (!(Array.isArray(x) && x.length === 2 && x.every((y) => typeof y === "number"))) say(v, `'between' needs [lowest, highest], two numbers such as [0, 10]; ${show(x)} is not`);
        } else if (typeof x !== "number") {
          say(v, `'${op}' compares numbers, but ${show(x)} is ${typeOf(x)}${typeof x === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(x) ? `: write ${x.trim()} without quotes` : ""}`);
        }
      }
    }
  } else if (DATES.has(op)) {
    for (const s of [f, v]) {
      if ("literals" in s) {
        for (const x of s.literals) {
          if (!isIsoDate(x)) say(s, `${show(x)} is not a date written YYYY-MM-DD${typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x) ? " (there is no such day)" : ""}`);
        }
      } else if (!isKind(s.kind, "date")) say(s, `'${op}' compares dates, but ${s.label} is ${describeKind(s.kind!)}`);
    }
  } else if (op === "in" || op === "notIn") {
    // json-rules-engine runs value.indexOf(fact): on a number it throws, on text it finds substrings.
    if ("literals" in v) {
      for (const x of v.literals) if (!Array.isArray(x)) say(v, `'${op}' needs a list of values, such as [3, 4]: write [${show(x)}]`);
    } else if (!isKind(v.kind, "list")) say(v, `'${op}' needs a list of values, but ${v.label} is ${describeKind(v.kind!)}`);
  } else if (op === "matches") {
    if ("literals" in f) {
      for (const x of f.literals) if (typeof x !== "string") say(f, `'matches' tests text, but ${show(x)} is ${typeOf(x)}`);
    } else if (f.kind && ["number", "boolean", "list"].includes(f.kind.kind)) say(f, `'matches' tests text, but ${f.label} is ${describeKind(f.kind)}`);
    const patterns = "literals" in v ? v.literals : ctx.constantValues(v.fact);
    if (!patterns) say(v, `the pattern for 'matches' must be written in the ruleset (as text, or a text constant), not taken from ${"label" in v ? v.label : ""}, which a school's data fills`);
    for (const x of patterns ?? []) {
      if ("literals" in v && typeof x !== "string") {
        say(v, `'matches' needs a pattern written as text, such as "^academ"; ${show(x)} is ${typeOf(x)}`);
        continue;
      }
      const problem = patternProblem(String(x), OPERATOR_FLAGS);
      if (problem) say(v, "literals" in v ? problem : `${v.label}: ${problem}`);
    }
  }

  // A number (or true/false) compared with a text or date fact never equals it (and always differs).
  if (EQUALITY.has(op) && "kind" in f && f.kind && (f.kind.kind === "text" || f.kind.kind === "date") && "literals" in v) {
    const literals = v.literals.flatMap((x) => (Array.isArray(x) ? x : [x]));
    if (literals.length && literals.every((x) => typeof x !== "string")) {
      const what = f.kind.kind === "date" ? "a date, written as text YYYY-MM-DD" : "text";
      say(v, `${f.label} is ${what}, so it never equals ${literals.map(show).join(" or ")}${f.kind.kind === "text" ? `: write ${literals.map((x) => show(String(x))).join(", ")} in quotes` : ""}`);
    } else if (f.kind.kind === "date") {
      const bad = literals.filter((x) => typeof x === "string" && !isIsoDate(x));
      if (bad.length) say(v, `${bad.map(show).join(", ")} ${bad.length > 1 ? "are not dates" : "is not a date"} written YYYY-MM-DD, so ${f.label} never equals ${bad.length > 1 ? "them" : "it"}`);
    }
  }
  return problems;
}
