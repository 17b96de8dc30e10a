// One comparison written out short, for lists of rules' conditions: "Progress 8 < KS4 floor: Progress 8",
// "Ofsted grade in [3, 4]". Fact labels stand for fact ids; a comparison's own name, when given, leads.
import type { Leaf } from "../ruleset/schema";
import { isFactRef } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";

const SYMBOLS: Record<string, string> = {
  equal: "=",
  notEqual: "≠",
  lessThan: "<",
  lessThanInclusive: "≤",
  greaterThan: ">",
  greaterThanInclusive: "≥",
  in: "in",
  notIn: "not in",
  contains: "includes",
  doesNotContain: "does not include",
  between: "between",
  before: "before",
  onOrBefore: "on or before",
  after: "after",
  onOrAfter: "on or after",
  matches: "matches",
  isMissing: "is missing",
  isPresent: "is present",
};

function valueText(v: unknown, label: (fact: string) => string): string {
  if (isFactRef(v)) return label(v.fact);
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x, label)).join(", ")}]`;
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

export function leafText(leaf: Leaf, label: (fact: string) => string): string {
  const op = own(SYMBOLS, leaf.operator) ?? leaf.operator;
  const text = `${label(leaf.fact)} ${op}${leaf.value === undefined ? "" : ` ${valueText(leaf.value, label)}`}`;
  return leaf.name ? `${leaf.name}: ${text}` : text;
}
