// The hidden run record is untrusted input: a hand-edited or hostile workbook can put anything on
// the `_categorisation` sheet. Whatever it holds, a run and a clear finish, say what was left out,
// and write a workbook that re-reads; real .xlsx files through the command line.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseStore, STORE_SHEET } from "../engine";
import { runCli, tempDir, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("hostile-record-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const AS_OF = "2026-11-20";
const WIDTH = 31;
const RESULTS = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];

/** The example workbook with a hidden record sheet whose column B holds `record` (a string, as stored: "~" + JSON). */
async function withRecord(name: string, record: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(STAFFS_BOOK);
  const ws = wb.addWorksheet(STORE_SHEET, { state: "veryHidden" });
  ws.addRow(["Ruleset (JSON)", "Results record (JSON)"]);
  ws.addRow(["", "~" + record]);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const good = (extra: Record<string, unknown>) => JSON.stringify({ records: { Schools: { headerRow: 1, firstColumn: WIDTH + 1, headers: RESULTS, lastRow: 401, originals: {}, ...extra } }, summary: null });

const CASES: [string, string, RegExp][] = [
  ["not JSON", "{records: oops", /damaged \(not JSON\)/],
  ["wrong types", JSON.stringify({ records: { Schools: { headerRow: "one", firstColumn: [], headers: 7 } } }), /run record for sheet 'Schools' was left out: headerRow/],
  ["rows beyond Excel", good({ headerRow: 2_000_000 }), /headerRow/],
  ["columns beyond Excel", good({ firstColumn: 99_999 }), /firstColumn/],
  ["a hostile summary entry", JSON.stringify({ records: {}, summary: { sheet: "Schools", name: "x".repeat(5000) } }), /summary sheet entry is not valid/],
  ["a records list that is not an object", JSON.stringify({ records: [1, 2, 3] }), /.*/],
];

describe.each(CASES)("a record with %s", (label, record, note) => {
  it("is left out with a note; the run and a clear finish and write a workbook that re-reads", async () => {
    const input = await withRecord(`${label.replace(/\W+/g, "-")}.xlsx`, record);
    const out = input.replace(/\.xlsx$/, "-out.xlsx");
    const run = await runCli([input, "--out", out, "--as-of", AS_OF, "--quiet"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    if (label !== "a records list that is not an object") expect(run.out).toMatch(note);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Schools")!;
    expect(ws.getCell(1, WIDTH + 1).value).toBe("Category");
    expect(String(ws.getCell(2, WIDTH + 1).value)).toMatch(/^[ABCD] /);
    // The record written back is a good one: a second run restores and replaces in place.
    const store = wb.getWorksheet(STORE_SHEET)!;
    const grid: unknown[][] = [];
    store.eachRow((row, r) => (grid[r - 1] = [row.getCell(1).value, row.getCell(2).value]));
    const parsed = parseStore(grid);
    expect(parsed.problems).toBeUndefined();
    expect(parsed.records.Schools).toMatchObject({ headerRow: 1, firstColumn: WIDTH + 1 });
    const cleared = path.join(dir, `${label.replace(/\W+/g, "-")}-cleared.xlsx`);
    const clear = await runCli(["clear", input, "--out", cleared]);
    expect(clear.code).toBe(0);
    expect(clear.err).toBe("");
  });
});

describe("a recorded fill that is not a valid fill", () => {
  it("is dropped on its own; the good fills of the same record are kept", () => {
    const record = {
      headerRow: 1, firstColumn: 32, headers: RESULTS, lastRow: 10,
      originals: {
        '{"color":"#FFFF00"}': [2, 3],
        '{"color":"yellow; <script>"}': [3, 3],
        '{"color":null,"raw":{"type":"pattern","pattern":"evil"}}': [4, 3],
        "not json": [5, 3],
        '{"color":"#00FF00"}': [6, 3, 7],
      },
    };
    const store = parseStore([["a", "b"], ["", "~" + JSON.stringify({ records: { Schools: record } })]]);
    expect(store.records.Schools.originals).toEqual({ '{"color":"#FFFF00"}': [2, 3] });
  });
});
