// Coercion, ruleset validation, bundled ruleset cases and equivalence with plain json-rules-engine.
import * as fs from "node:fs";
import * as path from "node:path";
import { coerce, parseRuleset, RulesetError, categorise, InputError } from "../engine";
import { runRulesetTests } from "../engine/analysis/ruleset-tests";
import { memorySource } from "../engine/read/memory-source";
import { referenceEngine } from "../engine/evaluate/json-rules-engine-reference";
import { rulesetJsonSchemaText } from "../engine/ruleset/json-schema";
import { syntheticSchools } from "../bench/synthetic-schools";

const rulesDir = path.resolve(__dirname, "../rules");
const bundled = fs.readdirSync(rulesDir).filter((f) => f.endsWith(".json") && !f.includes("schema"));
const load = (f: string) => parseRuleset(fs.readFileSync(path.join(rulesDir, f), "utf8"), f);

describe("coercion", () => {
  test.each(["SUPP", "NE", "NA", "x", "-", "NULL", "", "LOWCOV"])("marker %p is missing, never 0", (m) => {
    expect(coerce(m, { type: "number", label: "P8" }).value).toBeNull();
  });
  test("numbers, money and percentages", () => {
    expect(coerce("-£12,500", { type: "number", label: "b" }).value).toBe(-12500);
    expect(coerce("56.4%", { type: "percent", label: "p" }).value).toBe(56.4);
    expect(coerce("ninety", { type: "percent", label: "p" })).toEqual({ value: null, problem: "'ninety' is not a percentage; treated as missing" });
    expect(coerce(12.5, { type: "integer", label: "i" }).problem).toMatch(/whole number/);
  });
  test("dates in every form officers type", () => {
    expect(coerce(new Date(Date.UTC(2019, 11, 12)), { type: "date", label: "d" }).value).toBe("2019-12-12");
    expect(coerce("12/12/2019", { type: "date", label: "d" }).value).toBe("2019-12-12");
    expect(coerce(43811, { type: "date", label: "d" }).value).toBe("2019-12-12");
    expect(coerce("31/02/2018", { type: "date", label: "d" }).problem).toMatch(/not a date/);
  });
  test("Ofsted grades and categories of concern", () => {
    expect(coerce("Requires improvement", { type: "ofstedGrade", label: "g" }).value).toBe(3);
    expect(coerce("Satisfactory", { type: "ofstedGrade", label: "g" }).value).toBe(3);
    expect(coerce("Not judged", { type: "ofstedGrade", label: "g" }).value).toBeNull();
    expect(coerce("Serious weaknesses", { type: "categoryOfConcern", label: "c" }).value).toBe("SWK");
    expect(coerce(null, { type: "categoryOfConcern", label: "c" }).value).toBe("None");
    expect(coerce("Y", { type: "yesno", label: "s" }).value).toBe(true);
  });
});

describe("ruleset validation", () => {
  const text = fs.readFileSync(path.join(rulesDir, "staffordshire.json"), "utf8");
  const issues = (t: string) => {
    try {
      parseRuleset(t, "r.json");
    } catch (e) {
      expect(e).toBeInstanceOf(RulesetError);
      return (e as RulesetError).message;
    }
    throw new Error("expected the ruleset to be rejected");
  };
  test("unknown fact and operator name the JSON path, line and nearest valid name", () => {
    const msg = issues(text.replace('"fact": "safeguarding", "operator": "equal"', '"fact": "safegarding", "operator": "equals"'));
    expect(msg).toMatch(/\$\.triggers\[0\]\.conditions\.all\[0\]\.fact \(line \d+, column \d+\): unknown fact 'safegarding' \(did you mean 'safeguarding'\?\)/);
    expect(msg).toMatch(/unknown operator 'equals' \(did you mean 'equal'\?\)/);
  });
  test("duplicate keys and syntax errors give line numbers", () => {
    expect(issues(text.replace('"title":', '"id": "again", "title":'))).toMatch(/\$\.id \(line 4, column 3\): duplicate key 'id'/);
    expect(issues("{ \"id\": 1,, }")).toMatch(/line 1, column \d+\): JSON syntax error/);
  });
  test("schema errors name the path", () => {
    expect(issues(text.replace('"fill": "#FFC7CE"', '"fill": "red"'))).toMatch(/\$\.styles\.bands\.D\.fill.*#RRGGBB/);
    expect(issues(text.replace('{ "id": "A", "label": "No concern", "nextAction": "Light touch: annual conversation." }', '{ "id": "A", "label": "No concern", "conditions": { "all": [{ "fact": "band", "operator": "equal", "value": "A" }] } }'))).toMatch(/default and must have no conditions/);
  });
  test("the exported JSON Schema is current", () => {
    expect(fs.readFileSync(path.join(rulesDir, "ruleset.schema.json"), "utf8")).toBe(rulesetJsonSchemaText());
  });
});

describe.each(bundled)("bundled ruleset %s", (file) => {
  const ruleset = load(file);
  test("has stored test cases, and every one passes", async () => {
    const outcomes = await runRulesetTests(ruleset);
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.differences.join("; ")}`)).toEqual([]);
  });
  test("a wrong expectation fails with the difference", async () => {
    const t = ruleset.tests![0];
    const wrongBand = ruleset.bands.find((b) => b.id !== t.expect.band)!.id;
    const [o] = await runRulesetTests({ ...ruleset, tests: [{ ...t, expect: { ...t.expect, band: wrongBand } }] });
    expect(o.passed).toBe(false);
    expect(o.differences[0]).toContain(`band: expected "${wrongBand}"`);
  });
});

test("compiled evaluation matches plain json-rules-engine on 2,000 varied schools", async () => {
  const ruleset = load("staffordshire.json");
  const result = await categorise(memorySource(syntheticSchools(2000, 7)), ruleset, { asOf: "2026-11-20" });
  const reference = referenceEngine(ruleset);
  for (const r of result.rows) {
    const o = await reference.run(r.facts);
    expect([r.ruleBand, r.triggers.map((t) => t.id), r.escalation?.stage ?? null]).toEqual([o.band, o.triggers, o.stage]);
  }
  expect(new Set(result.rows.map((r) => r.band)).size).toBe(4);
});

describe("bad workbook input", () => {
  const ruleset = load("staffordshire.json");
  test("a missing required column names the sheet, the headers looked for and the nearest", async () => {
    const src = memorySource({ Schools: { headers: ["URN", "Ofsted grde"], rows: [[1, 2]] } });
    await expect(categorise(src, ruleset)).rejects.toThrow(/Sheet 'Schools' \(header row 1\) has no column for required field:\n\s+- Ofsted grade .*nearest header found: 'Ofsted grde'/);
  });
  test("empty sheets and header-only sheets", async () => {
    await expect(categorise(memorySource({ Schools: { headers: [], rows: [] } }), ruleset)).rejects.toThrow(InputError);
    await expect(categorise(memorySource({ Schools: { headers: ["URN", "Ofsted grade"], rows: [] } }), ruleset)).rejects.toThrow(/no school rows/);
  });
  test("URN 0 is a school, and the same URN typed as text is a duplicate (keys compare as their text)", async () => {
    const src = memorySource({ Schools: { headers: ["URN", "Ofsted grade"], rows: [[0, 2], [" 0 ", 3], [100001, 2], ["100001", 2]] } });
    const r = await categorise(src, ruleset, { asOf: "2026-01-01" });
    expect(r.rows.map((x) => x.key)).toEqual([0, 0, 100001, 100001]);
    expect(r.warnings.filter((w) => w.includes("also appears"))).toEqual([
      "Sheet 'Schools' row 3: URN 0 also appears on row 2; both rows are categorised and share its history",
      "Sheet 'Schools' row 5: URN 100001 also appears on row 4; both rows are categorised and share its history",
    ]);
  });
  test("text in a number column and duplicate keys are warnings naming row and column", async () => {
    const src = memorySource({ Schools: { headers: ["URN", "Ofsted grade", "Overall absence %"], rows: [[1, 2, "ninety"], [1, 2, 4]] } });
    const r = await categorise(src, ruleset, { asOf: "2026-01-01" });
    expect(r.rows[0].warnings).toEqual(["Row 2, column 'Overall absence %' (C): 'ninety' is not a percentage; treated as missing"]);
    expect(r.warnings.join("\n")).toMatch(/row 3: URN 1 also appears on row 2/);
  });
});

test("the row's academic year picks byYear thresholds, however the year is written", async () => {
  const ruleset = load("staffordshire.json");
  const row = (year: string | number) => [1, "Good", year, 62, -6, 0, 0];
  const headers = ["URN", "Ofsted grade", "Academic year", "KS2 RWM expected %", "KS2 reading progress", "KS2 writing progress", "KS2 maths progress"];
  const src = memorySource({ Schools: { headers, rows: [row("2013/14"), row("2017"), row("201617"), row("2016-17"), row(2014)] } });
  const r = await categorise(src, ruleset, { asOf: "2026-01-01" });
  expect(r.rows.map((x) => x.triggers.map((t) => t.id).includes("belowFloorKs2"))).toEqual([false, true, true, true, false]);
});
