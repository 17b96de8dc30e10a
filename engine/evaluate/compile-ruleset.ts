// One school's evaluation: constants for its year, derived facts, then triggers (early warnings),
// bands (first that holds, highest concern first) and escalation stages (first that holds).
import type { Ruleset, Leaf } from "../ruleset/schema";
import type { ConditionTrace, FactValue, RuleTrace, StageAdditionHit } from "../results";
import { compileCondition, type Compiled, type Facts } from "./compile-condition";
import { compileDerived, type RowContext } from "./derived-facts";
import { operatorLookup, type OperatorLookup } from "./operators";
import { academicYearOf } from "../util/dates";
import { factLabels, factOrder } from "../facts";
import { didYouMean } from "../util/nearest";
import { own } from "../ruleset/dictionaries";
import type { HistoryEntry } from "../read/history";

interface CompiledRule {
  kind: RuleTrace["kind"];
  id: string;
  label: string;
  test: Compiled;
}

export interface Outcome {
  facts: Record<string, FactValue>;
  triggers: string[];
  /** The band the school ends with: the officer's when moderated, else the rules'. */
  band: string;
  ruleBand: string;
  moderated: boolean;
  /** Set when the officer's category names no band of this ruleset. */
  overrideProblem?: string;
  /** Set when decisive facts (ids) are missing and the ruleset's "not categorised" band is given. */
  notCategorised?: { missing: string[]; couldBe: string | null };
  /** Mandatory rules of the framework that hold and that the officer's category is below. */
  contradicts: { label: string; band: string; conditions: ConditionTrace[] }[];
  stage: string | null;
  /** The chosen stage's additions that fit the school. */
  additions: StageAdditionHit[];
  traces: RuleTrace[];
}

export interface CompiledRuleset {
  ruleset: Ruleset;
  operators: OperatorLookup;
  /** Field ids each fact rests on. */
  sources: Map<string, string[]>;
  label(fact: string): string;
  /**
   * A facts object holding, as missing, every fact a row ends with, in the order evaluate adds them.
   * Rows read into a copy of it share one compact object shape instead of each being a slow dictionary.
   */
  blankFacts(): Record<string, FactValue>;
  /**
   * Evaluates one row's field facts (mutated: constants and derived facts are added). `withheld`
   * names fields whose cells held a marker (SUPP, NE...) or unreadable text: a rule that fails
   * only for want of them is reported as undecided.
   */
  evaluate(facts: Record<string, FactValue>, asOf: string, history: (id: string) => HistoryEntry[] | undefined, withheld?: Map<string, string>): Outcome;
}

export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const operators = operatorLookup();
  const label = factLabels(ruleset);
  const ctx = { operators, shared: ruleset.sharedConditions ?? {}, label, compiledShared: new Map() };
  const rule = (kind: RuleTrace["kind"], r: { id: string; label: string; conditions?: any }): CompiledRule => ({
    kind,
    id: r.id,
    label: r.label,
    test: r.conditions ? compileCondition(r.conditions, ctx) : () => true,
  });
  const triggers = ruleset.triggers.map((t) => rule("trigger", t));
  const bands = ruleset.bands.map((b) => rule("band", b));
  const stages = (ruleset.escalation ?? []).map((s) => rule("stage", s));
  const derived = compileDerived(ruleset);
  const additions = new Map((ruleset.escalation ?? []).map((s) => [s.id, (s.also ?? []).map((a) => ({ ...a, test: compileCondition(a.conditions, ctx) }))]));
  const mandatory = (ruleset.override?.mandatory ?? []).map((m) => ({ ...m, test: compileCondition(m.conditions, ctx) }));
  const rank = new Map(ruleset.bands.map((b, i) => [b.id, i]));
  const undecidable = notCategorisedTest(ruleset, bands, derived.sources);

  /** Runs a condition with its trace: the conditions it looked at, and whether it held. */
  const traced = (test: Compiled, facts: Facts): { held: boolean; conditions: ConditionTrace[] } => {
    const conditions: ConditionTrace[] = [];
    const held = test(facts, conditions);
    return { held, conditions };
  };
  const constants = constantResolver(ruleset);
  const factIds = factOrder(ruleset);
  const blank: Record<string, FactValue> = Object.fromEntries(factIds.map((id) => [id, null]));

  const leafTests = new Map<Leaf, Compiled>();
  const test: RowContext["test"] = (leaf, facts) => {
    if (!leafTests.has(leaf)) leafTests.set(leaf, compileCondition(leaf, ctx));
    return leafTests.get(leaf)!(facts);
  };

  /** Whether a field behind the fact held a marker or unreadable text. */
  const wasWithheld = (fact: string, withheld: Map<string, string> | undefined) => (derived.sources.get(fact) ?? []).some((f) => withheld?.has(f));

  // Traces are collected here, then copied out at their exact length: traces are kept for every
  // row, and arrays grown by push carry spare room.
  const scratch: ConditionTrace[] = [];

  /** Traces one rule: every leaf with its value; `undecided` when only withheld data stood in its way. */
  const trace = (r: CompiledRule, facts: Facts, held: boolean, withheld?: Map<string, string>): RuleTrace => {
    scratch.length = 0;
    r.test(facts, scratch);
    const conditions = scratch.slice();
    const missing = missingFacts(conditions);
    const undecided = !held && missing.some((f) => wasWithheld(f, withheld)) && r.test(facts, undefined, true);
    const t: RuleTrace = { kind: r.kind, id: r.id, label: r.label, held, conditions, missing };
    if (undecided) t.undecided = true;
    return t;
  };

  /**
   * Rules are first decided without tracing (fast); then traced are the rules that held, those
   * ranked above the band or stage chosen (why not higher?), and, where a cell held a SUPP-style
   * marker, the rules that might have held with the data.
   */
  const decide = (rules: CompiledRule[], facts: Facts, traces: RuleTrace[], withheld: Map<string, string> | undefined, firstOnly: boolean) => {
    const held: CompiledRule[] = [];
    for (const r of rules) {
      if (!r.test(facts)) continue;
      held.push(r);
      if (firstOnly) break;
    }
    const last = firstOnly && held.length ? rules.indexOf(held[0]) : -1;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const ok = held.includes(r);
      if (ok || i < last) traces.push(trace(r, facts, ok, withheld));
      else if (withheld?.size && (!firstOnly || last < 0) && r.test(facts, undefined, true)) {
        // Only a rule that could hold when missing facts go its way can be undecided.
        const t = trace(r, facts, false, withheld);
        if (t.undecided) traces.push(t);
      }
    }
    return held;
  };

  return {
    ruleset,
    operators,
    sources: derived.sources,
    label,
    blankFacts: () => ({ ...blank }),
    evaluate(facts, asOf, history, withheld) {
      const year = (ruleset.year?.field ? yearText(facts[ruleset.year.field]) : null) ?? ruleset.year?.default ?? academicYearOf(asOf);
      facts.asOf = asOf;
      facts.year = year;
      Object.assign(facts, constants(year));
      derived.apply(facts, { asOf, history, test });
      const traces: RuleTrace[] = [];
      const all = facts as Facts;
      const fired = decide(triggers, all, traces, withheld, false).map((t) => t.id);
      all.triggers = fired;
      all.triggerCount = fired.length;
      // Bands and stages: the first (highest) that holds wins.
      const ruleBand = decide(bands, all, traces, withheld, true)[0].id;
      // Decisive data missing: the ruleset's "not categorised" band, not a silent lower one.
      const notCategorised = undecidable(all, ruleBand);
      const decided = notCategorised ? ruleset.notCategorised!.band : ruleBand;
      const { band, moderated, problem } = moderate(ruleset, decided, ruleset.override ? facts[ruleset.override.field] : null);
      const contradicts = [];
      if (moderated) {
        for (const m of mandatory) {
          if ((rank.get(band) ?? 0) <= (rank.get(m.band) ?? 0)) continue;
          const t = traced(m.test, all);
          if (t.held) contradicts.push({ label: m.label, band: m.band, conditions: t.conditions });
        }
      }
      // Escalation follows the category the school ends with, moderated or not.
      all.band = band;
      const stage = decide(stages, all, traces, withheld, true)[0]?.id ?? null;
      const added: StageAdditionHit[] = [];
      for (const a of (stage === null ? undefined : additions.get(stage)) ?? []) {
        const t = traced(a.test, all);
        if (t.held) added.push({ label: a.label, nextAction: a.nextAction, conditions: t.conditions });
      }
      return {
        facts, triggers: fired, band, ruleBand, moderated, ...(problem ? { overrideProblem: problem } : {}),
        ...(notCategorised ? { notCategorised } : {}), contradicts, stage, additions: added, traces,
      };
    },
  };
}

/**
 * The ruleset's "not categorised" test: when a decisive fact is missing, the highest band above the
 * one the rules gave (or the not-categorised band itself) that could hold with it. Facts that rest on
 * a decisive fact (a derived fact from the grade...) are hoped for too; other missing facts are not.
 */
function notCategorisedTest(ruleset: Ruleset, bands: CompiledRule[], sources: Map<string, string[]>) {
  const nc = ruleset.notCategorised;
  if (!nc) return () => undefined;
  const fields = new Set(nc.decisive.flatMap((id) => sources.get(id) ?? [id]));
  const hoped = new Set([...nc.decisive, ...[...sources].filter(([, from]) => from.some((f) => fields.has(f))).map(([id]) => id)]);
  const hope = (fact: string) => hoped.has(fact);
  return (facts: Facts, ruleBand: string): { missing: string[]; couldBe: string | null } | undefined => {
    const missing = nc.decisive.filter((id) => facts[id] === null || facts[id] === undefined);
    if (!missing.length) return undefined;
    const upTo = bands.findIndex((b) => b.id === ruleBand);
    const couldBe = bands.slice(0, upTo).find((b) => b.id !== nc.band && b.test(facts, undefined, hope))?.id ?? null;
    return couldBe !== null || ruleBand === nc.band ? { missing, couldBe } : undefined;
  };
}

/** Facts the traced conditions found missing, each once, in order. */
function missingFacts(conditions: ConditionTrace[]): string[] {
  if (!conditions.some((c) => c.missing)) return [];
  return [...new Set(conditions.filter((c) => c.missing).map((c) => c.fact))];
}

/** An officer's category, when filled and naming a band (by id, label or both), wins. */
function moderate(ruleset: Ruleset, ruleBand: string, officer: FactValue): { band: string; moderated: boolean; problem?: string } {
  if (officer === null || officer === undefined || officer === "") return { band: ruleBand, moderated: false };
  const said = String(officer).trim().toLowerCase();
  const match = ruleset.bands.find((b) => [b.id, b.label, `${b.id} ${b.label}`].some((x) => x.toLowerCase() === said));
  if (match) return { band: match.id, moderated: true };
  const ids = ruleset.bands.map((b) => b.id);
  return {
    band: ruleBand,
    moderated: false,
    problem: `Officer category '${officer}' is not a category of this ruleset (${ids.join(", ")})${didYouMean(String(officer), ids)}; the rules' category is used`,
  };
}

function yearText(v: FactValue): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    if (/^\d{4}\/\d{2}$/.test(t)) return t;
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return academicYearOf(t);
    const m = /^(\d{4})[-/]?(\d{2})$/.exec(t); // DfE time_period 201617 or 2016-17
    if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return `${m[1]}/${m[2]}`;
    if (/^\d{4}$/.test(t)) return yearText(Number(t));
    return null;
  }
  if (typeof v === "number" && v > 1990 && v < 2100) return `${v - 1}/${String(v % 100).padStart(2, "0")}`; // 2019 = the year ending summer 2019
  if (typeof v === "number" && v > 199000 && v < 210000) return yearText(String(v));
  return null;
}

/** Constant values for an academic year: byYear picks the latest year not after the row's year. */
function constantResolver(ruleset: Ruleset): (year: string) => Record<string, FactValue> {
  const cache = new Map<string, Record<string, FactValue>>();
  return (year) => {
    if (!cache.has(year)) {
      const values: Record<string, FactValue> = {};
      for (const [id, c] of Object.entries(ruleset.constants ?? {})) {
        if (typeof c.value !== "object") values[id] = c.value;
        else {
          const years = Object.keys(c.value.byYear).filter((y) => y <= year).sort();
          values[id] = years.length ? own(c.value.byYear, years[years.length - 1]) ?? null : null;
        }
      }
      cache.set(year, values);
    }
    return cache.get(year)!;
  };
}
