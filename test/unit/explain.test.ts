// engine/evaluate/explain.ts: the plain-English explanations (Reasons column and the pane's "why"),
// on hand-made traces and on real results of categorise() with the bundled Staffordshire ruleset.
import * as fs from "node:fs";
import * as path from "node:path";
import { describeCondition, explainRow, formatValue, reasonsFor, supporting } from "../../engine/evaluate/explain";
import { categorise } from "../../engine/evaluate/categorise";
import { parseRuleset } from "../../engine/ruleset/parse";
import { memorySource } from "../../engine/read/memory-source";
import type { ConditionTrace, RowResult, RuleTrace, RunResult } from "../../engine/results";
import type { CellValue } from "../../engine/workbook";

const leaf = (over: Partial<ConditionTrace>): ConditionTrace => ({
  fact: "grade",
  label: "Ofsted grade",
  operator: "equal",
  expected: 4,
  actual: 2,
  held: false,
  missing: false,
  ...over,
});

const rule = (over: Partial<RuleTrace>): RuleTrace => ({ kind: "trigger", id: "t", label: "T", held: true, conditions: [], missing: [], ...over });

describe("formatValue", () => {
  test.each<[unknown, string]>([
    [null, "missing"],
    [undefined, "missing"],
    [true, "Yes"],
    [false, "No"],
    [0, "0"],
    [3, "3"],
    [-12500, "-12500"],
    [2.5, "2.5"],
    [1.23456, "1.23"],
    [-0.333, "-0.33"],
    [4.999, "5"],
    ["Community school", "Community school"],
    ["", ""],
    ["2019-12-02", "02/12/2019"],
    ["2019-12-02T10:00", "2019-12-02T10:00"],
    [[], "none"],
    [["safeguarding", "deficit"], "safeguarding, deficit"],
    [[3, 4], "3, 4"],
    [["2019-01-02", null, true], "02/01/2019, missing, Yes"],
    [{ fact: "ks4FloorP8", label: "KS4 floor: Progress 8", value: -0.5 }, "KS4 floor: Progress 8 (-0.5)"],
    [{ fact: "floor", label: "Floor", value: null }, "Floor (missing)"],
    [{ fact: "d", label: "Run date", value: "2020-03-01" }, "Run date (01/03/2020)"],
  ])("%p -> %p", (v, text) => {
    expect(formatValue(v)).toBe(text);
  });
});

describe("describeCondition", () => {
  test("label, operator in words, expected value and the school's actual value", () => {
    expect(describeCondition(leaf({ operator: "greaterThanInclusive", expected: 3, actual: 3, held: true }))).toBe("Ofsted grade is at least 3 (actual 3)");
    expect(describeCondition(leaf({ operator: "in", expected: [3, 4], actual: 2 }))).toBe("Ofsted grade is one of 3, 4 (actual 2)");
    expect(describeCondition(leaf({ fact: "budget", label: "Budget balance £", operator: "lessThan", expected: 0, actual: -500.456, held: true }))).toBe("Budget balance £ is below 0 (actual -500.46)");
    expect(describeCondition(leaf({ fact: "safeguarding", label: "Safeguarding concern", operator: "equal", expected: true, actual: true, held: true }))).toBe("Safeguarding concern is Yes (actual Yes)");
    expect(describeCondition(leaf({ fact: "triggers", label: "Triggers", operator: "contains", expected: "safeguarding", actual: [] }))).toBe("Triggers includes safeguarding (actual none)");
    expect(describeCondition(leaf({ fact: "d", label: "Inspection date", operator: "before", expected: "2019-09-01", actual: "2019-08-31", held: true }))).toBe("Inspection date is before 01/09/2019 (actual 31/08/2019)");
    expect(describeCondition(leaf({ fact: "n", label: "Latest notice", operator: "matches", expected: "warning|s60", actual: "S60 warning", held: true }))).toBe("Latest notice matches warning|s60 (actual S60 warning)");
    expect(describeCondition(leaf({ fact: "a", label: "Absence", operator: "between", expected: [5, 10], actual: 7, held: true }))).toBe("Absence is between 5, 10 (actual 7)");
  });

  test("every base operator has words", () => {
    const words: Record<string, string> = {
      equal: "is", notEqual: "is not", in: "is one of", notIn: "is not one of", contains: "includes", doesNotContain: "does not include",
      lessThan: "is below", lessThanInclusive: "is at most", greaterThan: "is above", greaterThanInclusive: "is at least",
      before: "is before", onOrBefore: "is on or before", after: "is after", onOrAfter: "is on or after", between: "is between", matches: "matches",
    };
    for (const [op, text] of Object.entries(words)) expect(describeCondition(leaf({ operator: op, expected: 1, actual: 1 }))).toBe(`Ofsted grade ${text} 1 (actual 1)`);
  });

  test("valueless operators have no expected value", () => {
    expect(describeCondition(leaf({ fact: "o", label: "Latest notice review outcome", operator: "isMissing", expected: undefined, actual: null, held: true }))).toBe("Latest notice review outcome is missing (actual missing)");
    expect(describeCondition(leaf({ fact: "o", label: "Outcome", operator: "isPresent", expected: undefined, actual: "Met", held: true }))).toBe("Outcome is present (actual Met)");
  });

  test("a missing fact reads 'actual missing'", () => {
    expect(describeCondition(leaf({ operator: "lessThan", expected: 0, actual: null, missing: true }))).toBe("Ofsted grade is below 0 (actual missing)");
  });

  test("fact-to-fact comparisons name the other fact and its value", () => {
    const c = leaf({ fact: "grade", label: "Ofsted grade", operator: "greaterThan", expected: { fact: "previousGrade", label: "Previous Ofsted grade", value: 2 }, actual: 3, held: true });
    expect(describeCondition(c)).toBe("Ofsted grade is above Previous Ofsted grade (2) (actual 3)");
  });

  // When the compared-against fact is missing (say no KS4 floor for the year), the school's own
  // value is still shown.
  test("fact-to-fact with the other fact missing still shows the school's own value", () => {
    const c = leaf({ fact: "p8", label: "Progress 8", operator: "lessThan", expected: { fact: "floor", label: "KS4 floor", value: null }, actual: -1, held: false, missing: true });
    expect(describeCondition(c)).toBe("Progress 8 is below KS4 floor (missing) (actual -1)");
  });

  test("inside a not, the condition is wrapped in not ( )", () => {
    expect(describeCondition(leaf({ negated: true }))).toBe("not (Ofsted grade is 4) (actual 2)");
    expect(describeCondition(leaf({ negated: true, actual: null, missing: true }))).toBe("not (Ofsted grade is 4) (actual missing)");
  });

  test("decorated operators: the base operator's words, with 'not:' when negated by a decorator", () => {
    expect(describeCondition(leaf({ operator: "not:in", expected: [3, 4], actual: 2, held: true }))).toBe("Ofsted grade not: is one of 3, 4 (actual 2)");
    expect(describeCondition(leaf({ fact: "t", label: "Triggers", operator: "someFact:equal", expected: "deficit", actual: ["deficit"], held: true }))).toBe("Triggers is deficit (actual deficit)");
    expect(describeCondition(leaf({ operator: "everyValue:not:equal", expected: [3, 4], actual: 2, held: true }))).toBe("Ofsted grade not: is 3, 4 (actual 2)");
    expect(describeCondition(leaf({ operator: "customOp", expected: 1, actual: 1 }))).toBe("Ofsted grade customOp 1 (actual 1)");
  });
});

describe("supporting", () => {
  test("conditions that held, and negated ones that did not hold", () => {
    const held = leaf({ fact: "a", held: true });
    const failed = leaf({ fact: "b", held: false });
    const negatedFailed = leaf({ fact: "c", held: false, negated: true });
    const negatedHeld = leaf({ fact: "d", held: true, negated: true });
    expect(supporting(rule({ conditions: [held, failed, negatedFailed, negatedHeld] }))).toEqual([held, negatedFailed]);
    expect(supporting(rule({ conditions: [] }))).toEqual([]);
  });
});

describe("reasonsFor (hand-made traces)", () => {
  const band = (over: Partial<RuleTrace>): RuleTrace => rule({ kind: "band", id: "D", label: "High concern", ...over });
  const r = (traces: RuleTrace[], over: Partial<RowResult> = {}) => ({ traces, band: "D", bandLabel: "High concern", ruleBand: "D", moderated: false, ...over });

  test("the band, with the conditions that made it", () => {
    const traces = [band({ conditions: [leaf({ operator: "in", expected: [3, 4], actual: 3, held: true }), leaf({ fact: "cat", label: "Category of concern", operator: "in", expected: ["SWK"], actual: null, missing: true })] })];
    expect(reasonsFor(r(traces), "High concern")).toEqual(["Category D High concern: Ofsted grade is one of 3, 4 (actual 3)"]);
  });

  test("the default band (no conditions)", () => {
    const traces = [band({ held: false, conditions: [leaf({})] }), band({ id: "A", label: "No concern", conditions: [] })];
    expect(reasonsFor(r(traces, { band: "A", bandLabel: "No concern", ruleBand: "A" }), "No concern")).toEqual(["Category A No concern: no higher category's conditions held"]);
  });

  test("a band held by conditions none of which support it reads 'no conditions'", () => {
    const traces = [band({ conditions: [leaf({ held: true, negated: true })] })];
    expect(reasonsFor(r(traces), "High concern")).toEqual(["Category D High concern: no conditions"]);
  });

  test("triggers and stages that held, in trace order; those that did not are left out", () => {
    const traces = [
      rule({ id: "deficit", label: "Budget deficit", conditions: [leaf({ fact: "budget", label: "Budget", operator: "lessThan", expected: 0, actual: -1, held: true })] }),
      rule({ id: "complaints", label: "Repeated complaints", held: false, conditions: [leaf({ held: false })] }),
      band({ conditions: [leaf({ fact: "n", label: "Number of triggers", operator: "greaterThanInclusive", expected: 1, actual: 1, held: true })] }),
      rule({ kind: "stage", id: "s", label: "Core group", conditions: [leaf({ fact: "band", label: "Category", operator: "equal", expected: "D", actual: "D", held: true }), leaf({ fact: "x", label: "X", held: false })] }),
      rule({ kind: "stage", id: "s2", label: "Lower stage", held: false }),
    ];
    expect(reasonsFor(r(traces), "High concern")).toEqual([
      "Category D High concern: Number of triggers is at least 1 (actual 1)",
      "Trigger Budget deficit: Budget is below 0 (actual -1)",
      "Escalation Core group: Category is D (actual D)",
    ]);
  });

  test("moderated: the officer's band first, then the rules' band", () => {
    const traces = [band({ id: "B", label: "Low concern", conditions: [leaf({ held: true, operator: "equal", expected: 2, actual: 2 })] })];
    expect(reasonsFor(r(traces, { band: "C", bandLabel: "Medium concern", ruleBand: "B", moderated: true }), "Low concern")).toEqual([
      "Moderated by officer: C Medium concern (the rules gave B Low concern)",
      "Rules B Low concern: Ofsted grade is 2 (actual 2)",
    ]);
  });

  test("rules left undecided name the withheld cells behind their missing facts", () => {
    const traces = [
      band({ id: "A", label: "No concern", conditions: [] }),
      rule({
        id: "p8Falling",
        label: "Progress 8 falling",
        held: false,
        undecided: true,
        missing: ["p8Change"],
        conditions: [leaf({ fact: "p8Change", label: "Change in Progress 8", operator: "lessThanInclusive", expected: -0.3, actual: null, missing: true })],
      }),
      rule({
        id: "gap",
        label: "Gap",
        held: false,
        undecided: true,
        missing: ["gap", "absence"],
        conditions: [
          leaf({ fact: "gap", actual: null, missing: true }),
          leaf({ fact: "absence", actual: null, missing: true }),
          leaf({ fact: "grade", actual: 2, missing: false }),
        ],
      }),
      rule({ id: "other", label: "Not undecided", held: false, conditions: [leaf({ fact: "absence", actual: null, missing: true })] }),
    ];
    const withheld = new Map([["p8", "SUPP"], ["absence", "NE"], ["grade", "x"]]);
    const sources = new Map([["p8Change", ["p8", "p8Previous"]], ["gap", ["p8", "absence"]], ["absence", ["absence"]], ["grade", ["grade"]]]);
    const labels: Record<string, string> = { p8: "Progress 8", absence: "Overall absence %" };
    expect(reasonsFor(r(traces, { band: "A", bandLabel: "No concern", ruleBand: "A" }), "No concern", withheld, sources, (f) => labels[f] ?? f)).toEqual([
      "Category A No concern: no higher category's conditions held",
      "Could not be decided for lack of data: Progress 8 falling (Progress 8 was 'SUPP'); Gap (Progress 8 was 'SUPP', Overall absence % was 'NE')",
    ]);
  });

  test("without a trace for the rules' band, no band line", () => {
    expect(reasonsFor(r([]), "High concern")).toEqual([]);
  });
});

describe("explanations of real results (categorise with rules/staffordshire.json)", () => {
  const ruleset = parseRuleset(fs.readFileSync(path.resolve(__dirname, "../../rules/staffordshire.json"), "utf8"), "staffordshire.json");
  const headers = ["URN", "School name", "Type", "Ofsted grade", "Previous Ofsted grade", "Overall absence %", "Persistent absence %", "Progress 8", "Progress 8 (previous year)", "Safeguarding concern", "Budget balance £", "Officer category"];
  const rows: CellValue[][] = [
    [100001, "Oak Primary", "Community school", "Good", "Good", 4.0, 8, null, null, "No", 25000, null],
    [100002, "Ash High", "Community school", 3, 2, 4.0, 8, 0.1, 0.2, "No", 1000, null],
    [100003, "Elm Academy", "Academy converter", 2, 2, 4.0, 8, null, null, "Yes", 1000, null],
    [100004, "Birch High", "Foundation school", 2, 2, 4.0, 8, "SUPP", 0.2, "No", 1000, null],
    [100005, null, "Community school", 2, 2, 4.0, 8, null, null, "No", -500, "C"],
    [100006, "Yew Primary", "Community school", 2, 2, 120, 8, null, null, "No", 1000, null],
  ];
  let run: RunResult;
  const row = (urn: number) => run.rows.find((r) => r.key === urn)!;

  beforeAll(async () => {
    run = await categorise(memorySource({ Schools: { headers, rows } }), ruleset, { asOf: "2019-06-01" });
  });

  test("the workbook is categorised as expected (the basis of the explanations below)", () => {
    expect(run.rows.map((r) => [r.key, r.band, r.ruleBand, r.triggers.map((t) => t.id), r.escalation?.stage ?? null])).toEqual([
      [100001, "A", "A", [], null],
      [100002, "D", "D", ["requiresImprovement", "gradeDeclined"], "coreGroup"],
      [100003, "D", "D", ["safeguarding"], "raiseWithDfE"],
      [100004, "A", "A", [], null],
      [100005, "C", "B", ["deficit"], null],
      [100006, "B", "B", ["absenceAboveNational"], null],
    ]);
  });

  test("Reasons: the default band", () => {
    expect(row(100001).reasons).toEqual(["Category A No concern: no higher category's conditions held"]);
  });

  test("Reasons: band, triggers (with a fact-to-fact comparison) and escalation stage", () => {
    expect(row(100002).reasons).toEqual([
      "Category D High concern: Ofsted grade is one of 3, 4 (actual 3)",
      "Trigger Ofsted requires improvement: Ofsted grade is 3 (actual 3)",
      "Trigger Ofsted grade declined: Ofsted grade is above Previous Ofsted grade (2) (actual 3)",
      "Escalation Core group: Academy or free school is No (actual No); Category is D (actual D)",
    ]);
    expect(row(100003).reasons).toEqual([
      "Category D High concern: Triggers includes safeguarding (actual safeguarding)",
      "Trigger Safeguarding concern: Safeguarding concern is Yes (actual Yes)",
      "Escalation Raise with the academy and the DfE: Academy or free school is Yes (actual Yes); Category is D (actual D)",
    ]);
  });

  test("Reasons: rules left undecided by a SUPP cell say so, naming the cell's text", () => {
    expect(row(100004).reasons).toEqual([
      "Category A No concern: no higher category's conditions held",
      "Could not be decided for lack of data: Below KS4 floor standard (Progress 8 was 'SUPP'); Standards unacceptably low (Progress 8 was 'SUPP'); Progress 8 falling (Progress 8 was 'SUPP')",
    ]);
  });

  test("Reasons: a moderated category", () => {
    expect(row(100005).reasons).toEqual([
      "Moderated by officer: C Medium concern (the rules gave B Low concern)",
      "Rules B Low concern: Number of triggers is at least 1 (actual 1)",
      "Trigger Budget deficit: Budget balance £ is below 0 (actual -500)",
    ]);
  });

  test("reasonsFor on a real RowResult gives its Reasons (with the withheld cells and sources of the run)", () => {
    for (const urn of [100001, 100002, 100003, 100005, 100006]) {
      const r = row(urn);
      const ruleBandLabel = ruleset.bands.find((b) => b.id === r.ruleBand)!.label;
      expect(reasonsFor(r, ruleBandLabel)).toEqual(r.reasons);
    }
  });

  test("supporting conditions of a fired trigger are the ones that held", () => {
    const trace = row(100002).traces.find((t) => t.id === "gradeDeclined")!;
    expect(supporting(trace).map((c) => [c.fact, c.actual])).toEqual([["ofstedGrade", 3]]);
    const band = row(100002).traces.find((t) => t.kind === "band" && t.id === "D")!;
    expect(supporting(band).map((c) => c.fact)).toEqual(["ofstedGrade"]);
  });

  test("explainRow: headline, triggers, escalation with its UK due date, every rule looked at and its conditions", () => {
    const lines = explainRow(row(100002));
    expect(lines.slice(0, 3)).toEqual([
      "Ash High: D High concern",
      "Triggers: Ofsted requires improvement (medium), Ofsted grade declined (medium)",
      "Escalation: Core group. Next action: Core group meets each half term; the school completes its evaluation form before each meeting. Due 20/07/2019.",
    ]);
    expect(lines).toContain("✔ Trigger Ofsted requires improvement");
    expect(lines).toContain("    ✔ Ofsted grade is above Previous Ofsted grade (2) (actual 3)");
    expect(lines).toContain("✔ Category High concern");
    expect(lines).toContain("    ✘ Category of concern is one of SWK, SM (actual missing)");
    expect(lines).toContain("✘ Stage Statutory options (not met)");
    expect(lines).toContain("    ✔ Latest notice review outcome is missing (actual missing)");
    expect(lines.slice(-3)).toEqual(["✔ Stage Core group", "    ✔ Academy or free school is No (actual No)", "    ✔ Category is D (actual D)"]);
    // One line per rule traced, plus one per condition.
    const r = row(100002);
    expect(lines).toHaveLength(3 + r.traces.length + r.traces.reduce((n, t) => n + t.conditions.length, 0));
  });

  test("explainRow: without an escalation, the band's next action; bands above the one chosen are shown as not met", () => {
    const lines = explainRow(row(100001));
    expect(lines.slice(0, 3)).toEqual(["Oak Primary: A No concern", "Next action: Light touch: annual conversation.", "✘ Category High concern (not met)"]);
    expect(lines).toContain("    ✘ Triggers includes safeguarding (actual none)");
    expect(lines[lines.length - 1]).toBe("✔ Category No concern");
    expect(lines.some((l) => l.startsWith("Triggers:"))).toBe(false);
  });

  test("explainRow: moderated, no school name (the URN stands in)", () => {
    expect(explainRow(row(100005)).slice(0, 3)).toEqual([
      "100005: C Medium concern (moderated; rules gave B)",
      "Triggers: Budget deficit (medium)",
      "Next action: Detailed dialogue with the school: termly visit and an agreed support plan.",
    ]);
  });

  test("explainRow: the undecided rules are listed as not met with their missing conditions", () => {
    const lines = explainRow(row(100004));
    expect(lines).toContain("✘ Trigger Progress 8 falling (not met)");
    expect(lines).toContain("    ✘ Change in Progress 8 is at most -0.3 (actual missing)");
    expect(lines).toContain("    ✘ Progress 8 is below KS4 floor: Progress 8 (-0.5) (actual missing)");
  });

  test("explainRow: row warnings come last", () => {
    const lines = explainRow(row(100006));
    expect(lines[lines.length - 1]).toBe("⚠ Row 7, column 'Overall absence %' (F): 120 is outside the expected range 0 to 100 for Overall absence %; used as it is");
    expect(lines).toContain("    ✔ Overall absence above national (points) is above 1 (actual 115.3)");
  });

  test("explainRow on hand-made results: no name or key, a stage without a due date, negated conditions", () => {
    const base = row(100001);
    const r: RowResult = {
      ...base,
      name: null,
      key: null,
      escalation: { stage: "s", label: "Watch", nextAction: "Keep watching.", due: null },
      traces: [rule({ kind: "stage", id: "s", label: "Watch", conditions: [leaf({ held: false, negated: true }), leaf({ held: true, negated: true })] })],
      warnings: [],
    };
    expect(explainRow(r)).toEqual([
      "Row 2: A No concern",
      "Escalation: Watch. Next action: Keep watching.",
      "✔ Stage Watch",
      "    ✔ not (Ofsted grade is 4) (actual 2)",
      "    ✘ not (Ofsted grade is 4) (actual 2)",
    ]);
  });
});
