// Class 2e: a band with an inherited name (constructor, toString) and no style of its own gets the
// plain grey fallback fill, not the function every object inherits; a per-pupil rate it has none
// of is missing, not NaN.
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { buildOutputPlan, categorise, memorySource, parseRuleset, sheetFromRecords } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { staffordshire, writeRules } from "./bounded";
import { tinyRuleset } from "./tiny";

const dir = tempDir("hostile-bands-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const FALLBACK = "#D9D9D9";

test("bands named constructor and toString, without styles, get the fallback fill in the output plan", async () => {
  const r = tinyRuleset({
    triggers: [{ id: "big", label: "Big", severity: "valueOf", conditions: { all: [{ fact: "pupils", operator: "greaterThan", value: 500 }] } }],
    bands: [
      { id: "constructor", label: "Big", conditions: { any: [{ fact: "triggers", operator: "contains", value: "big" }] } },
      { id: "toString", label: "Everyone else" },
    ],
    styles: { bands: {}, severities: {} },
    outputs: [{ id: "funding", header: "Funding £", kind: "perPupil", pupils: "pupils", rates: { toString: 10 } }],
  });
  const ruleset = parseRuleset(JSON.stringify(r));
  const rows = [{ URN: 1, "School name": "Big school", Pupils: 900 }, { URN: 2, "School name": "Small school", Pupils: 90 }];
  const result = await categorise(memorySource({ Schools: sheetFromRecords(rows) }), ruleset, { asOf: "2026-01-15" });
  expect(result.rows.map((x) => [x.band, x.outputs.funding])).toEqual([["constructor", null], ["toString", 900]]);
  const plan = buildOutputPlan(result, ruleset);
  for (const group of plan.styles) expect(group.style).toEqual({ fill: FALLBACK });
  expect(plan.styles.flatMap((g) => g.cells).length).toBeGreaterThanOrEqual(4); // both Category cells, the Pupils cell and the Triggers cell
}, 10_000);

test("the command line: a band renamed constructor, its style removed, is filled grey in the copy", async () => {
  const r = staffordshire();
  r.bands.find((b: any) => b.id === "B").id = "constructor";
  delete r.styles.bands.B;
  for (const t of r.tests) {
    if (t.expect.band === "B") t.expect.band = "constructor";
    if (t.expect.ruleBand === "B") t.expect.ruleBand = "constructor";
  }
  const rules = writeRules(dir, "constructor.json", r);
  const check = await runCli(["check", rules]);
  expect(check.out).toMatch(/constructor\.json: 0 errors, 1 warning/);
  expect(check.out).toContain("band 'constructor' has no style in styles.bands: its Category cells get a plain grey fill");
  const out = path.join(dir, "constructor.xlsx");
  const report = path.join(dir, "constructor-report.json");
  const run = await runCli([STAFFS_BOOK, "--rules", rules, "--out", out, "--report", report, "--as-of", "2026-11-20"]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  const rows: any[] = JSON.parse(fs.readFileSync(report, "utf8")).rows;
  const low = rows.filter((x) => x.band === "constructor");
  expect(low.length).toBeGreaterThan(50);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const sheet = book.getWorksheet("Schools")!;
  const category = (sheet.getRow(1).values as unknown[]).indexOf("Category");
  for (const x of low.slice(0, 10)) {
    const cell = sheet.getCell(x.row, category);
    expect(cell.value).toBe("constructor Low concern");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF" + FALLBACK.slice(1));
  }
}, 30_000);
