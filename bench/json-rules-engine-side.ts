// The same work done with plain json-rules-engine, for the bench: the rows are read and the derived
// facts worked out as the hand-written version does it (staffordshire-by-hand.ts), then each school
// goes through Engine.run three times (triggers, bands, stages; the same rules and operators as the
// engine's), and its due dates and the reason lines for its category, triggers and stage are made
// from the conditions json-rules-engine evaluated, with the sheet columns behind each fired trigger
// (its cells) from the same conditions. A fourth Engine.run, of the triggers' loosened copies
// (json-rules-engine-watch.ts), given the same facts object, gives the school's watch flags. Lines
// it cannot make (moderation, not categorised, a stage's additions, rules left undecided) are left
// to the hand-written check.
// json-rules-engine is used as well as it can be for this work: Engine.run is given only the facts
// the rules name (it makes a Fact, a hash and a promise for each fact it is given), triggers share
// one priority (evaluated together), and bands and stages rank by priority with the run stopped at
// the first that holds, as the engine stops at it.
import type { Engine, RuleResult } from "json-rules-engine";
import type { Condition, Ruleset } from "../engine/ruleset/schema";
import { describeCondition } from "../engine";
import { engineFor } from "../engine/evaluate/json-rules-engine-reference";
import { forEachLeaf, forEachReference, isFactRef } from "../engine/ruleset/conditions";
import { own } from "../engine/ruleset/dictionaries";
import { factLabels } from "../engine/facts";
import { addDays } from "../engine/util/dates";
import { finalBand, schoolFactsByHand, type HandSheet, type SchoolFacts } from "./staffordshire-by-hand";
import { columnsBehind, factSources } from "./json-rules-engine-columns";
import { watchEngine, type Evaluated, type WatchFlag } from "./json-rules-engine-watch";

export interface EngineSideResult {
  row: number;
  triggers: string[];
  ruleBand: string;
  stage: string | null;
  due: string | null;
  dueFrom: string | null;
  /** Lines for the category, each trigger and the stage, in the engine's wording. */
  reasons: string[];
  /** Per fired trigger (ruleset order), the sheet columns behind the conditions that made it hold. */
  cells: { trigger: string; columns: number[] }[];
  /** Near misses of triggers with margins; empty when none. */
  watch: WatchFlag[];
}

const VALUELESS = new Set(["isMissing", "isPresent"]);
/** A ruleset without margins: no school has a watch flag (read-only, shared). */
const NO_WATCH: WatchFlag[] = Object.freeze([]) as unknown as WatchFlag[];

export function jsonRulesEngineSide(ruleset: Ruleset) {
  const label = factLabels(ruleset);
  const triggers = engineFor(ruleset, ruleset.triggers, { ranked: false });
  const bands = firstThatHolds(engineFor(ruleset, ruleset.bands));
  const stages = firstThatHolds(engineFor(ruleset, ruleset.escalation ?? []));
  const named = factsNamed(ruleset);
  const bandLabel = new Map(ruleset.bands.map((b) => [b.id, b.label]));
  const sources = factSources(ruleset);
  const watch = watchEngine(ruleset, label);

  /** "Ofsted grade is 3 (actual 3); ..." from the leaves that made the rule hold; their facts go into `held` when given. */
  const because = (c: Condition | Evaluated, held?: string[]): string => {
    const said: string[] = [];
    const walk = (x: Evaluated, negated: boolean) => {
      if (x.all) x.all.forEach((y) => walk(y, negated));
      else if (x.any) x.any.forEach((y) => walk(y, negated));
      else if (x.not) walk(x.not, !negated);
      else if (x.fact !== undefined && x.result !== negated) {
        const ref = typeof x.value === "object" && x.value !== null && "fact" in x.value ? (x.value as { fact: string }).fact : undefined;
        const expected = VALUELESS.has(x.operator!) ? undefined : ref !== undefined ? { fact: ref, label: label(ref), value: x.valueResult ?? null } : x.value;
        const actual = (x.factResult ?? null) as never;
        said.push(describeCondition({ fact: x.fact, label: label(x.fact), operator: x.operator!, expected, actual, held: x.result!, missing: false, ...(negated ? { negated } : {}) }));
        held?.push(x.fact);
      }
    };
    walk(c as Evaluated, false);
    return said.length ? said.join("; ") : "no conditions";
  };

  const held = async (engine: Engine, facts: Record<string, unknown>) => {
    const { results } = await engine.run(facts);
    return new Map(results.map((r: RuleResult) => [r.name as string, r]));
  };

  return async function run(sheets: Record<string, HandSheet>, asOf: string): Promise<EngineSideResult[]> {
    const out: EngineSideResult[] = [];
    const columns = columnsBehind(ruleset, sources, sheets.Schools.headers);
    const heldFacts: string[] = [];
    for (const school of schoolFactsByHand(sheets, asOf)) {
      const facts: Record<string, unknown> = {};
      for (const id of named) facts[id] = school[id as keyof SchoolFacts];
      const fired = await held(triggers, facts);
      const flags = watch.engine ? watch.flags((await watch.engine.run(facts)).results, fired, columns) : NO_WATCH;
      const firedIds = ruleset.triggers.filter((t) => fired.has(t.id)).map((t) => t.id);
      facts.triggers = firedIds;
      facts.triggerCount = firedIds.length;
      const bandsHeld = await held(bands, facts);
      const ruleBand = ruleset.bands.find((b) => bandsHeld.has(b.id))!.id;
      const { band, moderated, notCategorised } = finalBand(ruleBand, school);
      facts.band = band;
      const stagesHeld = await held(stages, facts);
      const stage = (ruleset.escalation ?? []).find((s) => stagesHeld.has(s.id));

      let due: string | null = null;
      let dueFrom: string | null = null;
      if (stage?.due) {
        const from = stage.due.from ? school[stage.due.from as keyof SchoolFacts] : null;
        const base = typeof from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : asOf;
        due = addDays(base, stage.due.days);
        if (stage.due.earliestDays !== undefined) dueFrom = addDays(base, stage.due.earliestDays);
      }
      const bandResult = bandsHeld.get(ruleBand)!.conditions as unknown as Evaluated;
      const leaves = bandResult.all?.length || bandResult.any?.length || bandResult.not;
      const reasons = [`${moderated || (notCategorised && ruleBand !== band) ? "Rules" : "Category"} ${ruleBand} ${bandLabel.get(ruleBand)}: ${leaves ? because(bandResult) : "no higher category's conditions held"}`];
      const cells: EngineSideResult["cells"] = [];
      for (const t of ruleset.triggers) {
        if (!fired.has(t.id)) continue;
        heldFacts.length = 0;
        reasons.push(`Trigger ${t.label}: ${because(fired.get(t.id)!.conditions as never, heldFacts)}`);
        cells.push({ trigger: t.id, columns: columns.of(heldFacts) });
      }
      if (stage) reasons.push(`Escalation ${stage.label}: ${because(stagesHeld.get(stage.id)!.conditions as never)}`);
      out.push({ row: school.row, triggers: firedIds, ruleBand, stage: stage?.id ?? null, due, dueFrom, reasons, cells, watch: flags });
    }
    return out;
  };
}

/** The engine stops after the first rule that holds (rules rank by priority, one each). */
function firstThatHolds(engine: Engine): Engine {
  engine.on("success", () => {
    engine.stop();
  });
  return engine;
}

/** Facts the rules name (shared conditions followed), besides those the run adds (triggers, band...). */
function factsNamed(ruleset: Ruleset): string[] {
  const named = new Set<string>();
  const seen = new Set<string>();
  const walk = (c: Condition) => {
    forEachLeaf(c, [], (leaf) => {
      named.add(leaf.fact);
      if (isFactRef(leaf.value)) named.add(leaf.value.fact);
    });
    forEachReference(c, [], (name) => {
      const target = own(ruleset.sharedConditions ?? {}, name);
      if (target !== undefined && !seen.has(name)) {
        seen.add(name);
        walk(target);
      }
    });
  };
  for (const r of [...ruleset.triggers, ...ruleset.bands, ...(ruleset.escalation ?? [])]) if (r.conditions) walk(r.conditions);
  for (const added of ["triggers", "triggerCount", "band"]) named.delete(added);
  return [...named];
}
