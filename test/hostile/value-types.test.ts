// Class 2d: a value of the wrong type for its operator or fact made a rule silently never (or
// always) hold. Now parse refuses it (so a run refuses the ruleset) and `check` reports it, at the
// value's JSON path with line and column: a threshold in quotes, a number compared with text or a
// date, a date not written YYYY-MM-DD (or no such day), `in` without a list, `between` without
// [lowest, highest].
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, RulesetError } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { staffordshire, writeRules } from "./bounded";

const dir = tempDir("hostile-values-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });
const AT = "$.triggers[12].conditions.all[0]";

const cases: [string, object, string, RegExp][] = [
  ["a threshold in quotes", leaf("exclusions", "greaterThan", "seven"), `${AT}.value`, /'greaterThan' compares numbers, but "seven" is text$/],
  ["a number in quotes", leaf("exclusions", "greaterThan", "7"), `${AT}.value`, /'greaterThan' compares numbers, but "7" is text: write 7 without quotes$/],
  ["a number compared with a text fact", leaf("phase", "greaterThan", 3), AT, /'greaterThan' compares numbers, but Phase is text$/],
  ["a number equal to a text fact", leaf("phase", "equal", 3), `${AT}.value`, /Phase is text, so it never equals 3: write "3" in quotes$/],
  ["a number compared with a date fact", leaf("inspectionDate", "lessThan", 20120901), AT, /Inspection date is a date and 'lessThan' compares numbers: use before, onOrBefore, after or onOrAfter/],
  ["a number as a date", leaf("inspectionDate", "before", 20120901), `${AT}.value`, /20120901 is not a date written YYYY-MM-DD$/],
  ["a UK-style date", leaf("inspectionDate", "before", "01/09/2012"), `${AT}.value`, /"01\/09\/2012" is not a date written YYYY-MM-DD$/],
  ["no such day", leaf("inspectionDate", "onOrAfter", "2012-02-30"), `${AT}.value`, /"2012-02-30" is not a date written YYYY-MM-DD \(there is no such day\)$/],
  ["a date operator on a number fact", leaf("exclusions", "after", "2012-09-01"), AT, /'after' compares dates, but Fixed-term exclusions is a number$/],
  ["'in' without a list", leaf("ofstedGrade", "in", 3), `${AT}.value`, /'in' needs a list of values, such as \[3, 4\]: write \[3\]$/],
  ["'notIn' with text", leaf("phase", "notIn", "Primary"), `${AT}.value`, /'notIn' needs a list of values, such as \[3, 4\]: write \["Primary"\]$/],
  ["'between' with one number", leaf("exclusions", "between", 5), `${AT}.value`, /'between' needs \[lowest, highest\], two numbers such as \[0, 10\]; 5 is not$/],
  ["'between' with three", leaf("exclusions", "between", [1, 5, 9]), `${AT}.value`, /'between' needs \[lowest, highest\].*\[1,5,9\] is not$/],
  ["'between' with text", leaf("exclusions", "between", ["1", "5"]), `${AT}.value`, /'between' needs \[lowest, highest\]/],
  ["a threshold from a text constant", leaf("exclusions", "greaterThan", { fact: "year" }), `${AT}.value`, /'greaterThan' compares numbers, but Academic year is text$/],
  ["a decorated threshold in quotes", leaf("exclusions", "not:lessThan", "ten"), `${AT}.value`, /'lessThan' compares numbers, but "ten" is text$/],
  ["someValue without a list", leaf("exclusions", "someValue:greaterThan", 3), `${AT}.value`, /'someValue' tries each of a list of values: write the value as a list, \[3\]$/],
  ["someFact on a single value", leaf("exclusions", "someFact:greaterThan", 3), `${AT}.operator`, /'someFact' looks at each item of a list, but Fixed-term exclusions is a number$/],
  ["'matches' on a number", leaf("exclusions", "matches", "^1"), AT, /'matches' tests text, but Fixed-term exclusions is a number$/],
  // These two made json-rules-engine's operators throw a TypeError in the middle of a run.
  ["someValue with text", leaf("exclusions", "someValue:equal", "abc"), `${AT}.value`, /'someValue' tries each of a list of values: write the value as a list, \["abc"\]$/],
  ["swap:in on a number fact", leaf("exclusions", "swap:in", 3), AT, /'in' needs a list of values, but Fixed-term exclusions is a number$/],
];

/** Staffordshire with the exclusionsHigh trigger's condition replaced. */
function withLeaf(l: object): string {
  const r = staffordshire();
  expect(r.triggers[12].id).toBe("exclusionsHigh");
  r.triggers[12].conditions = { all: [l] };
  return JSON.stringify(r, null, 2);
}

describe("parse refuses the value, at its JSON path with line and column", () => {
  test.each(cases)("%s", (_name, l, at, message) => {
    const text = withLeaf(l);
    let error: RulesetError | undefined;
    try {
      parseRuleset(text, "values.json");
    } catch (e) {
      error = e as RulesetError;
    }
    expect(error).toBeInstanceOf(RulesetError);
    expect(error!.issues.map((i) => i.path)).toEqual([at]);
    expect(error!.issues[0].message).toMatch(message);
    expect(error!.issues[0].line).toBeGreaterThan(700);
  });
});

test("check reports it and a run refuses the ruleset (the trigger used to never fire)", async () => {
  const file = writeRules(dir, "seven.json", withLeaf(leaf("exclusions", "greaterThan", "seven")));
  const check = await runCli(["check", file]);
  expect(check.code).toBe(1);
  expect(check.out).toMatch(/✘ error {3}\$\.triggers\[12\]\.conditions\.all\[0\]\.value \(line \d+, column \d+\): 'greaterThan' compares numbers, but "seven" is text/);
  const out = path.join(dir, "seven.xlsx");
  const run = await runCli([STAFFS_BOOK, "--rules", file, "--out", out]);
  expect(run.code).toBe(1);
  expect(run.err).toMatch(/the ruleset is not valid \(1 problem\):\n {2}- \$\.triggers\[12\]\.conditions\.all\[0\]\.value \(line \d+, column \d+\): 'greaterThan' compares numbers/);
  expect(fs.existsSync(out)).toBe(false);

  // A value that used to make the run stop with "TypeError: a.indexOf is not a function".
  const crash = await runCli([STAFFS_BOOK, "--rules", writeRules(dir, "swap.json", withLeaf(leaf("exclusions", "swap:in", 3))), "--out", out]);
  expect(crash.code).toBe(1);
  expect(crash.err).toContain("$.triggers[12].conditions.all[0] (line");
  expect(crash.err).not.toContain("is not a function");
}, 15_000);

test("values that fit are accepted: numbers, real dates, lists, [lo, hi], a number constant, decorators", () => {
  for (const l of [
    leaf("exclusions", "greaterThan", 7),
    leaf("inspectionDate", "before", "2012-02-29"),
    leaf("ofstedGrade", "in", [3, 4]),
    leaf("exclusions", "between", [0, 10]),
    leaf("absence", "greaterThan", { fact: "nationalAbsence" }),
    leaf("exclusions", "someValue:greaterThan", [3, 5]),
    leaf("exclusions", "not:lessThan", 10),
    leaf("name", "not:matches", "^saint"),
    leaf("phase", "equal", "Primary"),
    leaf("type", "matches", "academ"),
  ]) {
    expect(() => parseRuleset(withLeaf(l))).not.toThrow();
  }
  const r = staffordshire();
  r.bands[1].conditions.any.push(leaf("triggers", "someFact:matches", "^below"));
  expect(() => parseRuleset(JSON.stringify(r))).not.toThrow();
});

test("a history 'where' leaf is checked against the history sheet's own fields", () => {
  const r = staffordshire();
  const d = r.derived.find((x: any) => x.kind === "consecutiveLatest");
  d.where = { fact: "impact", operator: "greaterThan", value: 0 };
  expect(() => parseRuleset(JSON.stringify(r))).toThrow(/\$\.derived\[\d+\]\.where .*'greaterThan' compares numbers, but Evidence of impact is yes\/no/);
});
