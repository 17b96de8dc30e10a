// Near-miss margins on a trigger's comparisons: `"margin": 0.1` (or `{ "within": 0.1, "of": "the floor" }`)
// on `p8 lessThan floor` gives a school within 0.1 above the floor a "watch" flag for the trigger. The
// flag never changes the band or stage. Here: what a margin is, where one may be written, and the
// ruleset's problems with them (refused when the ruleset is read, at their JSON path).
import type { Condition, Leaf, Ruleset } from "./schema";
import type { PathPart } from "./json-text";
import type { FactKind } from "./fact-kinds";
import { forEachLeaf, isFactRef, ruleConditions } from "./conditions";
import { hasOwnName } from "./dictionaries";

/** The severity of a watch flag: its style is styles.severities.watch, else WATCH_STYLE. */
export const WATCH = "watch";
/** A pale lilac, unlike the usual red, amber and yellow of the triggers. */
export const WATCH_STYLE = { fill: "#E4DFEC", font: "#3F3151" } as const;

/** What a margin may be written as. */
export const MARGIN_SHAPE = 'must be a number above 0 (how near the threshold counts as near, in the fact\'s own units), or {"within": 0.1, "of": "the floor"}';

/** Comparisons that take a margin, and the side of the threshold on which each holds. */
export const MARGIN_OPERATORS: Readonly<Record<string, "below" | "above">> = {
  lessThan: "below",
  lessThanInclusive: "below",
  greaterThan: "above",
  greaterThanInclusive: "above",
};

export interface LeafMargin {
  within: number;
  /** The threshold's name in the watch reason ("the floor"). */
  of?: string;
}

/** A leaf's margin in one form, or undefined. */
export function marginOf(leaf: Leaf): LeafMargin | undefined {
  const m = leaf.margin;
  return m === undefined ? undefined : typeof m === "number" ? { within: m } : m;
}

/** Whether a condition has a margin on one of its own leaves (shared conditions take none). */
export function hasMargin(c: Condition): boolean {
  let found = false;
  forEachLeaf(c, [], (leaf) => void (found ||= leaf.margin !== undefined));
  return found;
}

/** The watch style of a ruleset: its own, else the default. */
export function watchStyle(r: Pick<Ruleset, "styles">): { fill: string; font?: string; bold?: boolean } {
  return hasOwnName(r.styles.severities, WATCH) ? r.styles.severities[WATCH] : WATCH_STYLE;
}

/** The units a fact's values are read in, for watch reasons. */
export type MarginUnit = "percent" | "points" | "days" | null;

/** Percent fields (and facts taken from one) in %, differences of them in points, days since in days. */
export function unitOf(r: Ruleset, fact: string, seen: ReadonlySet<string> = new Set()): MarginUnit {
  if (seen.has(fact)) return null;
  const field = r.fields.find((f) => f.id === fact);
  if (field) return field.type === "percent" ? "percent" : null;
  const d = r.derived?.find((x) => x.id === fact);
  if (!d) return null;
  const inner = new Set([...seen, fact]);
  switch (d.kind) {
    case "daysSince":
      return "days";
    case "difference": {
      const of = unitOf(r, d.of, inner);
      return of === "percent" || of === "points" ? "points" : of === "days" ? "days" : null;
    }
    case "latest": {
      const f = r.history?.find((h) => h.id === d.history)?.fields.find((x) => x.id === d.value);
      return f?.type === "percent" ? "percent" : null;
    }
    default:
      return null;
  }
}

type Problem = [PathPart[], string];

/** Problems with the ruleset's margins; `kinds` says what each fact holds. */
export function marginProblems(r: Ruleset, kinds: ReadonlyMap<string, FactKind>): Problem[] {
  const problems: Problem[] = [];
  const elsewhere = (c: Condition, path: PathPart[], where: string) =>
    forEachLeaf(c, path, (leaf, p) => {
      if (leaf.margin !== undefined) problems.push([[...p, "margin"], `a margin is read only on a trigger's own comparisons (it raises a watch flag for a school near the trigger); ${where}`]);
    });
  for (const [name, c] of Object.entries(r.sharedConditions ?? {})) elsewhere(c, ["sharedConditions", name], "write the comparison in the trigger itself to give it one");
  for (const { condition, path, scope } of ruleConditions(r)) if (scope !== "trigger") elsewhere(condition, path, "bands and stages take none");
  (r.derived ?? []).forEach((d, i) => {
    if ("where" in d && d.where) elsewhere(d.where, ["derived", i, "where"], "a derived fact's 'where' takes none");
  });

  r.triggers.forEach((t, i) => {
    if (t.severity === WATCH) problems.push([["triggers", i, "severity"], `severity '${WATCH}' is kept for near misses inside a margin: give the trigger another severity`]);
    forEachLeaf(t.conditions, ["triggers", i, "conditions"], (leaf, p) => {
      const problem = leaf.margin === undefined ? null : leafProblem(leaf, kinds);
      if (problem) problems.push([[...p, "margin"], problem]);
    });
  });
  return problems;
}

/** Why a margin cannot go on this comparison, or null. */
function leafProblem(leaf: Leaf, kinds: ReadonlyMap<string, FactKind>): string | null {
  if (!hasOwnName(MARGIN_OPERATORS, leaf.operator)) {
    const exact = /(^|:)(equal|notEqual|in|notIn|contains|doesNotContain|matches|isMissing|isPresent)$/.test(leaf.operator);
    return `a margin needs a comparison of numbers (lessThan, lessThanInclusive, greaterThan or greaterThanInclusive, without decorators), not '${leaf.operator}'${exact ? ": it matches exact values, so no value is near it" : ""}`;
  }
  const notNumber = (fact: string) => {
    const k = kinds.get(fact);
    return k && k.kind !== "number" && k.kind !== "unknown" ? `${k.label} is not a number` : null;
  };
  const fact = notNumber(leaf.fact);
  if (fact) return `a margin needs a number to measure the distance with: ${fact}`;
  // A threshold written as text is refused as such (leaf-values.ts).
  const ref = isFactRef(leaf.value) ? notNumber(leaf.value.fact) : null;
  return ref ? `a margin needs a number to measure the distance with: ${ref}` : null;
}
