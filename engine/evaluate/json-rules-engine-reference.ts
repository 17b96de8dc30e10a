// Plain json-rules-engine evaluation of a ruleset: the reference the compiled evaluator is checked
// against (tests and `npm run bench`). Same rules, same operators, run through Engine.run.
import { Engine, Operator, type RuleProperties } from "json-rules-engine";
import type { Ruleset, Condition } from "../ruleset/schema";
import type { FactValue } from "../results";
import { EXTRA_OPERATORS, MISSING_OPERATORS, missingAware, type OperatorLookup, type RunnableOperator } from "./operators";

/**
 * A json-rules-engine Engine with json-rules-engine's own operators and decorators, plus this
 * project's extra operators, every one made missing-aware as operators.ts makes them. Only the
 * callbacks of the extra operators are shared, so the equivalence test checks operators.ts's copy
 * of json-rules-engine's operators and decorators against the real ones.
 */
export function createEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const o of [...EXTRA_OPERATORS, ...MISSING_OPERATORS]) engine.addOperator(new Operator(o.name, o.cb, o.validator));
  const map = (engine as unknown as { operators: OperatorLookup }).operators;
  const plainGet = map.get.bind(map);
  const cache = new Map<string, RunnableOperator | null>();
  map.get = (name: string) => {
    if (!cache.has(name)) {
      const op = plainGet(name);
      cache.set(name, op ? missingAware(op) : null);
    }
    return cache.get(name)!;
  };
  return engine;
}

/** The Engine's own operator lookup (decorated names included). */
export const engineOperators = (engine: Engine): OperatorLookup => (engine as unknown as { operators: OperatorLookup }).operators;

export interface ReferenceOutcome {
  triggers: string[];
  band: string;
  stage: string | null;
}

/** json-rules-engine needs a value on every leaf (isMissing/isPresent take none here). */
function withValues(c: Condition): Condition {
  if ("fact" in c) return c.value === undefined ? { ...c, value: true } : c;
  if ("all" in c) return { ...c, all: c.all.map(withValues) };
  if ("any" in c) return { ...c, any: c.any.map(withValues) };
  if ("not" in c) return { ...c, not: withValues(c.not) };
  return c;
}

/** json-rules-engine wants a top-level all/any/not/condition; a bare leaf is wrapped in all. */
const topLevel = (c: Condition): RuleProperties["conditions"] => {
  const v = withValues(c);
  return ("fact" in v ? { all: [v] } : v) as RuleProperties["conditions"];
};

/**
 * An Engine holding the rules (named by id, earlier ones first), with the ruleset's shared
 * conditions. `ranked: false` gives every rule one priority, so json-rules-engine evaluates them
 * together rather than one priority after another (for rules whose order does not matter).
 */
export function engineFor(ruleset: Ruleset, rules: { id: string; conditions?: Condition }[], { ranked = true } = {}): Engine {
  const engine = createEngine();
  for (const [name, c] of Object.entries(ruleset.sharedConditions ?? {})) engine.setCondition(name, topLevel(c) as never);
  rules.forEach((r, i) => {
    engine.addRule({
      name: r.id,
      // Bands and stages: earlier ones rank higher; json-rules-engine priority is only for ordering here.
      priority: ranked ? rules.length - i : 1,
      conditions: r.conditions ? topLevel(r.conditions) : { all: [] },
      event: { type: r.id },
    });
  });
  return engine;
}

export interface ReferenceEngine {
  /** Evaluates facts that already hold constants and derived facts (as CompiledRuleset.evaluate leaves them). */
  run(facts: Record<string, FactValue>): Promise<ReferenceOutcome>;
}

export function referenceEngine(ruleset: Ruleset): ReferenceEngine {
  const triggers = engineFor(ruleset, ruleset.triggers);
  const bands = engineFor(ruleset, ruleset.bands);
  const stages = engineFor(ruleset, ruleset.escalation ?? []);
  const firstHeld = async (engine: Engine, order: { id: string }[], facts: Record<string, unknown>) => {
    const { results } = await engine.run(facts);
    const held = new Set(results.map((r) => r.name));
    return order.find((r) => held.has(r.id))?.id ?? null;
  };
  return {
    async run(facts) {
      const base: Record<string, unknown> = { ...facts };
      delete base.band;
      const { results } = await triggers.run(base);
      const held = new Set(results.map((r) => r.name));
      const fired = ruleset.triggers.filter((t) => held.has(t.id)).map((t) => t.id);
      const withTriggers = { ...base, triggers: fired, triggerCount: fired.length };
      const ruleBand = (await firstHeld(bands, ruleset.bands, withTriggers))!;
      // The band stages see is the final one (moderated when the officer said so), as in evaluate.ts.
      const band = typeof facts.band === "string" ? facts.band : ruleBand;
      const stage = ruleset.escalation?.length ? await firstHeld(stages, ruleset.escalation, { ...withTriggers, band }) : null;
      return { triggers: fired, band: ruleBand, stage };
    },
  };
}
