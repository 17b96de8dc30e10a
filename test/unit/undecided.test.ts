// engine/evaluate/undecided.ts: the facts a rule lacked, worked out without tracing it, are the
// `missing` its trace gives (the facts of the traced conditions found missing, each once, in order).
import { compileCondition, type CompileContext, type Facts } from "../../engine/evaluate/compile-condition";
import { operatorLookup } from "../../engine/evaluate/operators";
import { leavesInOrder, missingFacts } from "../../engine/evaluate/undecided";
import type { Condition } from "../../engine/ruleset/schema";
import type { ConditionTrace } from "../../engine/results";

const shared: Record<string, Condition> = {
  inadequate: { any: [{ fact: "grade", operator: "equal", value: 4 }, { fact: "category", operator: "in", value: ["SWK", "SM"] }] },
  maintainedAndInadequate: { all: [{ fact: "academy", operator: "equal", value: false }, { condition: "inadequate" }] },
};
const ctx: CompileContext = { operators: operatorLookup(), shared, label: (f) => f };

/** A rule with a shared condition inside another, a 'not', a comparison of two facts and a check for a missing fact. */
const rule: Condition = {
  all: [
    { condition: "maintainedAndInadequate" },
    { not: { fact: "p8", operator: "greaterThan", value: { fact: "floor" } } },
    { fact: "notice", operator: "isMissing" },
    { any: [{ fact: "grade", operator: "greaterThan", value: 2 }, { fact: "absence", operator: "lessThan", value: 10 }] },
  ],
};

/** A row's facts, some of them undefined (a fact no field or derived fact gave). */
type Row = Record<string, unknown>;
const asFacts = (row: Row) => row as Facts;

/** What the trace says was missing: the facts of its missing conditions, each once. */
function tracedMissing(row: Row): string[] {
  const trace: ConditionTrace[] = [];
  compileCondition(rule, ctx)(asFacts(row), trace);
  return [...new Set(trace.filter((c) => c.missing).map((c) => c.fact))];
}

test("leaves in the order a trace lists them: shared conditions written out where they are used", () => {
  expect(leavesInOrder(rule, shared)).toEqual([
    { fact: "academy", ref: undefined, looksAtMissing: false },
    { fact: "grade", ref: undefined, looksAtMissing: false },
    { fact: "category", ref: undefined, looksAtMissing: false },
    { fact: "p8", ref: "floor", looksAtMissing: false },
    { fact: "notice", ref: undefined, looksAtMissing: true },
    { fact: "grade", ref: undefined, looksAtMissing: false },
    { fact: "absence", ref: undefined, looksAtMissing: false },
  ]);
});

test.each<[string, Row]>([
  ["nothing missing", { academy: false, grade: 3, category: "None", p8: -0.2, floor: -0.5, notice: null, absence: 4 }],
  ["the grade, looked at twice, once", { academy: false, grade: null, category: "None", p8: -0.2, floor: -0.5, notice: null, absence: 4 }],
  ["the fact compared with: the leaf's own fact is named", { academy: false, grade: 3, category: "None", p8: -0.2, floor: null, notice: null, absence: 4 }],
  ["several, in trace order", { academy: undefined, grade: 3, category: null, p8: null, floor: -0.5, notice: null, absence: null }],
  ["a missing fact a leaf asks about is no lack", { academy: false, grade: 3, category: "None", p8: 1, floor: 0, notice: undefined, absence: 4 }],
  ["everything missing", {}],
])("%s", (_, row) => {
  const leaves = leavesInOrder(rule, shared);
  expect(missingFacts(leaves, asFacts(row))).toEqual(tracedMissing(row));
});

test("the cases above are not all alike", () => {
  const leaves = leavesInOrder(rule, shared);
  expect(missingFacts(leaves, { academy: false, grade: 3, category: "None", p8: -0.2, floor: -0.5, notice: null, absence: 4 })).toEqual([]);
  expect(missingFacts(leaves, asFacts({ academy: undefined, grade: 3, category: null, p8: null, floor: -0.5, notice: null, absence: null }))).toEqual(["academy", "category", "p8", "absence"]);
  expect(missingFacts(leaves, { academy: false, grade: 3, category: "None", p8: -0.2, floor: null, notice: null, absence: 4 })).toEqual(["p8"]);
});
