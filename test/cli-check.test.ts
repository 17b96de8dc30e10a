// categorise check: schema errors with JSON paths and line numbers, "did you mean", and the lint
// (unreachable bands and stages, comparisons that never match, missing styles, out-of-range thresholds).
import * as fs from "fs";
import * as path from "path";
import { runCli, tempDir, rulesVariant, STAFFS_RULES, WARKS_RULES } from "./helpers/cli";

const dir = tempDir("check-");

test("the bundled rulesets pass", async () => {
  const r = await runCli(["check", STAFFS_RULES, WARKS_RULES]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/✔ .*staffordshire\.json: 0 errors, 0 warnings/);
  expect(r.out).toMatch(/✔ .*warwickshire\.json: 0 errors, 0 warnings/);
  // Warwickshire's early-warning triggers feed no band: worth a note, not a failure.
  expect(r.out).toContain("trigger 'sharpDrop' changes no band or stage");
});

test("a bare name means the bundled rules file", async () => {
  expect((await runCli(["check", "warwickshire"])).code).toBe(0);
});

test("mistakes a schema cannot see are errors, each with its JSON path and line", async () => {
  const file = rulesVariant(dir, "mistakes.json", (r) => {
    r.bands[1].conditions = { any: [{ fact: "ofstedGrade", operator: "in", value: [3, 4] }] }; // C under D's own test
    r.bands[2].conditions.any.push({ fact: "phase", operator: "contains", value: "Primary" });
    r.bands[0].conditions.any.push({ fact: "triggers", operator: "contains", value: "safeguardng" });
    r.triggers[2].conditions = { all: [{ fact: "ofstedGrade", operator: "equal", value: "Requires improvement" }] };
    r.triggers[4].conditions = { all: [{ fact: "p8", operator: "lessThan", value: -1 }, { fact: "p8", operator: "greaterThan", value: 0 }] };
    r.escalation[1].conditions.all.push({ fact: "band", operator: "equal", value: "E" });
  });
  const r = await runCli(["check", file]);
  expect(r.code).toBe(1);
  const line = (text: string) => r.out.split("\n").find((l) => l.includes(text)) ?? `(no line with ${text})`;
  expect(line("band 'C' is never reached")).toMatch(/\$\.bands\[1\] \(line \d+, column \d+\).*those of 'D' above it hold too/);
  expect(line("'contains' looks inside a list")).toMatch(/\$\.bands\[2\]\.conditions\.any\[1\].*Phase is a single value/);
  expect(line("safeguardng")).toMatch(/no trigger "safeguardng" \(did you mean 'safeguarding'\?\)/);
  expect(line("trigger 'requiresImprovement' can never fire")).toMatch(/Ofsted grade is a number and never equals "Requires improvement".*Good is 2/);
  expect(line("trigger 'belowFloorKs4' can never fire")).toContain("Progress 8 would have to be above 0 and below -1");
  expect(r.out).toMatch(/\$\.escalation\[1\]\.conditions\.all\[3\] .*no band "E" \(did you mean .D.\?\)/);
  expect(r.out).toMatch(/✘ .*mistakes\.json: \d+ errors/);
});

test("the line number points at the right place in the file", async () => {
  const file = rulesVariant(dir, "line.json", (r) => {
    r.triggers[0].conditions.all[0].value = "Yes";
  });
  const r = await runCli(["check", file]);
  const m = /\$\.triggers\[0\]\.conditions\.all\[0\] \(line (\d+), column \d+\)/.exec(r.out);
  expect(m).not.toBeNull();
  expect(fs.readFileSync(file, "utf8").split("\n")[Number(m![1]) - 1]).toContain("{");
  expect(r.out).toContain('Safeguarding concern is yes/no (true or false) and never equals "Yes" (write true or false, without quotes)');
});

test("stages and bands below one that always holds are never reached", async () => {
  const file = rulesVariant(dir, "always.json", (r) => {
    r.bands[1].conditions = { any: [{ fact: "triggerCount", operator: "greaterThanInclusive", value: 0 }] };
    r.escalation[0].conditions = { any: [{ fact: "band", operator: "isPresent" }] };
  });
  const r = await runCli(["check", file]);
  expect(r.code).toBe(1);
  expect(r.out).toContain("band 'B' is never reached: 'C' above it always holds (the number of triggers is never below 0)");
  expect(r.out).toContain("the default band 'A' is never reached");
  expect(r.out).toContain("stage 'warningNotice' is never reached: 'statutoryOptions' above it always holds");
});

test("contradictory ranges and missing-and-present on one fact", async () => {
  const file = rulesVariant(dir, "contradictions.json", (r) => {
    r.triggers[0].conditions = { all: [{ fact: "inspectionDate", operator: "before", value: "2012-09-01" }, { fact: "inspectionDate", operator: "onOrAfter", value: "2012-09-01" }] };
    r.triggers[1].conditions = { all: [{ fact: "budget", operator: "isMissing" }, { fact: "budget", operator: "lessThan", value: 0 }] };
    r.triggers[2].conditions = { all: [{ fact: "ofstedGrade", operator: "in", value: [1, 2] }, { fact: "ofstedGrade", operator: "greaterThan", value: 2 }] };
  });
  const r = await runCli(["check", file]);
  expect(r.code).toBe(1);
  expect(r.out).toContain("trigger 'safeguarding' can never fire: Inspection date would have to be");
  expect(r.out).toContain("trigger 'inadequate' can never fire: Budget balance £ must be missing and also 'lessThan' a value");
  expect(r.out).toContain("trigger 'requiresImprovement' can never fire: Ofsted grade would have to be one of 1, 2 and also above 2");
});

test("warnings: triggers and bands with no style, thresholds outside the field's range", async () => {
  const file = rulesVariant(dir, "warnings.json", (r) => {
    r.triggers[3].severity = "urgent";
    delete r.styles.bands.B;
    r.triggers[9].conditions = { all: [{ fact: "persistentAbsence", operator: "greaterThan", value: 120 }] };
    r.triggers[10].conditions = { all: [{ fact: "absence", operator: "greaterThan", value: 0.08 }] };
    r.triggers[11].conditions = { all: [{ fact: "ofstedGrade", operator: "lessThanInclusive", value: 4 }] };
    r.constants.ks2FloorAttainment.value.byYear["2013/14"] = 650;
  });
  const r = await runCli(["check", file]);
  expect(r.code).toBe(0); // warnings alone pass...
  expect(r.out).toMatch(/⚠ .*warnings\.json: 0 errors, 6 warnings/);
  expect(r.out).toMatch(/\$\.triggers\[3\]\.severity .*severity 'urgent' has no style in styles\.severities/);
  expect(r.out).toContain("band 'B' has no style in styles.bands");
  expect(r.out).toContain("120 is outside the plausible range of Persistent absence % (plausible range 0 to 100): a percent over 100");
  expect(r.out).toContain("0.08 looks like a fraction");
  expect(r.out).toContain("holds for every plausible Ofsted grade (plausible range 1 to 4)");
  expect(r.out).toMatch(/\$\.constants\.ks2FloorAttainment\.value\.byYear\["2013\/14"\].*650, outside the plausible range of KS2 RWM expected %/);
  expect((await runCli(["check", "--strict", file])).code).toBe(1); // ...unless --strict
});

test("schema errors keep their JSON paths, line numbers and suggestions", async () => {
  const file = rulesVariant(dir, "schema.json", (r) => {
    r.triggers[0].conditions.all[0].fact = "safegarding";
    r.triggers[1].conditions = { all: [{ fact: "ofstedGrade", operator: "equals", value: 4 }] };
    r.bands[0].colour = "red";
  });
  const r = await runCli(["check", file]);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/\$\.bands\[0\] \(line \d+, column \d+\): unknown key 'colour'/);
  const again = await runCli(["check", rulesVariant(dir, "schema2.json", (r) => {
    r.triggers[0].conditions.all[0].fact = "safegarding";
    r.triggers[1].conditions = { all: [{ fact: "ofstedGrade", operator: "equals", value: 4 }] };
  })]);
  expect(again.out).toMatch(/\$\.triggers\[0\]\.conditions\.all\[0\]\.fact \(line \d+.*unknown fact 'safegarding' \(did you mean 'safeguarding'\?\)/);
  expect(again.out).toMatch(/\$\.triggers\[1\]\.conditions\.all\[0\]\.operator .*unknown operator 'equals' \(did you mean 'equal'\?\)/);
});

test("JSON syntax errors give the line", async () => {
  const file = path.join(dir, "syntax.json");
  fs.writeFileSync(file, '{\n  "id": "x",\n  "title": "X"\n  "version": "1"\n}\n');
  const r = await runCli(["check", file]);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/\$ \(line 4, column 3\): JSON syntax error: a comma is missing/);
});

test("bad input: a missing file, no file, --json", async () => {
  const missing = await runCli(["check", path.join(dir, "nope.json"), STAFFS_RULES]);
  expect(missing.code).toBe(1);
  expect(missing.out).toContain("nope.json: no such rules file");
  expect(missing.out).toMatch(/✔ .*staffordshire\.json/); // the other file is still checked
  const none = await runCli(["check"]);
  expect(none.code).toBe(2);
  expect(none.err).toContain("check needs a rules file");
  const json = await runCli(["check", "--json", WARKS_RULES]);
  expect(JSON.parse(json.out)[WARKS_RULES][0]).toMatchObject({ severity: "info", path: "$.triggers[0]" });
});
