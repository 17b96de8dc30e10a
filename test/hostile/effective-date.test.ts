// Class 2f: a ruleset whose effective.to is before the run date still runs, with a warning first
// in the run's warnings; `check` warns when it is before today. effective.to before effective.from,
// and dates that are no day at all, are refused.
import * as fs from "node:fs";
import * as path from "node:path";
import { categorise, lintRuleset, memorySource, parseRuleset, sheetFromRecords } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { staffordshire, writeRules } from "./bounded";
import { tinyRuleset } from "./tiny";

const dir = tempDir("hostile-effective-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WARNING = "The ruleset 'Tiny' (version 1) was in force until 31/08/2021, before the run date (20/11/2026): check these are the rules to use for this date";

test("a run dated after effective.to warns first; one dated before it does not", async () => {
  const ruleset = parseRuleset(JSON.stringify(tinyRuleset({ effective: { from: "2020-09-01", to: "2021-08-31" } })));
  const source = memorySource({ Schools: sheetFromRecords([{ URN: 1, "School name": "A school", Pupils: 10 }]) });
  expect((await categorise(source, ruleset, { asOf: "2026-11-20" })).warnings[0]).toBe(WARNING);
  expect((await categorise(source, ruleset, { asOf: "2021-08-31" })).warnings.filter((w) => w.includes("in force"))).toEqual([]);
});

test("the command line: the warning is in the report, and check warns", async () => {
  const r = staffordshire();
  r.effective = { from: "2014-09-01", to: "2016-08-31" };
  const rules = writeRules(dir, "old.json", r);
  const report = path.join(dir, "old-report.json");
  const run = await runCli([STAFFS_BOOK, "--rules", rules, "--out", path.join(dir, "old.xlsx"), "--report", report, "--as-of", "2026-11-20"]);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/Data warnings: \d+ rows, [1-9]\d* sheet-level/);
  expect(JSON.parse(fs.readFileSync(report, "utf8")).warnings[0]).toMatch(/^The ruleset '.*' \(version .*\) was in force until 31\/08\/2016, before the run date \(20\/11\/2026\)/);
  const check = await runCli(["check", rules]);
  expect(check.code).toBe(0);
  expect(check.out).toMatch(/⚠ warning \$\.effective\.to \(line 7, column \d+\): the ruleset was in force until 31\/08\/2016, before today \(\d\d\/\d\d\/\d{4}\)/);
  expect((await runCli(["check", "--strict", rules])).code).toBe(1);
}, 20_000);

test("check compares with today: a ruleset in force until next year is fine", () => {
  const ruleset = parseRuleset(JSON.stringify(tinyRuleset({ effective: { from: "2020-09-01", to: "2027-08-31" } })));
  expect(lintRuleset(ruleset, undefined, "2026-11-20").filter((i) => i.path === "$.effective.to")).toEqual([]);
  expect(lintRuleset(ruleset, undefined, "2027-09-01").filter((i) => i.path === "$.effective.to")).toHaveLength(1);
});

test("effective.to before effective.from, and no such day, are refused", () => {
  expect(() => parseRuleset(JSON.stringify(tinyRuleset({ effective: { from: "2020-09-01", to: "2019-08-31" } })))).toThrow(
    /\$\.effective\.to .*the ruleset stops being in force \(2019-08-31\) before it starts \(2020-09-01\)/,
  );
  expect(() => parseRuleset(JSON.stringify(tinyRuleset({ effective: { from: "2021-02-29" } })))).toThrow(/\$\.effective\.from .*is not a real date/);
});
