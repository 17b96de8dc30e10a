// engine/evaluate/generate-deciders.ts: rule conditions written out as JavaScript decide and trace
// exactly as compile-condition.ts's functions do (same outcome, same traces, in the same order), for
// every operator and decorator on awkward values; and a run where new Function is refused (a
// Content-Security-Policy without 'unsafe-eval') falls back to those functions with the same results.
import * as fs from "fs";
import * as path from "path";
import { compileCondition, type CompileContext, type Facts } from "../../engine/evaluate/compile-condition";
import { generateGroups } from "../../engine/evaluate/generate-deciders";
import { BASE_OPERATORS, DECORATORS, operatorLookup } from "../../engine/evaluate/operators";
import { categorise, memorySource, parseRuleset, plainResults } from "../../engine";
import { withEvalRefused } from "../helpers/eval-refused";
import type { Condition } from "../../engine/ruleset/schema";
import type { ConditionTrace } from "../../engine/results";
import { syntheticSchools } from "../../bench/synthetic-schools";

const shared: Record<string, Condition> = {
  low: { any: [{ fact: "x", operator: "lessThan", value: 3 }, { not: { fact: "y", operator: "isPresent" } }] },
  both: { all: [{ condition: "low" }, { fact: "z", operator: "in", value: ["a", "b", 1] }] },
};
const ctx = (): CompileContext => ({ operators: operatorLookup(), shared, label: (f) => f.toUpperCase() });

/** Values that have tripped comparisons up: missing, NaN, -0, numbers as text, lists, dates as text. */
const VALUES: unknown[] = [null, undefined, 0, -0, 1, 2.5, 3, -7, NaN, Infinity, "", "3", "abc", "A", "2024-02-29", "2025-01-01", true, false, [], [1, 2], ["a", "b"], [3, 4]];
const EXPECTED: unknown[] = [null, 3, "3", "a", [1, "a", 3], [2, 4], "2024-06-01", true, 0, [], "^a", { fact: "y" }];

function conditionsToTry(): Condition[] {
  const out: Condition[] = [];
  const ops = [...BASE_OPERATORS, ...DECORATORS.flatMap((d) => ["equal", "in", "lessThan", "contains"].map((o) => `${d}:${o}`)), "not:someFact:greaterThan"];
  for (const operator of ops) for (const value of EXPECTED) out.push({ fact: "x", operator, value } as Condition);
  out.push({ all: [] }, { any: [] }, { not: { all: [{ condition: "both" }, { fact: "x", operator: "equal", value: { fact: "z" } }] } });
  out.push({ any: [{ condition: "low" }, { not: { condition: "low" } }, { all: [{ fact: "z", operator: "notIn", value: [1] }, { not: { any: [{ fact: "y", operator: "equal", value: true }] } }] }] });
  return out;
}

const rows = (): Facts[] => {
  const out: Facts[] = [];
  VALUES.forEach((x, i) => out.push({ x, y: VALUES[(i * 7) % VALUES.length], z: VALUES[(i * 5 + 3) % VALUES.length] } as Facts));
  return out;
};

/** The outcome of a test, or the error it threw (an operator given a value it cannot take throws). */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    return `threw ${(e as Error).constructor.name}`;
  }
}

test("every operator and decorator decides and traces as compile-condition.ts does, on awkward values", () => {
  const conditions = conditionsToTry();
  const closures = conditions.map((c) => compileCondition(c, ctx()));
  const generated = generateGroups([conditions], ctx())![0];
  expect(generated.decide).toHaveLength(conditions.length);
  let compared = 0;
  for (const facts of rows()) {
    conditions.forEach((_, i) => {
      expect(outcome(() => generated.decide[i](facts))).toEqual(outcome(() => closures[i](facts)));
      const a: ConditionTrace[] = [];
      const b: ConditionTrace[] = [];
      expect(outcome(() => generated.trace[i](facts, a))).toEqual(outcome(() => closures[i](facts, b)));
      expect(a).toEqual(b);
      compared++;
    });
  }
  expect(compared).toBeGreaterThan(5000);
});

test("all at once and the first that holds agree with deciding rule by rule", () => {
  const conditions = conditionsToTry().filter((c) => outcome(() => rows().map((f) => compileCondition(c, ctx())(f))) instanceof Array);
  const group = generateGroups([conditions], ctx())![0];
  const held = new Uint8Array(conditions.length);
  for (const facts of rows()) {
    group.all(facts, held);
    const one = conditions.map((_, i) => (group.decide[i](facts) ? 1 : 0));
    expect([...held]).toEqual(one);
    expect(group.first(facts)).toBe(one.indexOf(1));
  }
});

test("fact ids and values that are awkward as JavaScript source are read as data", () => {
  const odd = ['a"b', "x\\u2028y", "constructor", "__proto__", "}); throw 1; ({"];
  const conditions: Condition[] = odd.map((fact) => ({ fact, operator: "equal", value: `${fact}!"\n` }));
  const group = generateGroups([conditions], ctx())![0];
  const facts = Object.fromEntries(odd.map((f) => [f, `${f}!"\n`])) as Facts;
  odd.forEach((f, i) => {
    expect(group.decide[i](facts)).toBe(compileCondition(conditions[i], ctx())(facts));
    expect(group.decide[i]({} as Facts)).toBe(compileCondition(conditions[i], ctx())({} as Facts));
  });
});

test("where new Function is refused, a run decides with compile-condition.ts's functions and gives the same results", async () => {
  const ruleset = parseRuleset(fs.readFileSync(path.resolve(__dirname, "../../rules/staffordshire.json"), "utf8"));
  const source = memorySource(syntheticSchools(1500, 11));
  const generated = await categorise(source, ruleset, { asOf: "2026-11-20" });
  const fallback = await withEvalRefused(() => {
    expect(generateGroups([[{ fact: "x", operator: "equal", value: 1 }]], ctx())).toBeNull();
    return categorise(source, ruleset, { asOf: "2026-11-20" });
  });
  // Rule traces too (made when read), and the Reasons and trigger cells written without them.
  expect(JSON.stringify(plainResults(fallback.rows))).toBe(JSON.stringify(plainResults(generated.rows)));
  expect(generated.rows.length).toBe(1500);
});
