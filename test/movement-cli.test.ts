// Movement between runs on real .xlsx files: the example categorised, two Ofsted grades changed in
// the output with ExcelJS, the output categorised again. The second output's own record keeps both
// runs; its summary sheet shows the movement table and the schools that moved; `categorise diff
// --runs` prints the same from that one workbook; the example in docs/writing-rules.md is its output.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseStore, STORE_SHEET, type Movement, type StoreContents } from "../engine";
import { chunkText, joinChunks } from "../engine/output/run-record";
import { runCli, tempDir, ROOT, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("movement-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const [WATERHOUSES, RISING_BROOK] = [2, 3]; // A No concern and B Low concern, both Good, in the example

async function book(f: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb;
}

function storeOf(wb: ExcelJS.Workbook): StoreContents {
  const grid: unknown[][] = [];
  wb.getWorksheet(STORE_SHEET)!.eachRow((row, r) => void (grid[r - 1] = [row.getCell(1).value, row.getCell(2).value]));
  return parseStore(grid);
}

/** The summary sheet's rows as values (1-based rows, as Excel numbers them). */
function summaryRows(wb: ExcelJS.Workbook): unknown[][] {
  const ws = wb.getWorksheet("Categorisation summary")!;
  return Array.from({ length: ws.rowCount + 1 }, (_, r) => (r ? (ws.getRow(r).values as unknown[]).slice(1) : []));
}

let first: string;
let second: string;

beforeAll(async () => {
  first = file("first.xlsx");
  expect((await runCli([STAFFS_BOOK, "--out", first, "--as-of", "2025-09-01", "--quiet"])).code).toBe(0);
  const wb = await book(first);
  const ws = wb.getWorksheet("Schools")!;
  const grade = (ws.getRow(1).values as unknown[]).indexOf("Ofsted grade");
  expect([ws.getCell(WATERHOUSES, grade).value, ws.getCell(RISING_BROOK, grade).value]).toEqual([2, "Good"]);
  for (const r of [WATERHOUSES, RISING_BROOK]) ws.getCell(r, grade).value = "Inadequate";
  await wb.xlsx.writeFile(file("first-edited.xlsx"));
  second = file("second.xlsx");
  const again = await runCli([file("first-edited.xlsx"), "--out", second, "--as-of", "2026-01-15", "--quiet"]);
  expect(again.code).toBe(0);
}, 60_000);

test("the first run keeps its own categories; its summary has no movement yet, and diff --runs says why", async () => {
  const wb = await book(first);
  const store = storeOf(wb);
  expect(store.runs!.map((r) => [r.sheet, r.asOf, r.ruleset.version, r.schools.length])).toEqual([["Schools", "2025-09-01", "2014-16.1", 400]]);
  expect(summaryRows(wb).flat()).not.toContain("Last run \\ this run");
  const r = await runCli(["diff", "--runs", first]);
  expect(r.code).toBe(1);
  expect(r.err).toContain("keeps one run on sheet 'Schools' (01/09/2025, Staffordshire school categorisation framework 2014-16.1); categorise this workbook again");
});

test("the re-run's record keeps both runs, with their dates, by URN", async () => {
  const store = storeOf(await book(second));
  expect(store.problems).toBeUndefined();
  expect(store.runs!.map((r) => r.asOf)).toEqual(["2025-09-01", "2026-01-15"]);
  const [before, after] = store.runs!;
  const band = (run: typeof before, urn: number) => {
    const s = run.schools.find((x) => x[0] === urn)!;
    return run.bands[s[1]][0];
  };
  expect([band(before, 123962), band(after, 123962)]).toEqual(["A", "D"]);
  expect([band(before, 123967), band(after, 123967)]).toEqual(["B", "D"]);
});

test("the summary sheet shows the movement table and the schools that moved", async () => {
  const wb = await book(second);
  const rows = summaryRows(wb);
  const at = rows.findIndex((r) => r[0] === "Last run \\ this run");
  expect(rows[at - 2][0]).toBe("Movement since the last run (01/09/2025, Staffordshire school categorisation framework 2014-16.1) to this run (15/01/2026, Staffordshire school categorisation framework 2014-16.1)");
  expect(rows[at - 1][0]).toBe("2 changed category; 0 changed escalation stage only; 1 changed triggers only; 397 unchanged.");
  expect(rows[at]).toEqual(["Last run \\ this run", "D", "C", "B", "U", "A", "No longer in the sheet", "Total"]);
  const line = (label: string) => rows.slice(at).find((r) => r[0] === label);
  expect(line("B")).toEqual(["B", 1, 0, 159, 0, 0, 0, 160]);
  expect(line("A")).toEqual(["A", 1, 0, 0, 0, 136, 0, 137]);
  expect(line("Not in the last run")).toEqual(["Not in the last run", 0, 0, 0, 0, 0, undefined, 0]);
  expect(line("Total")).toEqual(["Total", 71, 26, 159, 8, 136, 0, 400]);
  // Band colours on the headers, as in the other band tables; staying put in bold.
  const ws = wb.getWorksheet("Categorisation summary")!;
  const fill = (r: number, c: number) => (ws.getCell(r, c).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
  expect(fill(at, 2)).toBe("FFFFC7CE");
  expect(fill(at + 1, 1)).toBe("FFFFC7CE");
  expect(ws.getCell(at + 1, 2).font?.bold).toBe(true);
  expect(ws.getCell(at + 1, 3).font?.bold).toBeFalsy();

  const list = rows.findIndex((r) => r[0] === "Schools that moved");
  expect(rows[list]).toEqual(["Schools that moved", "URN", "Last run", "This run", "Stage last run", "Stage this run", "Triggers added", "Triggers removed"]);
  expect(rows.slice(list + 1, list + 4)).toEqual([
    ["Waterhouses Nursery School", 123962, "A", "D", "none", "LA Notice of Concern", "Ofsted inadequate; Ofsted grade declined", "none"],
    ["Rising Brook Nursery School", 123967, "B", "D", "none", "LA Notice of Concern", "Ofsted inadequate; Ofsted grade declined", "none"],
    ["1 more school changed triggers only."],
  ]);
});

test("diff --runs prints the same table from the categorised workbook alone, and the movers with their trigger changes", async () => {
  const report = file("movement.json");
  const r = await runCli(["diff", "--runs", second, "--report", report]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/ {2}B\s+1\s+0\s+159\s+0\s+0\s+0\s+160\n/);
  expect(r.out).toMatch(/ {2}Total\s+71\s+26\s+159\s+8\s+136\s+0\s+400\n/);
  expect(r.out).toContain("  123962 Waterhouses Nursery School (row 2)\n    category: A No concern -> D High concern\n    stage: none -> LA Notice of Concern\n    + trigger Ofsted inadequate");
  expect(r.out).toContain("  124073 Bridgtown Primary School (row 20)\n    + trigger Two core group meetings without impact");
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as Movement;
  expect(json.counts).toEqual({ compared: 400, categoryChanged: 2, stageChanged: 0, triggersOnly: 1, unchanged: 397, newSchools: 0, gone: 0 });
  expect(json.changes.map((c) => c.key)).toEqual([123962, 123967, 124073]);
});

test("docs/writing-rules.md shows this very output", async () => {
  const docs = fs.readFileSync(path.join(ROOT, "docs/writing-rules.md"), "utf8");
  const block = /```\n\$ npx categorise diff --runs schools-categorised-categorised\.xlsx --limit 2\n([\s\S]*?)```/.exec(docs);
  expect(block).not.toBeNull();
  const r = await runCli(["diff", "--runs", second, "--limit", "2"]);
  expect(r.out + "\n").toBe(block![1]);
});

test("a third run keeps the last two runs only; the record stays bounded", async () => {
  const third = file("third.xlsx");
  expect((await runCli([second, "--out", third, "--as-of", "2026-04-20", "--quiet"])).code).toBe(0);
  const store = storeOf(await book(third));
  expect(store.runs!.map((r) => r.asOf)).toEqual(["2026-01-15", "2026-04-20"]);
  const r = await runCli(["diff", "--runs", third]);
  expect(r.out).toContain("from 15/01/2026");
  // Nothing changed but the date: no category moves; time alone moves some stages on.
  expect(r.out).toMatch(/\n0 changed category; 2 changed escalation stage only; 1 changed triggers only; 397 unchanged\./);
  expect(r.out).toContain("124067 Baswich First School (row 16)\n    stage: LA Notice of Concern -> Statutory options");
});

test("Clear leaves the record of runs, so the next run still shows the movement since the last", async () => {
  const cleared = file("cleared.xlsx");
  expect((await runCli(["clear", second, "--out", cleared])).code).toBe(0);
  const wb = await book(cleared);
  expect(wb.getWorksheet("Categorisation summary")).toBeUndefined();
  expect(storeOf(wb).runs!.map((r) => r.asOf)).toEqual(["2025-09-01", "2026-01-15"]);
});

test("a damaged record of runs is left out with a note; the run goes on and starts the record again", async () => {
  const wb = await book(second);
  const ws = wb.getWorksheet(STORE_SHEET)!;
  const column: unknown[] = [];
  ws.eachRow((row, r) => void (r > 1 && column.push(row.getCell(2).value)));
  const record = JSON.parse(joinChunks(column)!);
  record.runs[0].schools[5] = ["123", 99, -1]; // a band index beyond the run's bands
  record.runs[1].asOf = "last week";
  const chunks = chunkText(JSON.stringify(record));
  for (let i = 0; i < Math.max(chunks.length, column.length); i++) ws.getCell(i + 2, 2).value = chunks[i] ?? null;
  await wb.xlsx.writeFile(file("damaged.xlsx"));
  const r = await runCli([file("damaged.xlsx"), "--out", file("after-damage.xlsx"), "--as-of", "2026-04-20"]);
  expect(r.code).toBe(0);
  expect(r.out + r.err).toContain("Part of the record of earlier runs' categories is not valid and was left out");
  const store = storeOf(await book(file("after-damage.xlsx")));
  expect(store.runs!.map((x) => x.asOf)).toEqual(["2026-04-20"]);
  expect(store.problems).toBeUndefined();
});

test("diff --runs refuses a workbook that keeps no run, and --rules without --runs", async () => {
  const none = await runCli(["diff", "--runs", STAFFS_BOOK]);
  expect(none.code).toBe(1);
  expect(none.err).toContain("keeps no run's categories. Categorise it, then categorise the copy again");
  const misplaced = await runCli(["diff", "--rules", "staffordshire", "a.json", "b.json", STAFFS_BOOK]);
  expect(misplaced.code).toBe(2);
  expect(misplaced.err).toContain("--rules goes with --runs");
});
