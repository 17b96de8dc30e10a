// Plain-English explanations: which conditions held, with the school's actual values.
import type { ConditionTrace, RowResult, RuleTrace } from "../results";
import { ukDate } from "../util/dates";
import { own } from "../ruleset/dictionaries";
import { watchLines } from "./watch-reason";

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
  const rule = `${c.label} ${operatorText(c.operator)}${c.expected === undefined ? "" : " " + formatValue(c.expected)}`;
  // The school's own value, even when what it is compared with is the missing part.
  const actual = formatValue(c.actual);
  return c.negated ? line("not (", rule, ") (actual ", actual, ")") : line(rule, " (actual ", actual, ")");
}

/** Conditions that made the rule come out as it did (held, or inside a "not" and did not hold). */
export function supporting(t: RuleTrace): ConditionTrace[] {
  return t.conditions.filter((c) => c.held !== !!c.negated);
}

function because(t: RuleTrace, made?: ReasonLines): string {
  const s = supporting(t);
  if (!s.length) return "no conditions";
  if (!made) return s.map(describeCondition).join("; ");
  // Condition traces are shared by rows with the same values (compile-condition.ts): each is put into words once.
  const words = made.conditions;
  const said: string[] = [];
  for (const c of s) {
    let text = words.get(c);
    if (text === undefined) {
      text = describeCondition(c);
      if (words.size >= CONDITION_WORDS) words.clear();
      words.set(c, text);
    }
    said.push(text);
  }
  return said.join("; ");
}

/** Condition traces whose words are kept per run. */
const CONDITION_WORDS = 50_000;

/**
 * Reason lines made once per run for the rule traces rows share (compile-ruleset.ts shares the
 * trace of a rule among rows whose conditions came out the same): trace -> opening word -> line.
 */
export interface ReasonLines {
  shared(t: RuleTrace): boolean;
  /** A shared trace's line: "Trigger ...", "Escalation ...", or for a band "Category ...". */
  lines: Map<RuleTrace, string>;
  /** A shared band trace's line opening "Rules " (when the category given is not the rules'). */
  rulesLines: Map<RuleTrace, string>;
  /** Condition traces in words. */
  conditions: Map<ConditionTrace, string>;
}

/** The line a rule trace gives (for a band, its id and label are the category's). */
function ruleLine(opening: string, t: RuleTrace, made?: ReasonLines): string {
  if (t.kind !== "band") return line(opening, t.label, ": ", because(t, made));
  return line(opening, t.id, " ", t.label, ": ", t.conditions.length === 0 ? "no higher category's conditions held" : because(t, made));
}

/** A rule trace's line, made once for the traces rows share. */
function reasonLine(made: ReasonLines | undefined, opening: string, t: RuleTrace): string {
  const lines = opening === "Rules " ? made?.rulesLines : made?.lines;
  let text = lines?.get(t);
  if (text === undefined) {
    text = ruleLine(opening, t, made);
    if (made?.shared(t)) lines!.set(t, text);
  }
  return text;
}

/** Reasons column lines: band, triggers, stage, moderation, and rules left undecided by missing data. */
export function reasonsFor(
  r: Pick<RowResult, "traces" | "band" | "bandLabel" | "ruleBand" | "moderated"> & Partial<Pick<RowResult, "notCategorised" | "moderation" | "escalation">>,
  ruleBandLabel: string,
  withheld: ReadonlyMap<string, string> = new Map(),
  sources: Map<string, string[]> = new Map(),
  label: (fact: string) => string = (f) => f,
  made?: ReasonLines,
): string[] {
  const lines: string[] = [];
  let bandTrace: RuleTrace | undefined;
  for (const t of r.traces) {
    if (t.kind === "band" && t.id === r.ruleBand) {
      bandTrace = t;
      break;
    }
  }
  const reason = r.moderation?.reason;
  if (r.moderated) lines.push(`Moderated by officer: ${r.band} ${r.bandLabel} (the rules gave ${r.ruleBand} ${ruleBandLabel})${reason ? `; reason: ${reason}` : ""}`);
  const nc = r.notCategorised;
  if (nc) {
    const could = nc.couldBe ? `; with ${nc.missing.length > 1 ? "them" : "it"} the school could be ${nc.couldBe}` : "";
    const without = r.ruleBand === r.band || r.moderated ? "" : ` (without ${nc.missing.length > 1 ? "them" : "it"} the rules give ${r.ruleBand} ${ruleBandLabel})`;
    lines.push(`Not categorised: missing ${nc.missing.join(", ")}${could}${without}`);
  }
  if (bandTrace) {
    const opening = r.moderated || (nc && r.ruleBand !== r.band) ? "Rules " : "Category ";
    // The line names the category by the rules' label for it (a trace's label is its band's).
    lines.push(ruleBandLabel === bandTrace.label ? reasonLine(made, opening, bandTrace) : ruleLine(opening, { ...bandTrace, label: ruleBandLabel }, made));
  }
  let undecidedRules = false;
  for (const t of r.traces) {
    if (t.undecided) undecidedRules = true;
    if (t.held && t.kind === "trigger") lines.push(reasonLine(made, "Trigger ", t));
    if (t.held && t.kind === "stage") {
      lines.push(reasonLine(made, "Escalation ", t));
      for (const a of r.escalation?.stage === t.id ? r.escalation.additions ?? [] : []) {
        lines.push(line("Also for ", a.label, ": ", because({ ...t, conditions: a.conditions }, made)));
      }
    }
  }
  if (undecidedRules) {
    const undecided = r.traces.filter((t) => t.undecided);
    const why = (t: RuleTrace) =>
      [...new Set(t.conditions.filter((c) => c.missing).flatMap((c) => sources.get(c.fact) ?? []))]
        .filter((f) => withheld.has(f))
        .map((f) => `${label(f)} was '${withheld.get(f)}'`)
        .join(", ");
    lines.push(line("Could not be decided for lack of data: ", undecided.map((t) => `${t.label} (${why(t)})`).join("; ")));
  }
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
