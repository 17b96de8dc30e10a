// The command-line tool keeps the add-in's hidden record of each run: re-running on its own output
// after the evidence changed restores officer cells that no longer trigger to their own fill, and
// the output clears back to the original (clear command and the page's host alike). Real .xlsx
// files, written and re-read with ExcelJS.
import * as fs from "fs";
import * as path from "path";
import * as crypto from "crypto";
import ExcelJS from "exceljs";
import { STORE_SHEET, SUMMARY_SHEET } from "../engine";
import { BrowserHost } from "../addin/browser-host";
import { runCli, tempDir, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("rerun-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const AS_OF = "2026-11-20";
const WIDTH = 31; // the example's officer columns, A to AE
const BUDGET = 29; // "Budget balance £": the deficit trigger colours it (#FFD966)
const [HIGHLIGHTED, PLAIN] = [4, 5]; // two schools in deficit; the officer highlighted the first's budget
const YELLOW: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
const RECOVERED = 25_000;
const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const file = (name: string) => path.join(dir, name);

async function book(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

/** A copy of a workbook with the Schools sheet changed by edit. */
async function edited(from: string, name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = await book(from);
  edit(wb.getWorksheet("Schools")!);
  await wb.xlsx.writeFile(file(name));
  return file(name);
}

/** Every stored cell of a sheet: "row,col" -> [value, fill]. */
function cells(wb: ExcelJS.Workbook, sheet = "Schools"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  wb.getWorksheet(sheet)!.eachRow((row, r) => row.eachCell((cell, c) => void (out[`${r},${c}`] = [cell.value, cell.style?.fill ?? null])));
  return out;
}

const argbOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const recover = (ws: ExcelJS.Worksheet) => {
  for (const r of [HIGHLIGHTED, PLAIN]) ws.getCell(r, BUDGET).value = RECOVERED;
};

let input: string; // the example, with the officer's yellow on one budget cell
let first: string; // the first run's output
let changed: string; // that output with both schools' budgets back in surplus
let second: string; // the re-run on it

beforeAll(async () => {
  input = await edited(STAFFS_BOOK, "input.xlsx", (ws) => {
    expect(ws.getRow(1).getCell(BUDGET).value).toBe("Budget balance £");
    for (const r of [HIGHLIGHTED, PLAIN]) expect(ws.getCell(r, BUDGET).value).toBeLessThan(0);
    ws.getCell(HIGHLIGHTED, BUDGET).fill = YELLOW;
  });
  first = file("first.xlsx");
  const before = hash(input);
  expect((await runCli([input, "--out", first, "--as-of", AS_OF, "--quiet"])).code).toBe(0);
  expect(hash(input)).toBe(before);
  changed = await edited(first, "changed.xlsx", recover);
  second = file("second.xlsx");
  const beforeChanged = hash(changed);
  expect((await runCli([changed, "--out", second, "--as-of", AS_OF, "--quiet"])).code).toBe(0);
  expect(hash(changed)).toBe(beforeChanged);
  expect(hash(input)).toBe(before);
});

describe("re-running on the tool's own output", () => {
  it("records the run on a very hidden sheet, and the first run colours the deficits", async () => {
    const wb = await book(first);
    expect(wb.getWorksheet(STORE_SHEET)?.state).toBe("veryHidden");
    const ws = wb.getWorksheet("Schools")!;
    for (const r of [HIGHLIGHTED, PLAIN]) expect(argbOf(ws.getCell(r, BUDGET))).toBe("FFFFD966");
  });

  it("restores cells that no longer trigger to their own fill, and changes nothing else", async () => {
    const [orig, p, q] = [(await book(input)).getWorksheet("Schools")!, (await book(first)).getWorksheet("Schools")!, (await book(second)).getWorksheet("Schools")!];
    expect(q.getCell(HIGHLIGHTED, BUDGET).fill).toEqual(YELLOW);
    expect(q.getCell(PLAIN, BUDGET).fill).toBeUndefined();
    expect(orig.getCell(PLAIN, BUDGET).fill).toBeUndefined();
    for (let r = 1; r <= p.rowCount; r++) {
      for (let c = 1; c <= WIDTH; c++) {
        const [a, b] = [p.getCell(r, c), q.getCell(r, c)];
        if (c === BUDGET && (r === HIGHLIGHTED || r === PLAIN)) expect(b.value).toBe(RECOVERED);
        else expect([r, c, b.value, b.fill ?? null]).toEqual([r, c, a.value, a.fill ?? null]);
      }
    }
    const triggers = WIDTH + 3;
    expect(q.getCell(1, triggers).value).toBe("Triggers");
    for (const r of [HIGHLIGHTED, PLAIN]) expect(String(q.getCell(r, triggers).value ?? "")).not.toMatch(/Budget deficit/);
    expect((await book(second)).getWorksheet(STORE_SHEET)?.state).toBe("veryHidden");
  });
});

describe("clearing a workbook the tool wrote", () => {
  it("clear command: back to the input's values and fills, summary sheet gone, input untouched", async () => {
    const cleared = file("cleared.xlsx");
    const before = hash(first);
    const run = await runCli(["clear", first, "--out", cleared]);
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/Cleared the results on 'Schools' and restored [\d,]+ cell colours/) });
    expect(hash(first)).toBe(before);
    const [a, b] = [await book(input), await book(cleared)];
    expect(cells(b)).toEqual(cells(a));
    expect(b.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(b.worksheets.map((ws) => ws.name).filter((n) => n !== STORE_SHEET)).toEqual(a.worksheets.map((ws) => ws.name));
  });

  it("the page's host clears a re-run output back to the changed data with the officer's own fills", async () => {
    const bytes = fs.readFileSync(second);
    const host = await BrowserHost.open(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, "second.xlsx");
    const target = (await host.listTargets()).find((t) => t.sheet === "Schools")!;
    expect(await host.clear(target)).toMatch(/Cleared the results on 'Schools' and restored [\d,]+ cell colours/);
    const cleared = new ExcelJS.Workbook();
    await cleared.xlsx.load(await (await host.download()).arrayBuffer());
    const expected = await book(await edited(input, "expected.xlsx", recover));
    expect(cells(cleared)).toEqual(cells(expected));
    expect(cleared.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
  });

  it("clear command on a workbook without results, and its usage errors", async () => {
    const out = file("nothing.xlsx");
    expect(await runCli(["clear", input, "--out", out])).toMatchObject({ code: 0, out: expect.stringMatching(/No results to clear in /) });
    expect(await runCli(["clear", input, "--out", input])).toMatchObject({ code: 1, err: expect.stringMatching(/the input is never overwritten/) });
    expect(await runCli(["clear", first, "--sheet", "Shools", "--out", out])).toMatchObject({ code: 1, err: expect.stringMatching(/no sheet 'Shools'/) });
    expect(await runCli(["clear"])).toMatchObject({ code: 2 });
  });
});
