// Officer data the tool must never take for its own, on real .xlsx files: columns headed like
// our results on a sheet never categorised, an officer's own "Categorisation summary" sheet, and
// a column inserted after a run (the record finds its results and the officer's fills again).
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { STORE_SHEET, SUMMARY_SHEET } from "../engine";
import { runCli, tempDir, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("officer-data-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const AS_OF = "2026-11-20";
const WIDTH = 31; // the example's officer columns, A to AE
const BUDGET = 29; // "Budget balance £": the deficit trigger colours it
const YELLOW: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
const argbOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null;

async function book(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

async function copyWith(from: string, name: string, edit: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = await book(from);
  edit(wb, wb.getWorksheet("Schools")!);
  await wb.xlsx.writeFile(file(name));
  return file(name);
}

const headersOf = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1).map((v) => (v === undefined ? null : v));

describe("columns headed like our results, on a sheet never categorised", () => {
  let input: string;
  beforeAll(async () => {
    // The officer's own last columns: their judgement headed "Category", their notes headed "Reasons".
    input = await copyWith(STAFFS_BOOK, "own-category.xlsx", (_wb, ws) => {
      ws.getCell(1, WIDTH + 1).value = "Category";
      ws.getCell(1, WIDTH + 2).value = "Reasons";
      for (let r = 2; r <= 20; r++) {
        ws.getCell(r, WIDTH + 1).value = r % 2 ? "Watch" : "Fine";
        ws.getCell(r, WIDTH + 2).value = `visit notes ${r}`;
      }
    });
  });

  it("are kept, with the results written to the right of them", async () => {
    const out = file("own-category-out.xlsx");
    const run = await runCli([input, "--out", out, "--as-of", AS_OF]);
    expect(run).toMatchObject({ code: 0 });
    const ws = (await book(out)).getWorksheet("Schools")!;
    for (let r = 2; r <= 20; r++) {
      expect(ws.getCell(r, WIDTH + 1).value).toBe(r % 2 ? "Watch" : "Fine");
      expect(ws.getCell(r, WIDTH + 2).value).toBe(`visit notes ${r}`);
    }
    expect(headersOf(ws).slice(WIDTH, WIDTH + 4)).toEqual(["Category", "Reasons", "Category", "Rule category"]);
    expect(String(ws.getCell(2, WIDTH + 3).value)).toMatch(/^[ABCD] /);
  });

  it("are not cleared by `categorise clear`", async () => {
    const out = file("own-category-cleared.xlsx");
    const run = await runCli(["clear", input, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/No results to clear/);
    const ws = (await book(out)).getWorksheet("Schools")!;
    for (let r = 2; r <= 20; r++) expect(ws.getCell(r, WIDTH + 2).value).toBe(`visit notes ${r}`);
  });
});

describe("an officer's own sheet named 'Categorisation summary'", () => {
  it("survives every run and clear; ours is written beside it and replaced on re-run", async () => {
    const input = await copyWith(STAFFS_BOOK, "own-summary.xlsx", (wb) => {
      const mine = wb.addWorksheet(SUMMARY_SHEET);
      mine.getCell("A1").value = "My committee notes";
      mine.getCell("B7").value = 42;
    });
    const first = file("own-summary-1.xlsx");
    expect((await runCli([input, "--out", first, "--as-of", AS_OF])).code).toBe(0);
    const second = file("own-summary-2.xlsx");
    expect((await runCli([first, "--out", second, "--as-of", AS_OF])).code).toBe(0);
    for (const f of [first, second]) {
      const wb = await book(f);
      expect(wb.getWorksheet(SUMMARY_SHEET)!.getCell("A1").value).toBe("My committee notes");
      expect(wb.getWorksheet(SUMMARY_SHEET)!.getCell("B7").value).toBe(42);
      expect(wb.getWorksheet(`${SUMMARY_SHEET} (2)`)!.getCell("A1").value).toBe(SUMMARY_SHEET);
      expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith(SUMMARY_SHEET))).toEqual([SUMMARY_SHEET, `${SUMMARY_SHEET} (2)`]);
    }
    const cleared = file("own-summary-cleared.xlsx");
    expect((await runCli(["clear", second, "--out", cleared])).code).toBe(0);
    const wb = await book(cleared);
    expect(wb.getWorksheet(SUMMARY_SHEET)!.getCell("A1").value).toBe("My committee notes");
    expect(wb.getWorksheet(`${SUMMARY_SHEET} (2)`)).toBeUndefined();
  });
});

describe("a column inserted after a run", () => {
  const DEFICIT = 4; // a school whose budget is in deficit: the trigger colours its budget cell
  let input: string;
  let inserted: string;

  beforeAll(async () => {
    input = await copyWith(STAFFS_BOOK, "insert-input.xlsx", (_wb, ws) => {
      expect(ws.getCell(1, BUDGET).value).toBe("Budget balance £");
      expect(ws.getCell(DEFICIT, BUDGET).value).toBeLessThan(0);
      ws.getCell(DEFICIT, BUDGET).fill = YELLOW;
    });
    const first = file("insert-1.xlsx");
    expect((await runCli([input, "--out", first, "--as-of", AS_OF])).code).toBe(0);
    const ws = (await book(first)).getWorksheet("Schools")!;
    expect(argbOf(ws.getCell(DEFICIT, BUDGET))).not.toBe("FFFFFF00"); // the trigger's colour now
    // The officer inserts a column at B, and clears the deficit: the budget moves to column 30.
    inserted = await copyWith(first, "insert-2.xlsx", (_wb, s) => {
      s.spliceColumns(2, 0, ["Local reference", ...Array.from({ length: 400 }, (_, i) => `L${i}`)]);
      s.getCell(DEFICIT, BUDGET + 1).value = 25_000;
    });
  });

  it("a re-run finds its results one column on and gives the officer's own yellow back to the moved cell", async () => {
    const out = file("insert-3.xlsx");
    const run = await runCli([inserted, "--out", out, "--as-of", AS_OF]);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/could not be restored/);
    const ws = (await book(out)).getWorksheet("Schools")!;
    expect(argbOf(ws.getCell(DEFICIT, BUDGET + 1))).toBe("FFFFFF00");
    expect(headersOf(ws).slice(WIDTH + 1, WIDTH + 3)).toEqual(["Category", "Rule category"]);
    expect(headersOf(ws)).toHaveLength(WIDTH + 1 + 7); // one results block, no second one
  });

  it("clear removes the moved results and restores the moved cell", async () => {
    const out = file("insert-cleared.xlsx");
    expect((await runCli(["clear", inserted, "--out", out])).code).toBe(0);
    const wb = await book(out);
    const ws = wb.getWorksheet("Schools")!;
    expect(argbOf(ws.getCell(DEFICIT, BUDGET + 1))).toBe("FFFFFF00");
    expect(headersOf(ws).length).toBe(WIDTH + 1);
    expect(wb.getWorksheet(STORE_SHEET)).toBeDefined();
  });
});
