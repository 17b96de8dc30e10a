// A run writes each school's Reasons without tracing its rules (reason-lines.ts, rule-words.ts), and
// traces them only when an explanation is read (school-result.ts). The lines must say exactly what
// explain.ts's reasonsFor says from the school's traces, and the cells a trigger colours must be the
// columns behind the conditions its trace shows holding: checked on every row of both example
// workbooks, of 3,000 generated schools (markers, moderation, not categorised, histories), and of rulesets whose
// rules the words cannot follow by bits.
import * as fs from "node:fs";
import * as path from "node:path";
import { categorise } from "../../engine/evaluate/categorise";
import { reasonsFor, supporting } from "../../engine/evaluate/explain";
import { compileRuleset } from "../../engine/evaluate/compile-ruleset";
import { mapColumns, officerColumnCount, readRow } from "../../engine/read/mapping";
import { parseRuleset } from "../../engine/ruleset/parse";
import { memorySource } from "../../engine/read/memory-source";
import { plainResults } from "../../engine/evaluate/school-result";
import { openWorkbook } from "../../hosts/file/run-and-clear";
import { syntheticSchools } from "../../bench/synthetic-schools";
import type { Ruleset } from "../../engine/ruleset/schema";
import type { RunResult } from "../../engine/results";
import type { WorkbookSource } from "../../engine/workbook";

const ROOT = path.resolve(__dirname, "../..");
const rulesOf = (name: string) => parseRuleset(fs.readFileSync(path.join(ROOT, "rules", name), "utf8"));
const bookOf = (name: string) => {
  const file = path.join(ROOT, "examples", name);
  return openWorkbook(new Uint8Array(fs.readFileSync(file)), file).source;
};

/** Every row's reasons and trigger cells against what its traces say; returns the rows checked. */
function checkEveryRow(source: WorkbookSource, ruleset: Ruleset, result: RunResult): number {
  const sheet = source.readSheet(result.sheet)!;
  const { index } = mapColumns(sheet, ruleset.fields, officerColumnCount(sheet));
  const compiled = compileRuleset(ruleset);
  const labels = new Map(ruleset.bands.map((b) => [b.id, b.label]));
  for (const row of result.rows) {
    const { withheld } = readRow(sheet, row.row - sheet.headerRow - 1, ruleset.fields, index);
    expect({ row: row.row, reasons: row.reasons }).toEqual({ row: row.row, reasons: reasonsFor(row, labels.get(row.ruleBand)!, withheld, compiled.sources, compiled.label) });
    const fired = row.traces.filter((t) => t.kind === "trigger" && t.held);
    expect(row.triggerCells.map((c) => c.trigger)).toEqual(fired.map((t) => t.id));
    fired.forEach((t, i) => {
      const columns = [...new Set(supporting(t).flatMap((c) => (compiled.sources.get(c.fact) ?? []).map((f) => index.get(f))))]
        .filter((c): c is number => c !== undefined)
        .map((c) => sheet.firstColumn + c)
        .sort((a, b) => a - b);
      expect({ row: row.row, trigger: t.id, columns: row.triggerCells[i].columns }).toEqual({ row: row.row, trigger: t.id, columns });
    });
  }
  return result.rows.length;
}

describe("reasons written without traces say what the traces say", () => {
  test.each([
    ["staffordshire.json", "staffordshire-schools.xlsx"],
    ["warwickshire.json", "warwickshire-schools.xlsx"],
  ])("%s on every row of %s", async (rules, book) => {
    const ruleset = rulesOf(rules);
    const source = bookOf(book);
    const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
    expect(checkEveryRow(source, ruleset, result)).toBeGreaterThan(200);
  });

  test("3,000 generated schools with markers, officer categories and histories", async () => {
    const ruleset = rulesOf("staffordshire.json");
    const data = syntheticSchools(3_000);
    // Some officer categories, with and without a reason, and one that names no category.
    const schools = data.Schools;
    const officer = schools.headers.indexOf("Officer category");
    expect(officer).toBeGreaterThan(-1);
    for (let r = 0; r < schools.rows.length; r += 37) schools.rows[r][officer] = ["A", "D", "C Medium concern", "Z"][r % 4];
    // No Ofsted grade, or one withheld: not categorised.
    const grade = schools.headers.indexOf("Ofsted grade");
    for (let r = 5; r < schools.rows.length; r += 41) schools.rows[r][grade] = r % 2 ? null : "NE";
    const source = memorySource(data);
    const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
    expect(result.rows.some((r) => r.moderated)).toBe(true);
    expect(result.rows.some((r) => r.notCategorised)).toBe(true);
    expect(result.rows.some((r) => r.reasons.some((l) => l.startsWith("Could not be decided")))).toBe(true);
    expect(result.rows.some((r) => r.reasons.some((l) => l.startsWith("Also for ")))).toBe(true);
    expect(checkEveryRow(source, ruleset, result)).toBe(result.rows.length);
  });

  test("a rule with more leaves than the words follow by bits, and one under 'not', say the same", async () => {
    const ruleset = rulesOf("staffordshire.json");
    // 40 leaves: past what a number's bits hold, so the reason comes from the rule's trace.
    const many = { any: Array.from({ length: 40 }, (_, i) => ({ fact: "complaints", operator: "greaterThanInclusive", value: i })) };
    ruleset.triggers.push({ id: "manyLeaves", label: "Many leaves", severity: "low", conditions: many } as (typeof ruleset.triggers)[number]);
    ruleset.triggers.push({ id: "notSafe", label: "Not marked safe", severity: "low", conditions: { not: { fact: "safeguarding", operator: "equal", value: false } } } as (typeof ruleset.triggers)[number]);
    const source = memorySource(syntheticSchools(500));
    const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
    expect(result.rows.some((r) => r.triggers.some((t) => t.id === "manyLeaves"))).toBe(true);
    expect(result.rows.some((r) => r.triggers.some((t) => t.id === "notSafe"))).toBe(true);
    expect(checkEveryRow(source, ruleset, result)).toBe(500);
  });

  test("traces are made when read, and a posted copy carries them", async () => {
    const ruleset = rulesOf("staffordshire.json");
    const result = await categorise(memorySource(syntheticSchools(50)), ruleset, { asOf: "2026-11-20" });
    const row = result.rows[0];
    expect(Object.keys(row)).not.toContain("traces");
    expect(row.traces.some((t) => t.kind === "band" && t.id === row.ruleBand && t.held)).toBe(true);
    expect(row.traces).toBe(row.traces); // made once
    // A structured clone (what a worker posts) keeps own properties only: plainResults makes them own.
    expect(structuredClone(row).traces).toBeUndefined();
    const posted = structuredClone(plainResults([row]))[0];
    expect(posted.traces).toEqual(row.traces);
    expect(posted.reasons).toEqual(row.reasons);
  });
});
