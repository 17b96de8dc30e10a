// Hostile or awkward values: impossible run dates, percentages written as fractions, results text
// past Excel's cell limit, and text Excel would take for a formula. Real workbooks where a file is
// involved; the Office host through the fake Excel.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildOutputPlan, categorise, memorySource, parseRuleset } from "../engine";
import { fitCell, MAX_CELL_TEXT } from "../engine/output/output-plan";
import { toOffice } from "../hosts/office/office-values";
import { readWorkbook, writeResults } from "../hosts/office";
import { FakeExcel } from "./addin/fake-excel";
import { runCli, tempDir, STAFFS_BOOK, STAFFS_RULES } from "./helpers/cli";

const dir = tempDir("hostile-values-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const staffs = parseRuleset(fs.readFileSync(STAFFS_RULES, "utf8"));

describe("run dates", () => {
  it.each(["2019-02-30", "2019-13-01", "28/02/2019", "2019-2-3", "tomorrow"])("--as-of %s is refused, naming the date", async (date) => {
    const run = await runCli([STAFFS_BOOK, "--out", path.join(dir, "never.xlsx"), "--as-of", date]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`The run date '${date}' is not a date written YYYY-MM-DD`);
    expect(fs.existsSync(path.join(dir, "never.xlsx"))).toBe(false);
  });

  it("a real date, 29 February in a leap year, is accepted", async () => {
    expect((await runCli([STAFFS_BOOK, "--out", path.join(dir, "leap.xlsx"), "--as-of", "2024-02-29", "--quiet"])).code).toBe(0);
  });
});

describe("percentages written as plain numbers", () => {
  let out: string;
  let report: { warnings: string[]; rows: { row: number; warnings: string[]; triggers: { label: string }[] }[] };

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(STAFFS_BOOK);
    const ws = wb.getWorksheet("Schools")!;
    const header = (name: string) => (ws.getRow(1).values as unknown[]).indexOf(name);
    const persistent = header("Persistent absence %");
    const fsm = header("FSM %");
    expect(persistent).toBeGreaterThan(0);
    // Persistent absence typed as fractions in General cells, all the way down.
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const cell = row.getCell(persistent);
      cell.numFmt = "General";
      cell.value = (r % 40) / 100 + 0.01;
    });
    // One FSM cell typed as 0.45 among percentage points.
    ws.getCell(5, fsm).numFmt = "General";
    ws.getCell(5, fsm).value = 0.45;
    const input = path.join(dir, "fractions.xlsx");
    await wb.xlsx.writeFile(input);
    out = path.join(dir, "fractions-out.xlsx");
    const json = path.join(dir, "fractions.json");
    const run = await runCli([input, "--out", out, "--report", json, "--as-of", "2026-11-20", "--quiet"]);
    expect(run.code).toBe(0);
    report = JSON.parse(fs.readFileSync(json, "utf8"));
  });

  it("a column of values from 0 to 1 is read as written, with one warning naming the column", async () => {
    const w = report.warnings.filter((x) => x.includes("Persistent absence %"));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/every value is between 0 and 1\. They are read as written, in percentage points \(0\.45 is 0\.45%, not 45%\)/);
    // Read as written: no school is over the persistent absence threshold (in the example as it
    // comes, with percentage points, some are).
    const persistent = (r: { triggers: { label: string }[] }) => r.triggers.some((t) => /persistent/i.test(t.label));
    expect(report.rows.some(persistent)).toBe(false);
    const json = path.join(dir, "as-given.json");
    expect((await runCli([STAFFS_BOOK, "--out", path.join(dir, "as-given.xlsx"), "--report", json, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, "utf8")).rows.some(persistent)).toBe(true);
  });

  it("a value below 1 among percentage points gets a warning on its row", () => {
    const row = report.rows.find((r) => r.row === 5)!;
    expect(row.warnings.join("\n")).toMatch(/Row 5, column 'FSM %' \(\w+\): 0\.45 is read as 0\.45%; .* if 45% was meant, type 45/);
  });
});

describe("results text past Excel's cell limit", () => {
  it("is cut, saying so, and the written workbook re-reads", async () => {
    expect(fitCell("short")).toBe("short");
    const long = "x".repeat(MAX_CELL_TEXT + 500);
    const cut = fitCell(long);
    expect(cut.length).toBe(MAX_CELL_TEXT);
    expect(cut).toMatch(/cut at Excel's limit of 32,767 characters; the full text is in the report\)$/);

    const source = memorySource({ Schools: { headers: ["URN", "Ofsted grade"], rows: [[1, 4]] } });
    const result = await categorise(source, staffs, { asOf: "2026-11-20" });
    result.rows[0] = { ...result.rows[0], reasons: Array.from({ length: 2000 }, (_, i) => `Reason ${i}: ${"because ".repeat(5)}`) };
    const plan = buildOutputPlan(result, staffs);
    const reasons = plan.values[0][plan.headers.indexOf("Reasons")] as string;
    expect(reasons.length).toBe(MAX_CELL_TEXT);
    expect(reasons.startsWith("Reason 0: because")).toBe(true);
  });
});

describe("text Excel would take for a formula, in the Office host", () => {
  it.each(["=HYPERLINK(\"http://x\")", "+44 1785 000000", "-0.5 below floor", "@head"])("%s is written as text", (text) => {
    expect(toOffice(text)).toEqual({ value: `'${text}` });
  });

  it("plain text, numbers and dates are written as they are", () => {
    expect(toOffice("Good")).toEqual({ value: "Good" });
    expect(toOffice(-0.5)).toEqual({ value: -0.5 });
    expect(toOffice(new Date(Date.UTC(2026, 0, 5)))).toEqual({ value: 46027, format: "dd/mm/yyyy" });
  });

  it("results headers from a ruleset's outputs are written as text", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Schools").put(0, 0, [["URN", "Ofsted grade"], [1, 4]]);
    const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" });
    const result = await categorise(read.source, staffs, { asOf: "2026-11-20", store: read.store });
    const plan = buildOutputPlan(result, staffs);
    await writeResults(xl.context, { ...plan, headers: [...plan.headers.slice(0, -1), "=SUM(A1:A9)"] }, read);
    const header = xl.sheet("Schools").cell(0, 2 + plan.headers.length - 1);
    expect(header.value).toBe("=SUM(A1:A9)");
    expect(header.formula).toBeUndefined();
  });
});
