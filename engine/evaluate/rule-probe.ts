// Re-asking a rule about one school after a run, from the facts the run kept: which of its
// conditions held (for explanations of rules that did not fire), and whether it could have held
// had the missing facts gone its way. Used by diff and backtest, whatever the run chose to trace.
import type { ConditionTrace, FactValue, RowResult, RuleTrace } from "../results";
import type { Condition, Ruleset } from "../ruleset/schema";
import { compileCondition, type Compiled, type Facts } from "./compile-condition";
import { operatorLookup } from "./operators";
import { factLabels } from "../facts";

export interface RuleProbe {
  /** Every leaf of the rule with its value for this row; undefined when the ruleset has no such rule. */
  trace(kind: RuleTrace["kind"], id: string, row: RowResult): ConditionTrace[] | undefined;
  /** The rule did not hold, but would have with the row's missing facts. */
  couldHold(kind: RuleTrace["kind"], id: string, row: RowResult): boolean;
}

export function ruleProbe(ruleset: Ruleset): RuleProbe {
  const ctx = { operators: operatorLookup(), shared: ruleset.sharedConditions ?? {}, label: factLabels(ruleset) };
  const lists: Record<RuleTrace["kind"], { id: string; conditions?: Condition }[]> = {
    trigger: ruleset.triggers,
    band: ruleset.bands,
    stage: ruleset.escalation ?? [],
  };
  const cache = new Map<string, Compiled | null>();
  const compiled = (kind: RuleTrace["kind"], id: string) => {
    const k = `${kind}:${id}`;
    if (!cache.has(k)) {
      const c = lists[kind].find((x) => x.id === id)?.conditions;
      cache.set(k, c ? compileCondition(c, ctx) : null);
    }
    return cache.get(k);
  };
  const facts = (row: RowResult): Facts => ({
    ...(row.facts as Record<string, FactValue>),
    triggers: row.triggers.map((t) => t.id),
    triggerCount: row.triggers.length,
    band: row.band,
  });
  return {
    trace(kind, id, row) {
      const test = compiled(kind, id);
      if (!test) return undefined;
      const out: ConditionTrace[] = [];
      test(facts(row), out);
      return out;
    },
    couldHold(kind, id, row) {
      const test = compiled(kind, id);
      if (!test) return false;
      const f = facts(row);
      return !test(f) && test(f, undefined, true);
    },
  };
}
