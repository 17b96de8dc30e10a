// Coverage of a ruleset's stored cases: for every comparison (leaf) in the triggers, bands and
// escalation stages, whether some case makes it true and some case makes it false; and which
// triggers, bands, stages and stage additions no case comes out with.
//
// What counts, exactly:
// - A case counts for a leaf only when its evaluation reaches the leaf's rule: every trigger is
//   decided for every case; bands (and stages) are tried highest first and the first that holds
//   wins, so a case reaches the bands down to the one the rules give it (the stages down to the
//   one it is given, all of them when none), and a stage's additions only when it is given that stage.
// - Inside a rule every leaf is evaluated on the case's facts on its own, whatever its neighbours
//   gave: no short cut (an 'all' whose first leaf failed still counts its second), as the
//   explanations trace them. A leaf's own value counts, not the value a 'not' above it gives.
// - A side (true or false) counts only with the leaf's facts present. A comparison with a missing
//   fact is false for the engine, but a case like that tests missing data, not the threshold,
//   so it is counted apart (missingIn). isMissing and isPresent always count: missingness is what they test.
// - Leaves are the comparisons written in the rules, followed into sharedConditions (once for each
//   place a rule uses one). A comparison on a derived fact is one leaf; how the derived fact is
//   worked out (its 'where', lookup table or pattern) is not measured.
// - Items: two per leaf (its true side, its false side), one per rule (some case comes out with it).
//   A section's percentage is its covered items over its items; the overall one is all covered items
//   over all items (so a big section weighs more), not the mean of the sections' percentages.
import type { Condition, Ruleset } from "../ruleset/schema";
import type { ConditionTrace, FactValue, RowResult } from "../results";
import { formatPath, type PathPart } from "../ruleset/json-text";
import { compileCondition, type Compiled, type Facts } from "../evaluate/compile-condition";
import { operatorLookup } from "../evaluate/operators";
import { factLabels } from "../facts";
import { ruleLeaves } from "./coverage-leaves";
import { leafText } from "./leaf-text";

export type CoverageSection = "triggers" | "bands" | "escalation";
export type CoveredRuleKind = "trigger" | "band" | "stage" | "addition";

export interface CoveredRule {
  section: CoverageSection;
  kind: CoveredRuleKind;
  /** The stage's id for an addition. */
  id: string;
  label: string;
  /** What it is, for lists: "band D High concern", "stage coreGroup, also for church schools". */
  title: string;
  path: PathPart[];
  /** The path written as check writes it: $.bands[2]. */
  where: string;
  /** Cases whose evaluation got as far as this rule. */
  reached: number;
  /** Cases it came out for: the trigger fired, the band or stage was given, the addition applied. */
  given: number;
}

export interface LeafCoverage {
  section: CoverageSection;
  rule: Pick<CoveredRule, "kind" | "id" | "label" | "title" | "where">;
  path: PathPart[];
  where: string;
  /** When the leaf is in a shared condition: where the rule refers to it, and the names followed. */
  via?: { path: PathPart[]; where: string; names: string[] };
  /** The comparison written out: "Progress 8 < KS4 floor: Progress 8". */
  text: string;
  negated: boolean;
  reached: number;
  trueIn: number;
  falseIn: number;
  /** Cases that reached it with a fact it compares missing: counted for neither side. */
  missingIn: number;
  /** The sides no case gives with its facts present. */
  uncovered: ("true" | "false")[];
}

export interface SectionCoverage {
  section: CoverageSection;
  covered: number;
  total: number;
  percent: number;
  leaves: LeafCoverage[];
  rules: CoveredRule[];
}

export interface CaseCoverage {
  cases: number;
  sections: SectionCoverage[];
  covered: number;
  total: number;
  /** covered / total x 100, not rounded (100 when there is nothing to cover). */
  percent: number;
}

interface RuleSpec extends Pick<CoveredRule, "section" | "kind" | "id" | "label" | "title" | "path"> {
  conditions?: Condition;
  /** Whether a case's evaluation reaches the rule, and whether it comes out with it. */
  reaches(row: RowResult): boolean;
  gives(row: RowResult, facts: Facts): boolean;
}

/** Coverage of the results of a ruleset's stored cases (cases that could not run are left out). */
export function caseCoverage(ruleset: Ruleset, rows: RowResult[]): CaseCoverage {
  const label = factLabels(ruleset);
  const ctx = { operators: operatorLookup(), shared: ruleset.sharedConditions ?? {}, label };
  const compiled = new Map<Condition, Compiled>();
  const compile = (c: Condition) => compiled.get(c) ?? compiled.set(c, compileCondition(c, ctx)).get(c)!;
  const facts = rows.map(caseFacts);
  const specs = ruleSpecs(ruleset, compile);
  const sections = (["triggers", "bands", "escalation"] as const).map((section) => {
    const rules = specs.filter((r) => r.section === section);
    const leaves: LeafCoverage[] = [];
    const ruleItems: CoveredRule[] = [];
    for (const r of rules) {
      const reaching = rows.map((row, i) => (r.reaches(row) ? i : -1)).filter((i) => i >= 0);
      const where = formatPath(r.path);
      ruleItems.push({ section, kind: r.kind, id: r.id, label: r.label, title: r.title, path: r.path, where, reached: reaching.length, given: rows.filter((row, i) => r.gives(row, facts[i])).length });
      if (!r.conditions) continue;
      for (const l of ruleLeaves(r.conditions, [...r.path, "conditions"], ctx.shared)) {
        const sides = leafSides(compile(l.leaf), reaching.map((i) => facts[i]));
        const uncovered = [...(sides.trueIn ? [] : ["true" as const]), ...(sides.falseIn ? [] : ["false" as const])];
        leaves.push({
          section,
          rule: { kind: r.kind, id: r.id, label: r.label, title: r.title, where },
          path: l.path,
          where: formatPath(l.path),
          ...(l.via ? { via: { ...l.via, where: formatPath(l.via.path) } } : {}),
          text: leafText(l.leaf, label),
          negated: l.negated,
          reached: reaching.length,
          ...sides,
          uncovered,
        });
      }
    }
    const total = leaves.length * 2 + ruleItems.length;
    const done = leaves.reduce((n, l) => n + 2 - l.uncovered.length, 0) + ruleItems.filter((r) => r.given > 0).length;
    return { section, covered: done, total, percent: percentOf(done, total), leaves, rules: ruleItems };
  });
  const covered = sections.reduce((n, s) => n + s.covered, 0);
  const total = sections.reduce((n, s) => n + s.total, 0);
  return { cases: rows.length, sections, covered, total, percent: percentOf(covered, total) };
}

const percentOf = (covered: number, total: number) => (total ? (covered / total) * 100 : 100);

/** The facts each kind of rule saw: the row's, with the fired triggers and the band it ended with. */
function caseFacts(row: RowResult): Facts {
  return {
    ...(row.facts as Record<string, FactValue>),
    triggers: row.triggers.map((t) => t.id),
    triggerCount: row.triggers.length,
    band: row.band,
  };
}

function leafSides(test: Compiled, cases: Facts[]): { trueIn: number; falseIn: number; missingIn: number } {
  let trueIn = 0;
  let falseIn = 0;
  let missingIn = 0;
  const trace: ConditionTrace[] = [];
  for (const f of cases) {
    trace.length = 0;
    test(f, trace);
    const t = trace[0];
    if (!t || t.missing) missingIn++;
    else if (t.held) trueIn++;
    else falseIn++;
  }
  return { trueIn, falseIn, missingIn };
}

/** Every rule of the three sections, in the order the ruleset lists them, with how a case reaches it. */
function ruleSpecs(ruleset: Ruleset, compile: (c: Condition) => Compiled): RuleSpec[] {
  const specs: RuleSpec[] = [];
  ruleset.triggers.forEach((t, i) =>
    specs.push({ section: "triggers", kind: "trigger", id: t.id, label: t.label, title: `trigger ${t.id} ${t.label}`, path: ["triggers", i], conditions: t.conditions, reaches: () => true, gives: (row) => row.triggers.some((x) => x.id === t.id) }),
  );
  const bandAt = (id: string) => ruleset.bands.findIndex((b) => b.id === id);
  const notCategorised = ruleset.notCategorised?.band;
  ruleset.bands.forEach((b, i) =>
    specs.push({
      section: "bands", kind: "band", id: b.id, label: b.label, title: `band ${b.id} ${b.label}`, path: ["bands", i], conditions: b.conditions,
      reaches: (row) => i <= bandAt(row.ruleBand),
      gives: (row) => row.ruleBand === b.id || (!!row.notCategorised && notCategorised === b.id),
    }),
  );
  const stages = ruleset.escalation ?? [];
  const stageOf = (row: RowResult) => row.escalation?.stage ?? null;
  stages.forEach((s, i) => {
    specs.push({
      section: "escalation", kind: "stage", id: s.id, label: s.label, title: `stage ${s.id} ${s.label}`, path: ["escalation", i], conditions: s.conditions,
      reaches: (row) => {
        const at = stages.findIndex((x) => x.id === stageOf(row));
        return at < 0 || i <= at;
      },
      gives: (row) => stageOf(row) === s.id,
    });
    s.also?.forEach((a, j) =>
      specs.push({
        section: "escalation", kind: "addition", id: s.id, label: a.label, title: `stage ${s.id}, also for ${a.label}`, path: ["escalation", i, "also", j], conditions: a.conditions,
        reaches: (row) => stageOf(row) === s.id,
        gives: (row, facts) => stageOf(row) === s.id && compile(a.conditions)(facts),
      }),
    );
  });
  return specs;
}
