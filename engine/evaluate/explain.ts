// Plain-English explanations: which conditions held, with the school's actual values.
import type { ConditionTrace, RowResult, RuleTrace } from "../results";
import { ukDate } from "../util/dates";
import { own } from "../ruleset/dictionaries";
import { watchLines } from "./watch-reason";
import type { Undecided } from "./undecided";

const OPERATOR_WORDS: Record<string, string> = {
  equal: "is",
  notEqual: "is not",
  in: "is one of",
  notIn: "is not one of",
  contains: "includes",
  doesNotContain: "does not include",
  lessThan: "is below",
  lessThanInclusive: "is at most",
  greaterThan: "is above",
  greaterThanInclusive: "is at least",
  before: "is before",
  onOrBefore: "is on or before",
  after: "is after",
  onOrAfter: "is on or after",
  between: "is between",
  matches: "matches",
  isMissing: "is missing",
  isPresent: "is present",
};

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "missing";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return ukDate(v);
  if (Array.isArray(v)) return v.length ? v.map(formatValue).join(", ") : "none";
  if (typeof v === "object" && "label" in (v as object)) {
    const ref = v as { label: string; value: unknown };
    return `${ref.label} (${formatValue(ref.value)})`;
  }
  if (typeof v === "number" && !Number.isInteger(v)) return String(Math.round(v * 100) / 100);
  return String(v);
}

const operatorTexts = new Map<string, string>();

/** "is at least"; worked out once per operator name. */
function operatorText(op: string): string {
  let text = operatorTexts.get(op);
  if (text === undefined) {
    const parts = op.split(":");
    const base = own(OPERATOR_WORDS, parts[parts.length - 1]) ?? parts[parts.length - 1];
    text = parts.includes("not") ? `not: ${base}` : base;
    operatorTexts.set(op, text);
  }
  return text;
}

/**
 * Text as one flat string. Reason lines are kept for every row, and V8 keeps a string built with +
 * or a template literal as a tree of its pieces, which takes several times the memory.
 */
function line(...pieces: string[]): string {
  return pieces.join("");
}

/** "Ofsted grade is at least 3 (actual 3)" */
export function describeCondition(c: ConditionTrace): string {
  const opening = conditionOpening(c.label, c.operator);
  return conditionWords(c.expected === undefined ? opening : `${opening} ${formatValue(c.expected)}`, c.actual, !!c.negated);
}

/** "Ofsted grade is at least": a condition's label and operator in words. */
export function conditionOpening(label: string, operator: string): string {
  return `${label} ${operatorText(operator)}`;
}

/** A condition in words with the school's value: "<rule> (actual 3)", or "not (<rule>) (actual 3)" inside a 'not'. */
export function conditionWords(rule: string, actual: unknown, negated: boolean): string {
  // The school's own value, even when what it is compared with is the missing part.
  const value = formatValue(actual);
  return negated ? line("not (", rule, ") (actual ", value, ")") : line(rule, " (actual ", value, ")");
}

/** Conditions that made the rule come out as it did (held, or inside a "not" and did not hold). */
export function supporting(t: RuleTrace): ConditionTrace[] {
  return t.conditions.filter((c) => c.held !== !!c.negated);
}

/** The conditions that made a rule come out as it did, in words. */
function because(t: RuleTrace): string {
  return wordsJoined(supporting(t).map(describeCondition));
}

/** Supporting conditions' words joined, or "no conditions". */
export function wordsJoined(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : parts.length ? parts.join("; ") : "no conditions";
}

/** A band's words when it held: what held, or for a band without conditions that none above it did. */
export function bandBecause(leaves: number, parts: readonly string[]): string {
  return leaves === 0 ? "no higher category's conditions held" : wordsJoined(parts);
}

type Reasoned = Pick<RowResult, "band" | "bandLabel" | "ruleBand" | "moderated"> & Partial<Pick<RowResult, "notCategorised" | "moderation" | "escalation">>;

/** The opening of a category line: "Rules " when the category given is not the rules' (moderated, or not categorised). */
export function bandOpening(r: Reasoned): string {
  return r.moderated || (r.notCategorised && r.ruleBand !== r.band) ? "Rules " : "Category ";
}

/** The lines before the category's: moderation and not categorised. */
export function firstLines(r: Reasoned, ruleBandLabel: string, lines: string[]): void {
  const reason = r.moderation?.reason;
  if (r.moderated) lines.push(`Moderated by officer: ${r.band} ${r.bandLabel} (the rules gave ${r.ruleBand} ${ruleBandLabel})${reason ? `; reason: ${reason}` : ""}`);
  const nc = r.notCategorised;
  if (nc) {
    const could = nc.couldBe ? `; with ${nc.missing.length > 1 ? "them" : "it"} the school could be ${nc.couldBe}` : "";
    const without = r.ruleBand === r.band || r.moderated ? "" : ` (without ${nc.missing.length > 1 ? "them" : "it"} the rules give ${r.ruleBand} ${ruleBandLabel})`;
    lines.push(`Not categorised: missing ${nc.missing.join(", ")}${could}${without}`);
  }
}

/** "Also for <addition>: ..." lines of a stage's additions that fit the school. */
export function additionLines(r: Reasoned, lines: string[]): void {
  for (const a of r.escalation?.additions ?? []) lines.push(line("Also for ", a.label, ": ", wordsJoined(a.conditions.filter((c) => c.held !== !!c.negated).map(describeCondition))));
}

/** "Could not be decided for lack of data: ..." for rules that withheld data alone kept from holding. */
export function undecidedLine(undecided: readonly Undecided[], withheld: ReadonlyMap<string, string>, sources: Map<string, string[]>, label: (fact: string) => string): string {
  const rules: string[] = [];
  for (const t of undecided) {
    // The withheld fields behind the facts it lacked, each once.
    const fields: string[] = [];
    for (const fact of t.missing) for (const f of sources.get(fact) ?? []) if (withheld.has(f) && !fields.includes(f)) fields.push(f);
    rules.push(`${t.label} (${fields.map((f) => `${label(f)} was '${withheld.get(f)}'`).join(", ")})`);
  }
  return line("Could not be decided for lack of data: ", rules.join("; "));
}

/**
 * Reasons column lines from a school's rule traces: moderation, not categorised, the category,
 * triggers, stage, and rules left undecided by missing data. A run writes the same lines without
 * tracing (reason-lines.ts); this is what they must equal.
 */
export function reasonsFor(
  r: Reasoned & Pick<RowResult, "traces">,
  ruleBandLabel: string,
  withheld: ReadonlyMap<string, string> = new Map(),
  sources: Map<string, string[]> = new Map(),
  label: (fact: string) => string = (f) => f,
): string[] {
  const lines: string[] = [];
  firstLines(r, ruleBandLabel, lines);
  const bandTrace = r.traces.find((t) => t.kind === "band" && t.id === r.ruleBand);
  // The line names the category by the rules' label for it.
  if (bandTrace) lines.push(line(bandOpening(r), bandTrace.id, " ", ruleBandLabel, ": ", bandBecause(bandTrace.conditions.length, supporting(bandTrace).map(describeCondition))));
  for (const t of r.traces) {
    if (t.held && t.kind === "trigger") lines.push(line("Trigger ", t.label, ": ", because(t)));
    if (t.held && t.kind === "stage") {
      lines.push(line("Escalation ", t.label, ": ", because(t)));
      if (r.escalation?.stage === t.id) additionLines(r, lines);
    }
  }
  const undecided = r.traces.filter((t) => t.undecided);
  if (undecided.length) lines.push(undecidedLine(undecided, withheld, sources, label));
  return lines;
}

/** The full explanation for the add-in and reports: every rule looked at, every condition with its value. */
export function explainRow(r: RowResult): string[] {
  const lines = [`${r.name ?? r.key ?? "Row " + r.row}: ${r.band} ${r.bandLabel}${r.moderated ? ` (moderated; rules gave ${r.ruleBand})` : ""}`];
  if (r.triggers.length) lines.push(`Triggers: ${r.triggers.map((t) => `${t.label} (${t.severity})`).join(", ")}`);
  lines.push(...watchLines(r));
  if (r.escalation) lines.push(`Escalation: ${r.escalation.label}. Next action: ${r.escalation.nextAction}${r.escalation.due ? ` Due ${ukDate(r.escalation.due)}.` : ""}`);
  else if (r.nextAction) lines.push(`Next action: ${r.nextAction}`);
  for (const t of r.traces) {
    const kind = t.kind === "band" ? "Category" : t.kind === "stage" ? "Stage" : "Trigger";
    lines.push(`${t.held ? "✔" : "✘"} ${kind} ${t.label}${t.held ? "" : " (not met)"}`);
    for (const c of t.conditions) lines.push(`    ${c.held !== !!c.negated ? "✔" : "✘"} ${describeCondition(c)}`);
  }
  for (const w of r.warnings) lines.push(`⚠ ${w}`);
  return lines;
}
