// Class 1: regular expressions. `matches` (operator and derived fact) runs on RE2 (re2js): linear
// time, so ^(a+)+$ against a 41-character name (JavaScript's RegExp: hours) takes milliseconds, each
// pattern compiled once. Patterns RE2 cannot run (backreferences, lookaround) or that are not
// patterns are refused by parse and `check`, at their JSON path with line and column.
import * as fs from "node:fs";
import * as path from "node:path";
import { RE2JS } from "re2js";
import { categorise, memorySource, parseRuleset, RulesetError, sheetFromRecords } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { cliInChild, engineInChild, lineOf, staffordshire, writeRules } from "./bounded";
import { tinyRuleset } from "./tiny";

const dir = tempDir("hostile-regex-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fortyOneAs = "a".repeat(40) + "!";

test("^(a+)+$ against a 41-character school name: the run finishes in well under a second", async () => {
  const rules = writeRules(dir, "redos.json", tinyRuleset({
    derived: [{ id: "allAs", label: "Only a's", kind: "matches", of: "name", pattern: "^(a+)+$" }],
    triggers: [
      { id: "byOperator", label: "By operator", severity: "high", conditions: { all: [{ fact: "name", operator: "matches", value: "^(a+)+$" }] } },
      { id: "byDerived", label: "By derived fact", severity: "high", conditions: { all: [{ fact: "allAs", operator: "equal", value: true }] } },
    ],
  }));
  const rows = [
    { URN: 1, "School name": fortyOneAs },
    { URN: 2, "School name": "a".repeat(41) },
    { URN: 3, "School name": "A".repeat(30) }, // the operator ignores case, and so does the derived fact by default
  ];
  const answer = await engineInChild(rules, rows, "2026-01-15", 20_000);
  expect(answer.thrown).toBeUndefined();
  expect(answer.rows!.map((r) => r.triggers)).toEqual([[], ["byOperator", "byDerived"], ["byOperator", "byDerived"]]);
  expect(answer.ms).toBeLessThan(2_000);
}, 30_000);

test("the command line on the example workbook: a catastrophic pattern for JavaScript gives the right schools, fast", async () => {
  // For JavaScript's RegExp, ^([a-z ]+)+(academy|school)$ backtracks exponentially on every long
  // name of letters and spaces that does not end so; on RE2 it is linear, and means ^[a-z ]+(academy|school)$.
  const rules = writeRules(dir, "names.json", (() => {
    const r = staffordshire();
    r.triggers.push({ id: "plainName", label: "Plain name", severity: "low", conditions: { all: [{ fact: "name", operator: "matches", value: "^([a-z ]+)+(academy|school)$" }] } });
    return r;
  })());
  const report = path.join(dir, "names-report.json");
  const answer = await cliInChild([STAFFS_BOOK, "--rules", rules, "--out", path.join(dir, "names.xlsx"), "--report", report, "--as-of", "2026-11-20"], 60_000);
  expect(answer.err).toBe("");
  expect(answer.code).toBe(0);
  const rows: { name: string; triggers: { id: string }[] }[] = JSON.parse(fs.readFileSync(report, "utf8")).rows;
  const flagged = rows.filter((r) => r.triggers.some((t) => t.id === "plainName")).map((r) => r.name);
  expect(flagged).toEqual(rows.map((r) => r.name).filter((n) => /^[a-z ]+(academy|school)$/i.test(n)));
  expect(flagged.length).toBeGreaterThan(10);
  expect(rows.filter((r) => /^[a-z ]{30,}$/i.test(r.name) && !flagged.includes(r.name)).length).toBeGreaterThan(0); // the slow case for RegExp is there
}, 90_000);

test("each pattern is compiled once, not once per school", async () => {
  const compile = jest.spyOn(RE2JS, "compile");
  try {
    const ruleset = parseRuleset(JSON.stringify(tinyRuleset({
      triggers: [{ id: "academy", label: "Academy", severity: "high", conditions: { all: [{ fact: "name", operator: "matches", value: "academy \\d+ once" }] } }],
    })));
    const rows = Array.from({ length: 500 }, (_, i) => ({ URN: i + 1, "School name": i % 2 ? `Academy ${i} once` : `School ${i}` }));
    const result = await categorise(memorySource({ Schools: sheetFromRecords(rows) }), ruleset, { asOf: "2026-01-15" });
    expect(result.rows.filter((r) => r.band === "B")).toHaveLength(250);
    expect(compile.mock.calls.filter(([p]) => p === "academy \\d+ once").length).toBe(1);
  } finally {
    compile.mockRestore();
  }
}, 10_000);

describe("patterns RE2 cannot run are refused with their JSON path", () => {
  const cases: [string, string, RegExp][] = [
    ["backreference", "(a)\\1", /uses a backreference \(\\1, \\k<name>\), which is not supported/],
    ["lookahead", "academ(?=y)", /uses lookahead or lookbehind/],
    ["lookbehind", "(?<!free )school", /uses lookahead or lookbehind/],
    ["not a pattern", "academ[y", /is not a valid regular expression: missing closing \]/],
    ["JavaScript's \\u escape", "caf\\u00e9", /invalid escape sequence.*write a character by its code as \\x\{00e9\}/],
  ];
  test.each(cases)("%s", async (_what, pattern, message) => {
    const r = staffordshire();
    r.triggers[3].conditions = { all: [{ fact: "type", operator: "matches", value: pattern }] };
    const text = JSON.stringify(r, null, 2);
    let error: RulesetError | undefined;
    try {
      parseRuleset(text, "rules.json");
    } catch (e) {
      error = e as RulesetError;
    }
    expect(error).toBeInstanceOf(RulesetError);
    const issue = error!.issues.find((i) => i.path === "$.triggers[3].conditions.all[0].value")!;
    expect(issue.message).toMatch(message);
    expect(issue.line).toBe(lineOf(text, `"value": ${JSON.stringify(pattern)}`));

    const file = writeRules(dir, `pattern-${_what.replace(/\W+/g, "-")}.json`, text);
    const check = await runCli(["check", file]);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(new RegExp(`\\$\\.triggers\\[3\\]\\.conditions\\.all\\[0\\]\\.value \\(line ${issue.line}, column \\d+\\): .*${message.source}`));
    const run = await runCli([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "never.xlsx")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("$.triggers[3].conditions.all[0].value");
    expect(fs.existsSync(path.join(dir, "never.xlsx"))).toBe(false);
  }, 15_000);

  test("a derived fact's pattern and flags", () => {
    const bad = (d: Record<string, unknown>) => {
      const r = staffordshire();
      Object.assign(r.derived[0], d);
      try {
        parseRuleset(JSON.stringify(r, null, 2));
      } catch (e) {
        return (e as RulesetError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(bad({ pattern: "(?=academy)" })).toEqual([expect.stringMatching(/^\$\.derived\[0\]\.pattern: the pattern "\(\?=academy\)" uses lookahead/)]);
    expect(bad({ flags: "gi" })).toEqual([expect.stringMatching(/^\$\.derived\[0\]\.flags: flag 'g' cannot be used/)]);
    expect(bad({ flags: "ims" })).toEqual([]);
  });

  test("a pattern must be written in the ruleset, not taken from a school's data", () => {
    const r = staffordshire();
    r.triggers[3].conditions = { all: [{ fact: "type", operator: "matches", value: { fact: "phase" } }] };
    expect(() => parseRuleset(JSON.stringify(r))).toThrow(/\$\.triggers\[3\]\.conditions\.all\[0\]\.value \(line 1, column \d+\): the pattern for 'matches' must be written in the ruleset/);
    r.triggers[3].conditions = { all: [{ fact: "type", operator: "swap:matches", value: "x" }] };
    expect(() => parseRuleset(JSON.stringify(r))).toThrow(/\$\.triggers\[3\]\.conditions\.all\[0\]\.operator \(line 1, column \d+\): 'swap:matches' would take the school's data as the pattern/);
  });
});

test("\\s and \\S mean what they mean in JavaScript: a no-break space pasted into a cell is a space", async () => {
  const ruleset = parseRuleset(JSON.stringify(tinyRuleset({
    triggers: [
      { id: "spaced", label: "Two words", severity: "high", conditions: { all: [{ fact: "name", operator: "matches", value: "^\\S+\\s+school$" }] } },
    ],
  })));
  const names = ["Brook\u00a0School", "Brook \u2003 School", "Brook\tschool", "Brook-School", "Brook  Lane School"];
  const rows = names.map((n, i) => ({ URN: i + 1, "School name": n }));
  const result = await categorise(memorySource({ Schools: sheetFromRecords(rows) }), ruleset, { asOf: "2026-01-15" });
  expect(result.rows.map((r) => r.band)).toEqual(names.map((n) => (/^\S+\s+school$/i.test(n) ? "B" : "A")));
  expect(result.rows.map((r) => r.band)).toEqual(["B", "B", "B", "A", "A"]);
}, 10_000);
