// Walking json-rules-engine condition trees.
import type { Condition, Leaf, Ruleset } from "./schema";
import type { PathPart } from "./json-text";

export function isLeaf(c: Condition): c is Leaf {
  return "fact" in c;
}

/** Calls visit for every leaf with its JSON path, following nested all/any/not (not shared references). */
export function forEachLeaf(c: Condition, path: PathPart[], visit: (leaf: Leaf, path: PathPart[]) => void): void {
  if (isLeaf(c)) visit(c, path);
  else if ("all" in c) c.all.forEach((x, i) => forEachLeaf(x, [...path, "all", i], visit));
  else if ("any" in c) c.any.forEach((x, i) => forEachLeaf(x, [...path, "any", i], visit));
  else if ("not" in c) forEachLeaf(c.not, [...path, "not"], visit);
}

/** Shared-condition names referenced anywhere in the tree. */
export function forEachReference(c: Condition, path: PathPart[], visit: (name: string, path: PathPart[]) => void): void {
  if ("condition" in c) visit(c.condition, path);
  else if ("all" in c) c.all.forEach((x, i) => forEachReference(x, [...path, "all", i], visit));
  else if ("any" in c) c.any.forEach((x, i) => forEachReference(x, [...path, "any", i], visit));
  else if ("not" in c) forEachReference(c.not, [...path, "not"], visit);
}

export function isFactRef(v: unknown): v is { fact: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "fact" in v;
}

/** Which facts a rule's conditions may use: triggers see row facts, bands add the triggers, stages the band too. */
export type RuleScope = "trigger" | "band" | "stage";

/**
 * Every rule condition of a ruleset (shared conditions aside) with its JSON path and scope: triggers,
 * bands, stages, the additions to a stage's next action, and the framework's mandatory rules.
 */
export function ruleConditions(r: Ruleset): { condition: Condition; path: PathPart[]; scope: RuleScope }[] {
  const out: { condition: Condition; path: PathPart[]; scope: RuleScope }[] = [];
  r.triggers.forEach((t, i) => out.push({ condition: t.conditions, path: ["triggers", i, "conditions"], scope: "trigger" }));
  r.bands.forEach((b, i) => b.conditions && out.push({ condition: b.conditions, path: ["bands", i, "conditions"], scope: "band" }));
  (r.escalation ?? []).forEach((s, i) => {
    out.push({ condition: s.conditions, path: ["escalation", i, "conditions"], scope: "stage" });
    s.also?.forEach((a, j) => out.push({ condition: a.conditions, path: ["escalation", i, "also", j, "conditions"], scope: "stage" }));
  });
  r.override?.mandatory?.forEach((m, i) => out.push({ condition: m.conditions, path: ["override", "mandatory", i, "conditions"], scope: "band" }));
  return out;
}
