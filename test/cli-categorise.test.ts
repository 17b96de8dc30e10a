// End to end: the command-line tool on the example workbook, re-read with ExcelJS.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as crypto from "node:crypto";
import ExcelJS from "exceljs";
import { main } from "../cli/main";

const example = path.resolve(__dirname, "../examples/staffordshire-schools.xlsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-"));
const input = path.join(dir, "schools.xlsx");
const out = path.join(dir, "out.xlsx");
const report = path.join(dir, "report.json");
const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const run = async (args: string[]) => {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s), (s) => lines.push(s));
  return { code, text: lines.join("\n") };
};

beforeAll(() => fs.copyFileSync(example, input));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("categorises the example: results columns, fills, summary, report; input untouched", async () => {
  const before = hash(input);
  const { code, text } = await run([input, "--rules", "rules/staffordshire.json", "--out", out, "--report", report, "--as-of", "2026-11-20"]);
  expect(code).toBe(0);
  expect(text).toMatch(/400 schools on sheet 'Schools'/);
  expect(hash(input)).toBe(before);
  // The console tables: every count (and the Schools heading) ends in one column, long labels included.
  const tableLines = text.split("\n").filter((l) => /^(Category|Triggers|Escalation) +Schools$|^  \S.* \d+$/.test(l));
  expect(tableLines.some((l) => l.includes("Two core group meetings without impact"))).toBe(true);
  expect(new Set(tableLines.map((l) => l.length)).size).toBe(1);

  const original = new ExcelJS.Workbook();
  await original.xlsx.readFile(input);
  const result = new ExcelJS.Workbook();
  await result.xlsx.readFile(out);
  const a = original.getWorksheet("Schools")!;
  const b = result.getWorksheet("Schools")!;
  const width = a.columnCount;
  expect(b.getRow(1).values).toEqual(expect.arrayContaining(["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"]));
  expect(b.getCell(1, width + 1).value).toBe("Category");
  for (let r = 1; r <= a.rowCount; r++) for (let c = 1; c <= width; c++) expect([r, c, b.getCell(r, c).value]).toEqual([r, c, a.getCell(r, c).value]);

  const rep = JSON.parse(fs.readFileSync(report, "utf8"));
  expect(rep.ruleset).toEqual({ id: "staffordshire", title: expect.any(String), version: expect.any(String) });
  const d = rep.rows.find((x: any) => x.band === "D" && !x.moderated);
  const cat = b.getCell(d.row, width + 1);
  expect(String(cat.value)).toBe("D High concern");
  expect((cat.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
  const withTrigger = rep.rows.find((x: any) => x.triggers.some((t: any) => t.id === "deficit") && x.triggers.length === 1);
  const budgetCol = (a.getRow(1).values as string[]).indexOf("Budget balance £");
  expect((b.getCell(withTrigger.row, budgetCol).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFD966");
  const summary = result.getWorksheet("Categorisation summary")!;
  const bandRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === "D")!;
  expect(bandRow.getCell(3).value).toBe(rep.rows.filter((x: any) => x.band === "D").length);
});

test("re-running on its own output is idempotent: same columns, same values", async () => {
  const again = path.join(dir, "again.xlsx");
  expect((await run([out, "--out", again, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
  const [x, y] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
  await x.xlsx.readFile(out);
  await y.xlsx.readFile(again);
  const [p, q] = [x.getWorksheet("Schools")!, y.getWorksheet("Schools")!];
  expect(q.columnCount).toBe(p.columnCount);
  for (const r of [1, 2, 5, 100]) expect(q.getRow(r).values).toEqual(p.getRow(r).values);
});

test("bad input: clear messages and non-zero exit codes", async () => {
  expect(await run(["missing.xlsx"])).toMatchObject({ code: 1, text: expect.stringMatching(/missing\.xlsx: no such file/) });
  expect(await run([input, "--out", input])).toMatchObject({ code: 1, text: expect.stringMatching(/the input is never overwritten/) });
  expect(await run([input, "--sheet", "Shools", "--out", out])).toMatchObject({ code: 1, text: expect.stringMatching(/no sheet 'Shools' \(did you mean 'Schools'\?\)/) });
  const bad = path.join(dir, "bad.json");
  fs.writeFileSync(bad, '{ "id": "x" }');
  expect(await run([input, "--rules", bad, "--out", out])).toMatchObject({ code: 1, text: expect.stringMatching(/bad\.json: the ruleset is not valid/) });
  expect(await run([input, "--bogus"])).toMatchObject({ code: 2 });
  const notXlsx = path.join(dir, "notes.xlsx");
  fs.writeFileSync(notXlsx, "hello");
  expect(await run([notXlsx])).toMatchObject({ code: 1, text: expect.stringMatching(/is not an \.xlsx workbook\. If it is an \.xls or \.csv file, open it in Excel/) });
});

test("the report lists the moderated schools and says why a school is not categorised", async () => {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const moderatedRows = json.rows.filter((r: { moderated: boolean }) => r.moderated);
  expect(json.moderated).toHaveLength(moderatedRows.length);
  expect(json.moderated.length).toBeGreaterThan(0);
  for (const m of json.moderated) {
    const row = json.rows.find((r: { row: number }) => r.row === m.row);
    expect(m.officerCategory.startsWith(row.band)).toBe(true);
    expect(m.ruleCategory.startsWith(row.ruleBand)).toBe(true);
    expect(row.moderation).toEqual({ reason: m.reason, contradicts: m.contradicts });
  }
  const notCategorised = json.rows.filter((r: { band: string }) => r.band === "U");
  expect(notCategorised.length).toBeGreaterThan(0);
  for (const r of notCategorised) expect(r.notCategorised.missing).toContain("Ofsted grade");
});
