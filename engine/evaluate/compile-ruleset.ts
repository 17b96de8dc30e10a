// One school's evaluation: constants for its year, derived facts, then triggers (early warnings),
// bands (first that holds, highest concern first) and escalation stages (first that holds).
import type { Condition, Ruleset, Leaf } from "../ruleset/schema";
import type { ConditionTrace, FactValue, RuleTrace, StageAdditionHit, TriggerHit } from "../results";
import { compileCondition, type Compiled, type Facts } from "./compile-condition";
import { compileDerived, type RowContext } from "./derived-facts";
import { generateGroups, type Decide, type Trace } from "./generate-deciders";
import { forEachLeaf, forEachReference } from "../ruleset/conditions";
import { operatorLookup, type OperatorLookup } from "./operators";
import { academicYearOf } from "../util/dates";
import { factLabels, factOrder } from "../facts";
import { didYouMean } from "../util/nearest";
import { own } from "../ruleset/dictionaries";
import type { HistoryEntry } from "../read/history";
import { compileWatch, type Watcher } from "./watch";
import { ruleWords, type RuleWords } from "./rule-words";
import { describeCondition, supporting } from "./explain";
import { leavesInOrder, missingFacts as missingOf, type MissingLeaf, type Undecided } from "./undecided";

interface CompiledRule {
  kind: RuleTrace["kind"];
  id: string;
  label: string;
  test: Compiled;
  /** Whether the rule holds, without a trace: generated source where allowed, else `test`. */
  decide: Decide;
  /** `test` with a trace: generated source where allowed. */
  trace: Trace;
  /** The values its trace depends on (generated source only). */
  keys?: (facts: Facts, out: unknown[]) => number;
  /** The fields its conditions' facts rest on: only a withheld one of these can leave it undecided. */
  fields: Set<string>;
  /** Its traces so far, by the values its conditions looked at. */
  traced: TraceRoot;
  /** Whether it has conditions at all (a rule without always holds). */
  conditional: boolean;
  /** Its reason in words from the facts; undefined when its leaves do not fit (its trace says it then). */
  words?: RuleWords;
  /** Its leaves in trace order, for the facts it lacked when undecided. */
  leaves: readonly MissingLeaf[];
}

/** Triggers, bands or stages: decided all at once (triggers) or up to the first that holds. */
interface RuleGroup {
  rules: CompiledRule[];
  /** Sets out[i] to 1 when rule i holds, else 0; answers which of the first 30 held, as bits. */
  all: (facts: Facts, out: Uint8Array) => number;
  first: (facts: Facts) => number;
  /** Scratch: which rules held for the row being decided, and the first 30 of them as bits. */
  held: Uint8Array;
  bits: number;
}

/**
 * A rule's traces by the values its conditions looked at (each leaf's fact, and the fact it is
 * compared with), one level per value: the trace of a leaf depends on those values alone.
 */
interface TraceNode {
  /** Made when the node gets its first child (most nodes are the last level). */
  next?: Map<unknown, TraceNode>;
  decided?: RuleTrace;
  undecided?: RuleTrace;
}
interface TraceRoot extends TraceNode {
  size: number;
}
/** Nodes kept per rule and run: past it, rules with many distinct outcomes get a trace each. */
const TRACE_NODES = 4096;

/**
 * The node for these values, made when new. Undefined when a value cannot key a Map faithfully
 * (-0, which a Map takes for 0; a list other than the run's frozen fired-trigger lists), or when a
 * new node is needed and the rule has enough.
 */
function traceNode(root: TraceRoot, values: unknown[], count: number): TraceNode | undefined {
  let node: TraceNode = root;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v === 0 && Object.is(v, -0)) return undefined;
    let next = node.next?.get(v);
    if (!next) {
      if (root.size >= TRACE_NODES || (typeof v === "object" && v !== null && !(Array.isArray(v) && Object.isFrozen(v)))) return undefined;
      next = {};
      (node.next ??= new Map()).set(v, next);
      root.size++;
    }
    node = next;
  }
  return node;
}

/** A distinct set of fired triggers, shared by the rows that fire it (read-only, but for `hits`). */
export interface FiredSet {
  /** Their ids (frozen). */
  list: string[];
  /** Their positions among the triggers (frozen). */
  at: number[];
  /** Their hits as results give them: made by the run the first time a row fires the set. */
  hits?: TriggerHit[];
}

export interface Outcome {
  facts: Record<string, FactValue>;
  triggers: string[];
  /** The same fired triggers, with their positions and hits. */
  fired: FiredSet;
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
  /** Which rules held: the fired triggers' positions, the rules' band's and the stage's (-1 for none). */
  held: { triggers: number[]; band: number; stage: number };
  /** Rules that did not hold for want of withheld data (SUPP, NE...), in evaluation order. */
  undecided: Undecided[];
}

/** Why a rule held, in words: the supporting conditions, and which leaves they are (bits; -1 when not known by bits). */
export interface HeldWords {
  parts: string[];
  bits: number;
  /** The facts of the leaves (by bit), or of the supporting leaves when bits is -1. */
  facts: readonly string[];
  /** How many leaves the rule has (0 for a rule without conditions). */
  leaves: number;
}

/** Rows not moderated contradict nothing (read-only, shared). */
const NO_CONTRADICTIONS: Outcome["contradicts"] = Object.freeze([]) as unknown as Outcome["contradicts"];
/** Rows without withheld data have no undecided rules (read-only, shared). */
const NONE_UNDECIDED: Undecided[] = Object.freeze([]) as unknown as Undecided[];
/** Groups by kind of rule. */
const KINDS: Record<RuleTrace["kind"], number> = { trigger: 0, band: 1, stage: 2 };

/** No additions fit the school (read-only, shared). */
const NO_ADDITIONS: StageAdditionHit[] = Object.freeze([]) as unknown as StageAdditionHit[];
const NO_ADDITIONS_DUE: readonly { test: Compiled; label: string; nextAction: string }[] = [];

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
  evaluate(facts: Record<string, FactValue>, asOf: string, history: (id: string) => HistoryEntry[] | undefined, withheld?: ReadonlyMap<string, string>): Outcome;
  /** The rules of each kind, in order, as Outcome.held numbers them. */
  rules: Record<RuleTrace["kind"], readonly { id: string; label: string; conditional: boolean }[]>;
  /**
   * Why a rule that held for a school held (its facts as evaluate left them), in words: into
   * `out.parts` (length set), with which leaves. Only good until it is asked again.
   */
  heldWords(kind: RuleTrace["kind"], index: number, facts: Facts): HeldWords;
  /**
   * A school's rule traces, made again from its facts as evaluate left them: the rules that held,
   * those ranked above the band and stage given (why not higher?), and those left undecided.
   */
  traces(facts: Facts, withheld?: ReadonlyMap<string, string>): RuleTrace[];
  /** The triggers with margins, for watch flags (watch.ts); undefined when none has one. */
  watch?: Watcher;
}

export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const operators = operatorLookup();
  const label = factLabels(ruleset);
  const ctx = { operators, shared: ruleset.sharedConditions ?? {}, label, compiledShared: new Map() };
  const derived = compileDerived(ruleset);
  const rule = (kind: RuleTrace["kind"], r: { id: string; label: string; conditions?: Condition }): CompiledRule => {
    const test: Compiled = r.conditions ? compileCondition(r.conditions, ctx) : () => true;
    const fields = r.conditions ? fieldsBehind(r.conditions, ctx.shared, derived.sources) : new Set<string>();
    const words = r.conditions ? ruleWords(r.conditions, ctx) : undefined;
    const leaves = r.conditions ? leavesInOrder(r.conditions, ctx.shared) : [];
    return { kind, id: r.id, label: r.label, test, decide: (f) => test(f), trace: (f, out) => test(f, out), fields, traced: { size: 0 }, conditional: !!r.conditions, words, leaves };
  };
  const triggers = ruleset.triggers.map((t) => rule("trigger", t));
  const bands = ruleset.bands.map((b) => rule("band", b));
  const stages = (ruleset.escalation ?? []).map((s) => rule("stage", s));
  const lists = [ruleset.triggers, ruleset.bands, ruleset.escalation ?? []];
  const generated = generateGroups(lists.map((l) => l.map((r) => r.conditions)), ctx);
  const groups = [triggers, bands, stages].map((compiled, g): RuleGroup => {
    const made = generated?.[g];
    compiled.forEach((r, i) => {
      if (!made) return;
      r.decide = made.decide[i];
      r.trace = made.trace[i];
      r.keys = made.keys[i];
    });
    const all = made
      ? made.all
      : (f: Facts, out: Uint8Array) => {
          let bits = 0;
          compiled.forEach((r, i) => {
            out[i] = r.decide(f) ? 1 : 0;
            if (out[i] && i < 30) bits |= 1 << i;
          });
          return bits;
        };
    const first = made ? made.first : (f: Facts) => compiled.findIndex((r) => r.decide(f));
    return { rules: compiled, all, first, held: new Uint8Array(compiled.length), bits: 0 };
  });
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
  const addConstants = constantsAdder(Object.keys(ruleset.constants ?? {}));
  const factIds = factOrder(ruleset);
  const blank: Record<string, FactValue> = Object.fromEntries(factIds.map((id) => [id, null]));

  const leafTests = new Map<Leaf, Compiled>();
  const test: RowContext["test"] = (leaf, facts) => {
    if (!leafTests.has(leaf)) leafTests.set(leaf, compileCondition(leaf, ctx));
    return leafTests.get(leaf)!(facts);
  };

  /** Whether a field behind the fact held a marker or unreadable text. */
  const wasWithheld = (fact: string, withheld: ReadonlyMap<string, string> | undefined) => (derived.sources.get(fact) ?? []).some((f) => withheld?.has(f));

  // One frozen list per distinct set of fired triggers: rows share it, and with it the traces of
  // the conditions that look at it ("Triggers includes ..."), its positions and its hits.
  const firedSets = new Map<string | number, FiredSet>();
  const firedIds = (flags: Uint8Array) => triggers.filter((_, i) => flags[i]).map((t) => t.id);
  const firedSet = (flags: Uint8Array, bits: number): FiredSet => {
    // Keyed by the fired triggers' positions as bits (the ids joined, for rulesets with 31 or more).
    const key = triggers.length <= 30 ? bits : firedIds(flags).join("\n");
    let set = firedSets.get(key);
    if (!set) {
      set = { list: Object.freeze(firedIds(flags)) as string[], at: Object.freeze(triggers.flatMap((_, i) => (flags[i] ? [i] : []))) as number[] };
      if (firedSets.size >= 10_000) firedSets.clear();
      firedSets.set(key, set);
    }
    return set;
  };

  // Traces are collected here, then copied out at their exact length: traces may be kept for
  // every row, and arrays grown by push carry spare room.
  const scratch: ConditionTrace[] = [];
  const values: unknown[] = [];
  const words: HeldWords = { parts: [], bits: 0, facts: [], leaves: 0 };
  // What derived facts are worked out with: one object, its run date and history set for each row.
  const rowContext: RowContext = { asOf: "", history: () => undefined, test };

  /** Traces one rule: every leaf with its value; `undecided` when only withheld data stood in its way. */
  const trace = (r: CompiledRule, facts: Facts, held: boolean, withheld?: ReadonlyMap<string, string>, share = true): RuleTrace => {
    // Rows whose conditions looked at the same values share one rule trace (explanations kept for
    // many schools): found by those values before any condition is traced.
    const count = share && r.keys ? r.keys(facts, values) : -1;
    const node = count >= 0 ? traceNode(r.traced, values, count) : undefined;
    const seen = node && (node.decided ?? node.undecided);
    let conditions: ConditionTrace[];
    let missing: string[];
    if (seen) {
      conditions = seen.conditions;
      missing = seen.missing;
    } else {
      scratch.length = 0;
      r.trace(facts, scratch);
      conditions = scratch.slice();
      missing = missingFacts(scratch);
    }
    const undecided = !held && !!withheld?.size && missing.some((f) => wasWithheld(f, withheld)) && r.test(facts, undefined, true);
    const known = node && (undecided ? node.undecided : node.decided);
    if (known) return known;
    const t: RuleTrace = { kind: r.kind, id: r.id, label: r.label, held, conditions, missing };
    if (undecided) t.undecided = true;
    if (node) {
      node[undecided ? "undecided" : "decided"] = t;
    }
    return t;
  };

  /**
   * Rules are decided without tracing (fast). Where a cell held a SUPP-style marker, the rules that
   * might have held with the data are traced into `undecided`. Given `traces`, every rule an
   * explanation shows is traced into it, in order: those that held, those ranked above the band or
   * stage chosen (why not higher?), and the undecided.
   */
  const decide = (group: RuleGroup, facts: Facts, withheld: ReadonlyMap<string, string> | undefined, firstOnly: boolean, traces: RuleTrace[] | null, undecided: Undecided[]): number => {
    const { rules } = group;
    const flags = group.held;
    let last = -1;
    if (firstOnly) {
      flags.fill(0);
      last = group.first(facts);
      if (last >= 0) flags[last] = 1;
    } else group.bits = group.all(facts, flags);
    // Nothing to trace, and no withheld cell to leave a rule undecided: the decision is all.
    if (!traces && !withheld?.size) return last;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const ok = flags[i] === 1;
      if (ok || (i < last && traces)) traces?.push(trace(r, facts, ok, withheld));
      else if (withheld?.size && (i < last || !firstOnly || last < 0) && restsOnAny(r.fields, withheld) && r.test(facts, undefined, true)) {
        // Only a rule that could hold when missing facts go its way can be undecided: traced for
        // an explanation; for Reasons, only the facts it lacked (trace's `missing`, undecided.ts).
        if (traces) {
          const t = trace(r, facts, false, withheld);
          if (t.undecided) traces.push(t);
        } else {
          const missing = missingOf(r.leaves, facts);
          if (missing.some((f) => wasWithheld(f, withheld))) undecided.push({ label: r.label, missing });
        }
      }
    }
    return last;
  };

  return {
    ruleset,
    operators,
    sources: derived.sources,
    label,
    blankFacts: () => ({ ...blank }),
    watch: compileWatch(ruleset, ctx, derived.sources),
    rules: { trigger: triggers, band: bands, stage: stages },
    heldWords(kind, index, facts) {
      const r = groups[KINDS[kind]].rules[index];
      if (!r.conditional) {
        words.parts.length = 0;
        words.bits = 0;
        words.leaves = 0;
      } else if (r.words) {
        words.bits = r.words.words(facts, words.parts);
        words.facts = r.words.facts;
        words.leaves = r.words.facts.length;
      } else {
        // Too many leaves for bits: from the rule's trace.
        const t = trace(r, facts, true);
        const held = supporting(t);
        words.parts = held.map(describeCondition);
        words.bits = -1;
        words.facts = held.map((c) => c.fact);
        words.leaves = t.conditions.length;
      }
      return words;
    },
    traces(facts, withheld) {
      const out: RuleTrace[] = [];
      const none: RuleTrace[] = [];
      decide(groups[0], facts, withheld, false, out, none);
      decide(groups[1], facts, withheld, true, out, none);
      decide(groups[2], facts, withheld, true, out, none);
      return out;
    },
    evaluate(facts, asOf, history, withheld) {
      const year = (ruleset.year?.field ? yearText(facts[ruleset.year.field]) : null) ?? ruleset.year?.default ?? academicYearOf(asOf);
      facts.asOf = asOf;
      facts.year = year;
      addConstants(facts, constants(year));
      rowContext.asOf = asOf;
      rowContext.history = history;
      derived.apply(facts, rowContext);
      const all = facts as Facts;
      let undecided = NONE_UNDECIDED;
      if (withheld?.size) undecided = [];
      decide(groups[0], all, withheld, false, null, undecided);
      const firedNow = firedSet(groups[0].held, groups[0].bits);
      const fired = firedNow.list;
      all.triggers = fired;
      all.triggerCount = fired.length;
      // Bands and stages: the first (highest) that holds wins.
      const bandAt = decide(groups[1], all, withheld, true, null, undecided);
      const ruleBand = groups[1].rules[bandAt].id;
      // Decisive data missing: the ruleset's "not categorised" band, not a silent lower one.
      const notCategorised = undecidable(all, ruleBand);
      const decided = notCategorised ? ruleset.notCategorised!.band : ruleBand;
      const { band, moderated, problem } = moderate(ruleset, decided, ruleset.override ? facts[ruleset.override.field] : null);
      let contradicts = NO_CONTRADICTIONS;
      if (moderated) {
        for (const m of mandatory) {
          if ((rank.get(band) ?? 0) <= (rank.get(m.band) ?? 0)) continue;
          const t = traced(m.test, all);
          if (t.held) (contradicts === NO_CONTRADICTIONS ? (contradicts = []) : contradicts).push({ label: m.label, band: m.band, conditions: t.conditions });
        }
      }
      // Escalation follows the category the school ends with, moderated or not.
      all.band = band;
      const at = decide(groups[2], all, withheld, true, null, undecided);
      const stage = at >= 0 ? groups[2].rules[at].id : null;
      let added = NO_ADDITIONS;
      for (const a of (stage === null ? undefined : additions.get(stage)) ?? NO_ADDITIONS_DUE) {
        const t = traced(a.test, all);
        if (t.held) (added === NO_ADDITIONS ? (added = []) : added).push({ label: a.label, nextAction: a.nextAction, conditions: t.conditions });
      }
      const held = { triggers: firedNow.at, band: bandAt, stage: at };
      const outcome: Outcome = { facts, triggers: fired, fired: firedNow, band, ruleBand, moderated, contradicts, stage, additions: added, held, undecided };
      if (problem) outcome.overrideProblem = problem;
      if (notCategorised) outcome.notCategorised = notCategorised;
      return outcome;
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

/** Fields behind a condition's facts (shared conditions followed), by the facts' sources. */
function fieldsBehind(c: Condition, shared: Record<string, Condition>, sources: Map<string, string[]>): Set<string> {
  const fields = new Set<string>();
  const seen = new Set<string>();
  const walk = (x: Condition) => {
    forEachLeaf(x, [], (leaf) => {
      for (const f of sources.get(leaf.fact) ?? []) fields.add(f);
    });
    forEachReference(x, [], (name) => {
      const target = own(shared, name);
      if (target !== undefined && !seen.has(name)) {
        seen.add(name);
        walk(target);
      }
    });
  };
  walk(c);
  return fields;
}

/** Whether any withheld field is among a rule's fields. */
function restsOnAny(fields: Set<string>, withheld: ReadonlyMap<string, string>): boolean {
  for (const f of withheld.keys()) if (fields.has(f)) return true;
  return false;
}

/** Rule traces without missing facts share one (read-only) empty list. */
const NONE_MISSING = Object.freeze([]) as unknown as string[];

/** Facts the traced conditions found missing, each once, in order. */
function missingFacts(conditions: ConditionTrace[]): string[] {
  if (!conditions.some((c) => c.missing)) return NONE_MISSING;
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
/**
 * Copies the constants for the row's year into its facts: one store by name per constant, written
 * once per run (Object.assign takes each name in turn, which is slow); by Object.assign where new
 * Function is refused.
 */
function constantsAdder(ids: string[]): (facts: Record<string, FactValue>, values: Record<string, FactValue>) => void {
  try {
    return new Function("f", "c", ids.map((id) => `f[${JSON.stringify(id)}] = c[${JSON.stringify(id)}];`).join("\n")) as (facts: Record<string, FactValue>, values: Record<string, FactValue>) => void;
  } catch {
    return (facts, values) => Object.assign(facts, values);
  }
}

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
