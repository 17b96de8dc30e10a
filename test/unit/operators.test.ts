// engine/evaluate/operators.ts: the pure operator set must decide exactly as json-rules-engine's own
// operator map does (with our extra operators registered on it), for every operator and every
// decorator chain up to two deep, over a grid of values; plus the missing-data semantics.
import { BASE_OPERATORS, DECORATORS, VALUELESS_OPERATORS, isMissing, missingAware, operatorLookup, type OperatorLookup } from "../../engine/evaluate/operators";
import { createEngine, engineOperators } from "../../engine/evaluate/json-rules-engine-reference";

/** Every operator name: a base operator under 0, 1 or 2 decorators. */
const NAMES: string[] = [
  ...BASE_OPERATORS,
  ...DECORATORS.flatMap((d) => BASE_OPERATORS.map((o) => `${d}:${o}`)),
  ...DECORATORS.flatMap((d1) => DECORATORS.flatMap((d2) => BASE_OPERATORS.map((o) => `${d1}:${d2}:${o}`))),
];

/** Values used both as fact values and as json (condition) values. */
const VALUES: unknown[] = [
  0,
  -0,
  1,
  3,
  -2,
  2.5,
  -0.5,
  10,
  NaN,
  "3",
  "10",
  "0",
  "-1.5",
  "",
  "abc",
  "ABC",
  "b",
  "2019-09-01",
  "2020-01-15",
  "01/09/2019",
  "(",
  true,
  false,
  null,
  undefined,
  [],
  [3],
  [1, 2, 3],
  [0, 5],
  [5, 0],
  ["abc", "b"],
  ["2019-09-01", "2020-01-15"],
  [1, null],
  [[1, 2], [3]],
  [["abc"], []],
  { fact: "x" },
];

type Outcome = { threw: false; value: unknown } | { threw: true; error: string };

function outcome(lookup: OperatorLookup, name: string, a: unknown, b: unknown): Outcome {
  const op = lookup.get(name)!;
  try {
    return { threw: false, value: op.evaluate(a, b) };
  } catch (e) {
    return { threw: true, error: (e as Error).constructor.name };
  }
}

const show = (v: unknown) => (v === undefined ? "undefined" : Object.is(v, -0) ? "-0" : typeof v === "number" && Number.isNaN(v) ? "NaN" : JSON.stringify(v));

describe("operatorLookup() agrees with json-rules-engine's operator map", () => {
  const ours = operatorLookup();
  const reference = engineOperators(createEngine());

  test("the grid covers every base operator and decorator under 0, 1 and 2 decorators", () => {
    expect(BASE_OPERATORS).toEqual(expect.arrayContaining(["equal", "notEqual", "in", "notIn", "contains", "doesNotContain", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "before", "onOrBefore", "after", "onOrAfter", "between", "matches", "isMissing", "isPresent"]));
    expect([...DECORATORS].sort()).toEqual(["everyFact", "everyValue", "not", "someFact", "someValue", "swap"]);
    const n = BASE_OPERATORS.length;
    const d = DECORATORS.length;
    expect(NAMES).toHaveLength(n + d * n + d * d * n);
    expect(new Set(NAMES).size).toBe(NAMES.length);
  });

  test.each(NAMES)("%s: same result (or same exception) for every fact value and json value", (name) => {
    const a = ours.get(name);
    const b = reference.get(name);
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(a!.name).toBe(b!.name);
    const differences: string[] = [];
    for (const fact of VALUES) {
      for (const json of VALUES) {
        const x = outcome(ours, name, fact, json);
        const y = outcome(reference, name, fact, json);
        if (JSON.stringify(x) !== JSON.stringify(y)) differences.push(`${name}(${show(fact)}, ${show(json)}): ours ${JSON.stringify(x)}, json-rules-engine ${JSON.stringify(y)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  test("most operator names hold for some pair on the grid (the comparison is not vacuous)", () => {
    const holds = (name: string, a: unknown, b: unknown) => {
      const o = outcome(ours, name, a, b);
      return !o.threw && o.value === true;
    };
    const neverHold = NAMES.filter((name) => !VALUES.some((a) => VALUES.some((b) => holds(name, a, b))));
    // A handful of compositions really cannot hold on missing-aware values (e.g. swap:isMissing
    // needs a missing json value, which the decorators never pass on); everything else must.
    expect(neverHold.length).toBeLessThan(NAMES.length / 20);
    expect(neverHold).not.toContain("equal");
    expect(neverHold).not.toContain("someFact:not:lessThan");
    expect(neverHold).not.toContain("everyValue:someFact:equal");
  });

  test("the operators throw on the same pairs (e.g. 'in' against a number)", () => {
    expect(() => ours.get("in")!.evaluate(3, 4)).toThrow(TypeError);
    expect(() => reference.get("in")!.evaluate(3, 4)).toThrow(TypeError);
    expect(() => ours.get("someValue:equal")!.evaluate(3, "abc")).toThrow(TypeError);
    expect(() => reference.get("someValue:equal")!.evaluate(3, "abc")).toThrow(TypeError);
    expect(() => ours.get("matches")!.evaluate("abc", "(")).toThrow(SyntaxError);
    expect(() => reference.get("matches")!.evaluate("abc", "(")).toThrow(SyntaxError);
  });

  test.each([
    "equals",
    "not:equals",
    "nope:in",
    "in:not",
    ":in",
    "not:",
    "not",
    "someFact",
    "not:not",
    "NOT:in",
    "Equal",
    "not::in",
    "",
    " in",
    "in ",
    "toString",
    "constructor",
    "__proto__",
    "not:hasOwnProperty",
  ])("unknown name %p gives null in both", (name) => {
    expect(ours.get(name)).toBeNull();
    expect(reference.get(name)).toBeNull();
  });

  test("longer chains work in both (three decorators)", () => {
    for (const name of ["not:swap:not:in", "everyFact:not:someValue:equal"]) {
      expect(ours.get(name)).not.toBeNull();
      expect(reference.get(name)).not.toBeNull();
    }
    // not(swap(not(in))): in with the two sides swapped.
    expect(ours.get("not:swap:not:in")!.evaluate([1, 3], 3)).toBe(true);
    expect(ours.get("not:swap:not:in")!.evaluate([1, 2], 3)).toBe(false);
    expect(reference.get("not:swap:not:in")!.evaluate([1, 2], 3)).toBe(false);
    expect(ours.get("everyFact:not:someValue:equal")!.evaluate([1, 2], [3, 4])).toBe(true);
    expect(ours.get("everyFact:not:someValue:equal")!.evaluate([1, 2], [2, 4])).toBe(false);
  });

  test("looking a name up again gives the same operator (the same result)", () => {
    const first = ours.get("someFact:lessThan");
    expect(ours.get("someFact:lessThan")).toBe(first);
    expect(ours.get("nope:in")).toBeNull();
    expect(ours.get("nope:in")).toBeNull();
  });
});

describe("operator semantics", () => {
  const ops = operatorLookup();
  const run = (name: string, a: unknown, b?: unknown) => ops.get(name)!.evaluate(a, b);

  test("isMissing is null or undefined only", () => {
    expect(isMissing(null)).toBe(true);
    expect(isMissing(undefined)).toBe(true);
    for (const v of [0, "", false, NaN, []]) expect(isMissing(v)).toBe(false);
  });

  test("a missing fact never makes a condition hold, whatever the operator and decorators, except isMissing", () => {
    const held: string[] = [];
    for (const name of NAMES) {
      const base = name.split(":").pop()!;
      if (VALUELESS_OPERATORS.has(base)) continue;
      for (const missing of [null, undefined]) {
        for (const b of VALUES) {
          if (run(name, missing, b)) held.push(`${name}(${show(missing)}, ${show(b)})`);
          let r: boolean;
          try {
            r = run(name, b, missing);
          } catch {
            r = false;
          }
          if (r) held.push(`${name}(${show(b)}, ${show(missing)})`);
        }
      }
    }
    expect(held).toEqual([]);
    expect(run("isMissing", null)).toBe(true);
    expect(run("isMissing", undefined)).toBe(true);
    expect(run("isPresent", null)).toBe(false);
  });

  test("negations do not turn a missing fact into a hold", () => {
    expect(run("notEqual", null, 3)).toBe(false);
    expect(run("notIn", null, [1, 2])).toBe(false);
    expect(run("doesNotContain", null, "x")).toBe(false);
    expect(run("not:equal", null, 3)).toBe(false);
    expect(run("not:lessThan", undefined, 3)).toBe(false);
    // ...but a present value is still compared as json-rules-engine compares it.
    expect(run("notEqual", 2, 3)).toBe(true);
    expect(run("not:lessThan", 4, 3)).toBe(true);
  });

  test("isMissing / isPresent look at the fact only, and keep their meaning under not", () => {
    expect(run("isMissing", 0)).toBe(false);
    expect(run("isMissing", "")).toBe(false);
    expect(run("isPresent", 0)).toBe(true);
    expect(run("isPresent", false)).toBe(true);
    expect(run("not:isMissing", 5)).toBe(true);
    expect(run("not:isMissing", null)).toBe(false);
    expect(run("not:isPresent", null)).toBe(true);
    expect(VALUELESS_OPERATORS).toEqual(new Set(["isMissing", "isPresent"]));
  });

  test("missingAware leaves isMissing/isPresent alone and wraps everything else", () => {
    const always = { name: "always", evaluate: () => true };
    const wrapped = missingAware(always);
    expect(wrapped.evaluate(1, 2)).toBe(true);
    expect(wrapped.evaluate(null, 2)).toBe(false);
    expect(wrapped.evaluate(1, undefined)).toBe(false);
    const custom = { name: "not:isMissing", evaluate: () => true };
    expect(missingAware(custom)).toBe(custom);
  });

  test("json-rules-engine's numeric comparisons", () => {
    expect(run("lessThan", 2, 3)).toBe(true);
    expect(run("lessThan", 3, 3)).toBe(false);
    expect(run("lessThanInclusive", 3, 3)).toBe(true);
    expect(run("greaterThan", -0.2, -0.3)).toBe(true);
    expect(run("greaterThanInclusive", 0, 0)).toBe(true);
    // The fact must parse as a number; a numeric string is accepted (and compared as JS compares).
    expect(run("lessThan", "abc", 3)).toBe(false);
    expect(run("lessThan", "2", 3)).toBe(true);
    expect(run("lessThan", true, 3)).toBe(false);
  });

  test("in / notIn / contains / doesNotContain", () => {
    expect(run("in", 3, [3, 4])).toBe(true);
    expect(run("in", "3", [3, 4])).toBe(false);
    expect(run("notIn", 5, [3, 4])).toBe(true);
    expect(run("contains", ["safeguarding", "deficit"], "deficit")).toBe(true);
    expect(run("contains", "deficit", "def")).toBe(false); // the fact must be a list
    expect(run("doesNotContain", [], "deficit")).toBe(true);
  });

  test("between is inclusive at both ends and needs a number and a [low, high] pair", () => {
    expect(run("between", 1, [1, 5])).toBe(true);
    expect(run("between", 5, [1, 5])).toBe(true);
    expect(run("between", 3.2, [1, 5])).toBe(true);
    expect(run("between", 0.99, [1, 5])).toBe(false);
    expect(run("between", 5.01, [1, 5])).toBe(false);
    expect(run("between", -1, [-2, 0])).toBe(true);
    expect(run("between", "3", [1, 5])).toBe(false);
    expect(run("between", 3, 3)).toBe(false);
    expect(run("between", 3, [5, 1])).toBe(false);
    expect(run("not:between", 7, [1, 5])).toBe(true);
  });

  test("date operators compare ISO dates, and only ISO dates", () => {
    expect(run("before", "2019-08-31", "2019-09-01")).toBe(true);
    expect(run("before", "2019-09-01", "2019-09-01")).toBe(false);
    expect(run("onOrBefore", "2019-09-01", "2019-09-01")).toBe(true);
    expect(run("after", "2020-01-15", "2019-09-01")).toBe(true);
    expect(run("after", "2019-09-01", "2019-09-01")).toBe(false);
    expect(run("onOrAfter", "2019-09-01", "2019-09-01")).toBe(true);
    expect(run("onOrAfter", "2019-08-31", "2019-09-01")).toBe(false);
    // UK-order text, numbers and Date objects are not dates here.
    expect(run("before", "01/01/2019", "2019-09-01")).toBe(false);
    expect(run("before", 43466, "2019-09-01")).toBe(false);
    expect(run("before", new Date("2019-01-01"), "2019-09-01")).toBe(false);
    // A date can also be compared with another date fact's value, e.g. the run date.
    expect(run("after", "2019-12-31", "2019-12-30")).toBe(true);
  });

  test("matches is a case-insensitive regular expression on text", () => {
    expect(run("matches", "Notice of Concern", "notice of concern")).toBe(true);
    expect(run("matches", "INSUFFICIENT progress", "^insufficient")).toBe(true);
    expect(run("matches", "Progress insufficient", "^insufficient")).toBe(false);
    expect(run("matches", "s60 warning notice", "warning|s60")).toBe(true);
    expect(run("matches", "Academy converter", "ACADEM")).toBe(true);
    expect(run("matches", 60, "60")).toBe(false); // the fact must be text
    expect(run("matches", "", "x")).toBe(false);
  });

  test("decorators: someFact, everyFact, someValue, everyValue, swap, not", () => {
    expect(run("someFact:lessThan", [5, 1], 3)).toBe(true);
    expect(run("everyFact:lessThan", [5, 1], 3)).toBe(false);
    expect(run("everyFact:lessThan", [], 3)).toBe(true);
    expect(run("someFact:lessThan", 1, 3)).toBe(false); // the fact must be a list
    expect(run("someValue:equal", 3, [1, 3])).toBe(true);
    expect(run("everyValue:lessThan", 0, [1, 3])).toBe(true);
    expect(run("everyValue:lessThan", 2, [1, 3])).toBe(false);
    expect(run("swap:contains", "deficit", ["deficit", "complaints"])).toBe(true);
    expect(run("swap:in", ["a", "b"], "b")).toBe(true);
    expect(run("not:in", 3, [1, 2])).toBe(true);
    expect(run("someFact:not:lessThan", [1, 4], 3)).toBe(true);
    expect(run("someFact:not:lessThan", [1, 2], 3)).toBe(false);
    expect(run("everyValue:someFact:equal", [1, 2, 3], [1, 3])).toBe(true);
    expect(run("everyValue:someFact:equal", [1, 2, 3], [1, 4])).toBe(false);
  });
});
