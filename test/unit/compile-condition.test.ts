// engine/evaluate/compile-condition.ts: conditions compiled to functions over a row's facts, with
// traces for explanations, the "hopeful" mode used to find rules left undecided by missing data,
// and short-circuiting when no trace is wanted.
import { compileCondition, type CompileContext, type Facts } from "../../engine/evaluate/compile-condition";
import { operatorLookup } from "../../engine/evaluate/operators";
import type { Condition } from "../../engine/ruleset/schema";
import type { ConditionTrace } from "../../engine/results";

const LABELS: Record<string, string> = { grade: "Ofsted grade", p8: "Progress 8", floor: "KS4 floor", absence: "Overall absence %", notice: "Latest notice" };

const shared: Record<string, Condition> = {
  inadequate: { any: [{ fact: "grade", operator: "equal", value: 4 }, { fact: "category", operator: "in", value: ["SWK", "SM"] }] },
  maintained: { all: [{ fact: "academy", operator: "equal", value: false }] },
  // A shared condition may itself refer to another.
  maintainedAndInadequate: { all: [{ condition: "maintained" }, { condition: "inadequate" }] },
};

const ctx: CompileContext = { operators: operatorLookup(), shared, label: (f) => LABELS[f] ?? f };
const compile = (c: Condition) => compileCondition(c, ctx);
const traced = (c: Condition, facts: Facts) => {
  const trace: ConditionTrace[] = [];
  const held = compile(c)(facts, trace);
  return { held, trace };
};

/** Facts that record which ones were looked at. */
function watched(facts: Facts): { facts: Facts; read: string[] } {
  const read: string[] = [];
  const proxy = new Proxy(facts, {
    get(target, key) {
      if (typeof key === "string") read.push(key);
      return target[key as string];
    },
  });
  return { facts: proxy, read };
}

describe("compileCondition: deciding", () => {
  test("a leaf", () => {
    const c = compile({ fact: "grade", operator: "greaterThanInclusive", value: 3 });
    expect(c({ grade: 3 })).toBe(true);
    expect(c({ grade: 2 })).toBe(false);
    expect(c({ grade: null })).toBe(false);
    expect(c({})).toBe(false);
  });

  test("all, any and not, nested", () => {
    const c = compile({
      all: [
        { fact: "grade", operator: "in", value: [3, 4] },
        { any: [{ fact: "p8", operator: "lessThan", value: -0.5 }, { not: { fact: "absence", operator: "lessThan", value: 10 } }] },
      ],
    });
    expect(c({ grade: 3, p8: -1, absence: 5 })).toBe(true);
    expect(c({ grade: 3, p8: 0, absence: 12 })).toBe(true);
    expect(c({ grade: 3, p8: 0, absence: 5 })).toBe(false);
    expect(c({ grade: 2, p8: -1, absence: 12 })).toBe(false);
  });

  test("not of a missing fact's comparison holds (the comparison did not hold)", () => {
    const c = compile({ not: { fact: "p8", operator: "lessThan", value: 0 } });
    expect(c({ p8: null })).toBe(true);
    expect(c({ p8: -1 })).toBe(false);
  });

  test("shared condition references, including one shared condition using others", () => {
    expect(compile({ condition: "inadequate" })({ grade: 4, category: "None" })).toBe(true);
    expect(compile({ condition: "inadequate" })({ grade: 2, category: "SM" })).toBe(true);
    expect(compile({ condition: "inadequate" })({ grade: 2, category: "None" })).toBe(false);
    const both = compile({ condition: "maintainedAndInadequate" });
    expect(both({ academy: false, grade: 4 })).toBe(true);
    expect(both({ academy: true, grade: 4 })).toBe(false);
    expect(compile({ not: { condition: "maintained" } })({ academy: true })).toBe(true);
  });

  test("fact-to-fact comparisons read the other fact's value for the row", () => {
    const c = compile({ fact: "p8", operator: "lessThan", value: { fact: "floor" } });
    expect(c({ p8: -1, floor: -0.5 })).toBe(true);
    expect(c({ p8: 0, floor: -0.5 })).toBe(false);
    expect(c({ p8: -1, floor: -1.5 })).toBe(false);
    // The other fact missing: never holds, not even for "not"-style operators.
    expect(c({ p8: -1, floor: null })).toBe(false);
    expect(c({ p8: -1 })).toBe(false);
    expect(compile({ fact: "p8", operator: "notEqual", value: { fact: "floor" } })({ p8: -1 })).toBe(false);
  });

  test("list facts (the fired triggers) with contains", () => {
    const c = compile({ fact: "triggers", operator: "contains", value: "safeguarding" });
    expect(c({ triggers: ["deficit", "safeguarding"] })).toBe(true);
    expect(c({ triggers: [] })).toBe(false);
  });

  test("valueless operators", () => {
    expect(compile({ fact: "notice", operator: "isMissing" })({ notice: null })).toBe(true);
    expect(compile({ fact: "notice", operator: "isMissing" })({})).toBe(true);
    expect(compile({ fact: "notice", operator: "isMissing" })({ notice: "Warning notice" })).toBe(false);
    expect(compile({ fact: "notice", operator: "isPresent" })({ notice: "" })).toBe(true);
  });

  test("an unknown operator is refused when compiling, naming it", () => {
    expect(() => compile({ fact: "grade", operator: "equals", value: 3 })).toThrow("unknown operator 'equals'");
    expect(() => compile({ all: [{ fact: "grade", operator: "not:equals", value: 3 }] })).toThrow("unknown operator 'not:equals'");
  });
});

describe("compileCondition: traces", () => {
  test("every leaf is traced, in order, even after the outcome is settled", () => {
    const c: Condition = {
      all: [
        { fact: "grade", operator: "equal", value: 4 },
        { fact: "p8", operator: "lessThan", value: 0 },
        { any: [{ fact: "absence", operator: "greaterThan", value: 10 }, { fact: "absence", operator: "greaterThan", value: 5 }] },
      ],
    };
    const { held, trace } = traced(c, { grade: 2, p8: -1, absence: 12 });
    expect(held).toBe(false);
    expect(trace.map((t) => [t.fact, t.operator, t.held])).toEqual([
      ["grade", "equal", false],
      ["p8", "lessThan", true],
      ["absence", "greaterThan", true],
      ["absence", "greaterThan", true],
    ]);
  });

  test("a trace carries the label, operator, expected value, actual value and missing flag", () => {
    const { trace } = traced({ fact: "grade", operator: "greaterThanInclusive", value: 3 }, { grade: 4 });
    expect(trace).toEqual([{ fact: "grade", label: "Ofsted grade", operator: "greaterThanInclusive", expected: 3, actual: 4, held: true, missing: false }]);
  });

  test("a missing fact is traced as missing with actual null (absent facts included)", () => {
    const { trace } = traced({ all: [{ fact: "p8", operator: "lessThan", value: 0 }, { fact: "absence", operator: "lessThan", value: 0 }] }, { p8: null });
    expect(trace.map((t) => [t.fact, t.actual, t.held, t.missing])).toEqual([
      ["p8", null, false, true],
      ["absence", null, false, true],
    ]);
  });

  test("isMissing/isPresent are never 'missing': they looked at missingness itself", () => {
    const { trace } = traced({ all: [{ fact: "notice", operator: "isMissing" }, { fact: "p8", operator: "isPresent" }, { fact: "p8", operator: "not:isMissing" }] }, { notice: null, p8: null });
    expect(trace.map((t) => [t.operator, t.held, t.missing])).toEqual([
      ["isMissing", true, false],
      ["isPresent", false, false],
      ["not:isMissing", false, false],
    ]);
    expect(trace[0].expected).toBeUndefined();
  });

  test("fact-to-fact: expected names the other fact, its label and value; either side missing is missing", () => {
    const leaf: Condition = { fact: "p8", operator: "lessThan", value: { fact: "floor" } };
    expect(traced(leaf, { p8: -1, floor: -0.5 }).trace[0]).toEqual({
      fact: "p8",
      label: "Progress 8",
      operator: "lessThan",
      expected: { fact: "floor", label: "KS4 floor", value: -0.5 },
      actual: -1,
      held: true,
      missing: false,
    });
    const otherMissing = traced(leaf, { p8: -1 }).trace[0];
    expect(otherMissing).toMatchObject({ expected: { fact: "floor", label: "KS4 floor", value: null }, actual: -1, held: false, missing: true });
    expect(traced(leaf, { floor: -0.5 }).trace[0]).toMatchObject({ actual: null, held: false, missing: true });
  });

  test("leaves inside a not are marked negated; a double not cancels", () => {
    const { held, trace } = traced(
      {
        all: [
          { fact: "grade", operator: "equal", value: 2 },
          { not: { any: [{ fact: "p8", operator: "lessThan", value: 0 }, { not: { fact: "absence", operator: "lessThan", value: 10 } }] } },
        ],
      },
      { grade: 2, p8: 1, absence: 5 },
    );
    expect(held).toBe(true);
    expect(trace.map((t) => [t.fact, t.negated])).toEqual([
      ["grade", undefined],
      ["p8", true],
      ["absence", undefined],
    ]);
    expect("negated" in trace[0]).toBe(false);
  });

  test("leaves of a shared condition referenced inside a not are negated too", () => {
    const { held, trace } = traced({ not: { condition: "maintained" } }, { academy: true });
    expect(held).toBe(true);
    expect(trace).toEqual([{ fact: "academy", label: "academy", operator: "equal", expected: false, actual: true, held: false, missing: false, negated: true }]);
  });

  test("traces come out the same whether or not the rule held, and tracing does not change the outcome", () => {
    const c: Condition = { any: [{ fact: "grade", operator: "equal", value: 4 }, { fact: "p8", operator: "lessThan", value: 0 }] };
    for (const facts of [{ grade: 4, p8: 1 }, { grade: 2, p8: -1 }, { grade: 2, p8: 1 }, { grade: null, p8: null }]) {
      const { held, trace } = traced(c, facts);
      expect(held).toBe(compile(c)(facts));
      expect(trace).toHaveLength(2);
    }
  });

  test("rows with the same value share one read-only trace; different values, lists and -0 do not", () => {
    const c = compile({ fact: "grade", operator: "equal", value: 4 });
    const t1: ConditionTrace[] = [];
    const t2: ConditionTrace[] = [];
    const t3: ConditionTrace[] = [];
    c({ grade: 4 }, t1);
    c({ grade: 4 }, t2);
    c({ grade: 3 }, t3);
    expect(t2[0]).toBe(t1[0]);
    expect(t3[0]).not.toBe(t1[0]);
    expect(t3[0].actual).toBe(3);

    const zero = compile({ fact: "p8", operator: "lessThan", value: 1 });
    const a: ConditionTrace[] = [];
    const b: ConditionTrace[] = [];
    zero({ p8: 0 }, a);
    zero({ p8: -0 }, b);
    expect(Object.is(a[0].actual, 0)).toBe(true);
    expect(Object.is(b[0].actual, -0)).toBe(true);

    const list = compile({ fact: "triggers", operator: "contains", value: "x" });
    const l1: ConditionTrace[] = [];
    const l2: ConditionTrace[] = [];
    list({ triggers: ["x"] }, l1);
    list({ triggers: [] }, l2);
    expect(l1[0].actual).toEqual(["x"]);
    expect(l2[0].actual).toEqual([]);
    expect(l2[0].held).toBe(false);
  });

  test("fact-to-fact traces are not shared between rows with different compared values", () => {
    const c = compile({ fact: "p8", operator: "lessThan", value: { fact: "floor" } });
    const t1: ConditionTrace[] = [];
    const t2: ConditionTrace[] = [];
    c({ p8: -1, floor: -0.5 }, t1);
    c({ p8: -1, floor: -2 }, t2);
    expect(t1[0].held).toBe(true);
    expect(t2[0].held).toBe(false);
    expect((t2[0].expected as { value: unknown }).value).toBe(-2);
  });
});

describe("compileCondition: hopeful (could the rule have held with the data?)", () => {
  test("a missing fact counts as holding", () => {
    const c = compile({ all: [{ fact: "p8", operator: "lessThan", value: 0 }, { fact: "grade", operator: "equal", value: 3 }] });
    expect(c({ p8: null, grade: 3 })).toBe(false);
    expect(c({ p8: null, grade: 3 }, undefined, true)).toBe(true);
    // Present facts are still decided on their values.
    expect(c({ p8: null, grade: 2 }, undefined, true)).toBe(false);
    expect(c({ p8: 1, grade: 3 }, undefined, true)).toBe(false);
    expect(c({ p8: -1, grade: 3 }, undefined, true)).toBe(true);
  });

  test("inside a not, a missing fact counts as not holding (still the rule's way)", () => {
    const c = compile({ all: [{ fact: "grade", operator: "equal", value: 3 }, { not: { fact: "p8", operator: "greaterThan", value: 0 } }] });
    expect(c({ grade: 3, p8: null }, undefined, true)).toBe(true);
    expect(c({ grade: 3, p8: 1 }, undefined, true)).toBe(false);
    const nested = compile({ not: { all: [{ fact: "p8", operator: "greaterThan", value: 0 }, { fact: "grade", operator: "equal", value: 2 }] } });
    expect(nested({ p8: null, grade: 2 }, undefined, true)).toBe(true);
    const doubled = compile({ not: { not: { fact: "p8", operator: "lessThan", value: 0 } } });
    expect(doubled({ p8: null })).toBe(false);
    expect(doubled({ p8: null }, undefined, true)).toBe(true);
  });

  test("a missing compared-against fact counts as going the rule's way too", () => {
    const c = compile({ fact: "p8", operator: "lessThan", value: { fact: "floor" } });
    expect(c({ p8: -1, floor: null }, undefined, true)).toBe(true);
    expect(c({ p8: null, floor: -0.5 }, undefined, true)).toBe(true);
  });

  test("isMissing/isPresent are decided as they are: a present fact does not become missing", () => {
    expect(compile({ fact: "notice", operator: "isMissing" })({ notice: "s60" }, undefined, true)).toBe(false);
    expect(compile({ fact: "notice", operator: "isPresent" })({ notice: null }, undefined, true)).toBe(false);
    expect(compile({ fact: "notice", operator: "isMissing" })({ notice: null }, undefined, true)).toBe(true);
  });

  test("through shared condition references", () => {
    const c = compile({ condition: "maintainedAndInadequate" });
    expect(c({ academy: null, grade: 4 })).toBe(false);
    expect(c({ academy: null, grade: 4 }, undefined, true)).toBe(true);
    expect(c({ academy: true, grade: null, category: null }, undefined, true)).toBe(false);
  });
});

describe("compileCondition: short-circuit without a trace", () => {
  test("all stops at the first child that fails", () => {
    const c = compile({ all: [{ fact: "a", operator: "equal", value: 1 }, { fact: "b", operator: "equal", value: 1 }, { fact: "c", operator: "equal", value: 1 }] });
    const w = watched({ a: 0, b: 1, c: 1 });
    expect(c(w.facts)).toBe(false);
    expect(w.read).toEqual(["a"]);
    const all = watched({ a: 1, b: 1, c: 1 });
    expect(c(all.facts)).toBe(true);
    expect(all.read).toEqual(["a", "b", "c"]);
  });

  test("any stops at the first child that holds", () => {
    const c = compile({ any: [{ fact: "a", operator: "equal", value: 1 }, { fact: "b", operator: "equal", value: 1 }, { fact: "c", operator: "equal", value: 1 }] });
    const w = watched({ a: 0, b: 1, c: 1 });
    expect(c(w.facts)).toBe(true);
    expect(w.read).toEqual(["a", "b"]);
  });

  test("with a trace every child is looked at", () => {
    const c = compile({ all: [{ fact: "a", operator: "equal", value: 1 }, { fact: "b", operator: "equal", value: 1 }, { fact: "c", operator: "equal", value: 1 }] });
    const w = watched({ a: 0, b: 1, c: 1 });
    const trace: ConditionTrace[] = [];
    expect(c(w.facts, trace)).toBe(false);
    expect(w.read).toEqual(["a", "b", "c"]);
    expect(trace).toHaveLength(3);
  });

  test("short-circuiting never changes the outcome", () => {
    const c = compile({ any: [{ all: [{ fact: "a", operator: "equal", value: 1 }, { fact: "b", operator: "equal", value: 1 }] }, { not: { fact: "c", operator: "equal", value: 1 } }] });
    for (const a of [0, 1, null]) {
      for (const b of [0, 1, null]) {
        for (const cv of [0, 1, null]) {
          const facts = { a, b, c: cv };
          const expected = (a === 1 && b === 1) || cv !== 1;
          expect(c(facts)).toBe(expected);
          expect(c(facts, [])).toBe(expected);
        }
      }
    }
  });
});
