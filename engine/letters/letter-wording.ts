// Values and conditions as a letter says them: long dates, numbers with thousands separators, and
// each condition that made a trigger or category hold as "Persistent absence % 21.4 (above 15)".
import type { ConditionTrace, RuleTrace } from "../results";
import { supporting } from "../evaluate/explain";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "1 September 2025" */
export function longDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** A fact's value in a letter. */
export function letterValue(v: unknown): string {
  if (v === null || v === undefined) return "not known";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "string") return /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDate(v) : v;
  if (typeof v === "number") return (Number.isInteger(v) ? v : Math.round(v * 100) / 100).toLocaleString("en-GB", { maximumFractionDigits: 2 });
  if (Array.isArray(v)) return v.map(letterValue).join(", ");
  if (typeof v === "object" && "value" in (v as object)) return letterValue((v as { value: unknown }).value);
  return String(v);
}

const COMPARISONS: Record<string, string> = {
  lessThan: "below",
  lessThanInclusive: "at most",
  greaterThan: "above",
  greaterThanInclusive: "at least",
  before: "before",
  onOrBefore: "on or before",
  after: "after",
  onOrAfter: "on or after",
  between: "between",
};

/** Facts of the run itself, not the school's data: a letter does not quote them. */
const RUN_FACTS = new Set(["band", "triggers", "triggerCount", "asOf", "year"]);

/** "the previous Ofsted grade", but "the KS2 floor" keeps its capitals. */
const the = (label: string) => `the ${/^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label}`;

/** "Complaints 6 (at least 5)", "Ofsted grade 4 (above 3, the previous Ofsted grade)", "Category of concern SWK". */
export function conditionWords(c: ConditionTrace): string {
  const base = c.operator.split(":").pop()!;
  const compared = COMPARISONS[base];
  const value = `${c.label} ${letterValue(c.actual)}`;
  if (!compared || c.expected === undefined) return value;
  const ref = typeof c.expected === "object" && c.expected !== null && !Array.isArray(c.expected) && "label" in c.expected ? (c.expected as { label: string }).label : null;
  return `${value} (${compared} ${letterValue(c.expected)}${ref ? `, ${the(ref)}` : ""})`;
}

/** The school's data behind a rule that held: its conditions on the school's own facts. */
export function ruleWords(t: RuleTrace): string {
  return supporting(t)
    .filter((c) => !c.negated && !RUN_FACTS.has(c.fact) && c.operator !== "isPresent" && c.operator !== "isMissing")
    .map(conditionWords)
    .join("; ");
}
