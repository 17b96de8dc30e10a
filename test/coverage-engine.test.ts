// caseCoverage on the bundled rulesets and their own stored cases: what a leaf is, which cases
// count for it (the rule reached, no short cut inside it, its data present), and how it adds up.
import * as fs from "node:fs";
import * as path from "node:path";
import { caseCoverage, parseRuleset, runRulesetTests, type RowResult, type Ruleset } from "../engine";
import { ruleLeaves } from "../engine/analysis/coverage-leaves";
import { leafText } from "../engine/analysis/leaf-text";
import { formatPath } from "../engine/ruleset/json-text";

const rulesDir = path.resolve(__dirname, "../rules");
const bundled = fs.readdirSync(rulesDir).filter((f) => f.endsWith(".json") && !f.includes("schema"));
const load = (f: string) => parseRuleset(fs.readFileSync(path.join(rulesDir, f), "utf8"), f);

/** The results of the named stored cases, run as `categorise test` runs them. */
async function resultsOf(ruleset: Ruleset, ...names: string[]): Promise<RowResult[]> {
  const tests = names.map((n) => ruleset.tests!.find((t) => t.name === n)!);
  expect(tests.every(Boolean)).toBe(true);
  const outcomes = await runRulesetTests({ ...ruleset, tests });
  expect(outcomes.every((o) => o.passed)).toBe(true);
  return outcomes.map((o) => o.result!);
}

test.each(bundled)("bundled %s: its stored cases cover every leaf both ways and give every rule", async (file) => {
  const ruleset = load(file);
  const outcomes = await runRulesetTests(ruleset);
  const c = caseCoverage(ruleset, outcomes.map((o) => o.result!));
  const gaps = c.sections.flatMap((s) => [...s.leaves.filter((l) => l.uncovered.length).map((l) => l.where), ...s.rules.filter((r) => !r.given).map((r) => r.where)]);
  expect(gaps).toEqual([]);
  expect(c.percent).toBe(100);
  expect(c.cases).toBe(ruleset.tests!.length);
  // Every band and stage of the ruleset is an item of its own.
  expect(c.sections.find((s) => s.section === "bands")!.rules.map((r) => r.id)).toEqual(ruleset.bands.map((b) => b.id));
  expect(c.sections.find((s) => s.section === "escalation")!.rules.filter((r) => r.kind === "stage").map((r) => r.id)).toEqual((ruleset.escalation ?? []).map((s) => s.id));
});

describe("one Staffordshire case: below the 2016-18 KS2 floor is C", () => {
  const ruleset = load("staffordshire.json");
  let c: ReturnType<typeof caseCoverage>;
  beforeAll(async () => {
    c = caseCoverage(ruleset, await resultsOf(ruleset, "Below the 2016-18 KS2 floor is C"));
  });
  const leaf = (where: string) => {
    const found = c.sections.flatMap((s) => s.leaves).filter((l) => l.where === where);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const rule = (where: string) => c.sections.flatMap((s) => s.rules).find((r) => r.where === where)!;

  test("every leaf of a reached rule is evaluated: no short cut after the 'any' already held", () => {
    // Reading progress -5.5 is below -5, so the 'any' holds at its first leaf; writing and maths still count.
    const any = "$.triggers[3].conditions.all[0].all[1].any";
    expect([0, 1, 2].map((i) => [leaf(`${any}[${i}]`).trueIn, leaf(`${any}[${i}]`).falseIn])).toEqual([[1, 0], [0, 1], [0, 1]]);
    expect(leaf(`${any}[1]`)).toMatchObject({ text: "KS2 writing progress < KS2 floor: writing progress", uncovered: ["true"], reached: 1, missingIn: 0 });
  });

  test("a leaf under a 'not' counts its own value, and says it is under one", () => {
    expect(leaf("$.triggers[3].conditions.all[1].not.any[0]")).toMatchObject({
      text: "Special school, PRU or alternative provision (type) = true", negated: true, trueIn: 0, falseIn: 1, uncovered: ["true"],
    });
  });

  test("a leaf whose data is missing counts for neither side; isPresent and isMissing always count", () => {
    expect(leaf("$.triggers[4].conditions.all[0].all[0]")).toMatchObject({ text: "Progress 8 < KS4 floor: Progress 8", trueIn: 0, falseIn: 0, missingIn: 1, uncovered: ["true", "false"] });
    expect(leaf("$.triggers[16].conditions.all[1]")).toMatchObject({ text: "Latest notice review outcome is missing", trueIn: 1, missingIn: 0, uncovered: ["false"] });
  });

  test("a shared condition's leaf is an item at each place a rule uses it, by where it is written and where it is used", () => {
    const shared = c.sections.flatMap((s) => s.leaves).filter((l) => l.where === "$.sharedConditions.wouldBeSwkOrSm.any[0]");
    expect(shared.map((l) => [l.section, l.via?.where, l.via?.names])).toEqual([
      ["triggers", "$.triggers[1].conditions.all[0]", ["wouldBeSwkOrSm"]],
      ["escalation", "$.escalation[3].conditions.all[1].any[1]", ["wouldBeSwkOrSm"]],
    ]);
    expect(shared[0]).toMatchObject({ text: "Ofsted grade = 4", falseIn: 1, uncovered: ["true"] });
  });

  test("bands are reached down to the one the rules give; stages all, when none is given", () => {
    expect(rule("$.bands[0]")).toMatchObject({ id: "D", reached: 1, given: 0 });
    expect(rule("$.bands[1]")).toMatchObject({ id: "C", reached: 1, given: 1 });
    expect(rule("$.bands[2]")).toMatchObject({ id: "B", reached: 0, given: 0 });
    expect(leaf("$.bands[2].conditions.any[0]")).toMatchObject({ reached: 0, trueIn: 0, falseIn: 0, uncovered: ["true", "false"] });
    expect(rule("$.escalation[6]")).toMatchObject({ id: "moderationNeeded", reached: 1, given: 0 });
    // A stage's additions only count for cases given that stage.
    expect(rule("$.escalation[0].also[0]")).toMatchObject({ kind: "addition", title: "stage statutoryOptions, also for voluntary aided, voluntary controlled and foundation schools", reached: 0 });
  });

  test("the percentages: two items per leaf and one per rule, overall over all items", () => {
    for (const s of c.sections) {
      expect(s.total).toBe(s.leaves.length * 2 + s.rules.length);
      expect(s.covered).toBe(s.leaves.reduce((n, l) => n + 2 - l.uncovered.length, 0) + s.rules.filter((r) => r.given).length);
    }
    expect(c.total).toBe(202);
    expect(c.covered).toBe(c.sections.reduce((n, s) => n + s.covered, 0));
    expect(c.percent).toBeCloseTo((c.covered / c.total) * 100, 10);
  });
});

test("a band given as not categorised counts as given, besides the band the rules gave", async () => {
  const ruleset = load("staffordshire.json");
  const c = caseCoverage(ruleset, await resultsOf(ruleset, "No Ofsted grade and a deficit: not categorised rather than B"));
  const bands = c.sections.find((s) => s.section === "bands")!.rules;
  expect(bands.filter((b) => b.given).map((b) => b.id)).toEqual(["B", "U"]);
  // The rules stopped at B, so the not-categorised band's own condition was not reached.
  expect(bands.find((b) => b.id === "U")!.reached).toBe(0);
});

test("a leaf a case makes true and another false is covered; with no cases nothing is", async () => {
  const ruleset = load("warwickshire.json");
  const two = await resultsOf(ruleset, "Attainment down 10 points in a year is a sharp drop: a good school 2B with a monitoring visit", "Good and improving is 2A");
  const sharp = (rows: RowResult[]) => caseCoverage(ruleset, rows).sections[0].leaves.find((l) => l.where === "$.triggers[1].conditions.all[0]")!;
  expect(sharp(two)).toMatchObject({ text: "Change in headline attainment (points) ≤ -10", trueIn: 1, falseIn: 1, uncovered: [] });
  expect(sharp(two.slice(0, 1)).uncovered).toEqual(["false"]);
  expect(caseCoverage(ruleset, [])).toMatchObject({ cases: 0, covered: 0, percent: 0 });
});

describe("the pieces: leaves with their paths, and a leaf written out", () => {
  test("ruleLeaves follows all/any/not and shared conditions, shared inside shared too", () => {
    const shared = {
      graded: { all: [{ fact: "ofstedGrade", operator: "isPresent" }] },
      weak: { any: [{ condition: "graded" }, { fact: "categoryOfConcern", operator: "in", value: ["SWK", "SM"] }] },
    };
    const leaves = ruleLeaves({ all: [{ not: { condition: "weak" } }, { fact: "p8", operator: "lessThan", value: -0.5 }] }, ["bands", 1, "conditions"], shared);
    expect(leaves.map((l) => [formatPath(l.path), l.negated, l.via && formatPath(l.via.path), l.via?.names])).toEqual([
      ["$.sharedConditions.graded.all[0]", true, "$.bands[1].conditions.all[0].not", ["weak", "graded"]],
      ["$.sharedConditions.weak.any[1]", true, "$.bands[1].conditions.all[0].not", ["weak"]],
      ["$.bands[1].conditions.all[1]", false, undefined, undefined],
    ]);
  });

  test("leafText: labels for facts, symbols for comparisons, a leaf's own name first", () => {
    const label = (f: string) => ({ p8: "Progress 8", ks4FloorP8: "KS4 floor: Progress 8" })[f] ?? f;
    expect(leafText({ fact: "p8", operator: "lessThan", value: { fact: "ks4FloorP8" } }, label)).toBe("Progress 8 < KS4 floor: Progress 8");
    expect(leafText({ fact: "p8", operator: "greaterThanInclusive", value: -0.5, name: "Near the floor" }, label)).toBe("Near the floor: Progress 8 ≥ -0.5");
    expect(leafText({ fact: "type", operator: "not:in", value: ["Free schools", "Studio schools"] }, label)).toBe('type not:in ["Free schools", "Studio schools"]');
    expect(leafText({ fact: "latestNoticeOutcome", operator: "isMissing" }, label)).toBe("latestNoticeOutcome is missing");
  });
});
