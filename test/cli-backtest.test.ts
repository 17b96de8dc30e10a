// categorise backtest: rules run on earlier data beside a later outcome column; hits, false alarms,
// hit rate per trigger, any trigger and per band. Real .xlsx files, including the committed example
// built from real Ofsted data.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli, tempDir, rulesVariant, ROOT, STAFFS_RULES } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";
import { writeBacktestExample } from "../scripts/make-backtest-example";

const dir = tempDir("backtest-");
const EXAMPLE = path.join(ROOT, "examples/warwickshire-backtest.xlsx");
const DATA = path.resolve(ROOT, "data/source");

const school = (urn: number, extra: Record<string, string | number | null>) => ({
  URN: urn, "School name": `School ${urn}`, Type: "Community school", Phase: "Primary", District: "Stafford", Pupils: 200,
  "Ofsted grade": 2, "Grade in 2015": 1, ...extra,
});
let book: string;

beforeAll(async () => {
  // Six counted schools: deficit flags 100001-100003 (two later declined), complaints flags 100003 and 100004.
  book = await writeBook(path.join(dir, "earlier.xlsx"), {
    Schools: rowsOf([
      school(100001, { "Budget balance £": -500, "Next Ofsted grade": "Requires improvement" }), // flagged, declined
      school(100002, { "Budget balance £": -500, "Next Ofsted grade": 3 }), // flagged, declined
      school(100003, { "Budget balance £": -500, Complaints: 7, "Next Ofsted grade": "Good" }), // flagged twice, held
      school(100004, { Complaints: 9, "Next Ofsted grade": 2 }), // flagged, held
      school(100005, { "Next Ofsted grade": 4 }), // not flagged, declined (missed)
      school(100006, { "Ofsted grade": 3, "Next Ofsted grade": 3 }), // RI, stayed RI: D band, not declined
      school(100007, { "Ofsted grade": 4, "Next Ofsted grade": 4 }), // already inadequate: left out
      school(100008, { "Next Ofsted grade": "Not judged" }), // no outcome: left out
      school(100009, { "Next Ofsted grade": "tbc" }), // unreadable: left out, with a warning
    ]),
  });
});

const line = (out: string, start: string) => out.split("\n").find((l) => l.trimStart().startsWith(start)) ?? `(no line ${start})`;
const cells = (l: string) => l.trim().split(/\s{2,}/);

test("hits, false alarms, misses and rates per trigger, any trigger and band", async () => {
  const r = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "Next Ofsted grade", "--as-of", "2016-09-01"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Declined = a worse grade in column 'Next Ofsted grade'");
  expect(r.out).toContain("than 'Ofsted grade'");
  expect(r.out).toContain("6 schools counted: 3 declined (50.0%); left out: 2 without an outcome, 1 already inadequate (cannot decline)");
  // Flagged, Hits, False alarms, Missed, Hit rate, Precision, Lift, No data (a blank cell might have flagged)
  expect(cells(line(r.out, "Budget deficit"))).toEqual(["Budget deficit", "3", "2", "1", "1", "66.7%", "66.7%", "1.33", "3"]);
  expect(cells(line(r.out, "Repeated complaints"))).toEqual(["Repeated complaints", "2", "0", "2", "3", "0.0%", "0.0%", "0.00", "4"]);
  expect(cells(line(r.out, "Any trigger"))).toEqual(["Any trigger", "5", "2", "3", "1", "66.7%", "40.0%", "0.80"]); // 100006 is flagged RI
  expect(cells(line(r.out, "D High concern"))).toEqual(["D High concern", "1", "0", "0.0%", "0.0%"]);
  expect(cells(line(r.out, "A No concern"))).toEqual(["A No concern", "1", "1", "100.0%", "33.3%"]);
  expect(r.out).toMatch(/⚠ 1 cell in column 'Next Ofsted grade' \(\w+\) could not be read as a grade \(row 10\)/);
});

test("--declined-when 3,4 counts later RI or inadequate, whatever the earlier grade", async () => {
  const r = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "next ofsted grade", "--declined-when", "3,4", "--as-of", "2016-09-01"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("is 3 or 4");
  expect(r.out).toContain("7 schools counted: 5 declined (71.4%); left out: 2 without an outcome");
});

test("--baseline: another grade field, or any column of grades", async () => {
  const byColumn = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "Next Ofsted grade", "--baseline", "Grade in 2015", "--as-of", "2016-09-01"]);
  expect(byColumn.code).toBe(0);
  expect(byColumn.out).toContain("than 'Grade in 2015'");
  // Earlier grade 1 for all: every later 2, 3 or 4 is a decline (100008 and 100009 have no outcome).
  expect(byColumn.out).toContain("7 schools counted: 7 declined (100.0%); left out: 2 without an outcome");
  const byField = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "Next Ofsted grade", "--baseline", "previousGrade"]);
  expect(byField.out).toContain("than 'Previous Ofsted grade'");
  expect(byField.out).toContain("0 schools counted: 0 declined (-); left out: 2 without an outcome, 7 without an earlier grade");
});

test("the committed example: Warwickshire at 1 September 2016 and its next inspections (real data)", async () => {
  const report = path.join(dir, "backtest.json");
  const r = await runCli(["backtest", "warwickshire", EXAMPLE, "--outcome", "Next Ofsted grade", "--as-of", "2016-09-01", "--report", report]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("57 schools counted: 21 declined (36.8%); left out: 8 already inadequate (cannot decline)");
  expect(cells(line(r.out, "Inspection likely soon"))).toEqual(["Inspection likely soon", "6", "4", "2", "17", "19.0%", "66.7%", "1.81", "0"]);
  // No attainment columns in this workbook: the attainment triggers could not be judged.
  expect(cells(line(r.out, "Attainment declining")).slice(-1)).toEqual(["57"]);
  expect(cells(line(r.out, "1 Outstanding"))).toEqual(["1 Outstanding", "5", "5", "100.0%", "23.8%"]);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  expect(json).toMatchObject({ outcome: "Next Ofsted grade", schools: 57, declined: 21, excluded: { cannotDecline: 8 } });
  expect(json.rows).toHaveLength(57);
  expect(json.triggers.find((t: any) => t.id === "inspectionDue")).toMatchObject({ flagged: 6, hits: 4, falseAlarms: 2, missed: 17 });
});

test("the example workbook is what the script builds from the shared data", async () => {
  const fresh = path.join(dir, "fresh.xlsx");
  expect(await writeBacktestExample(DATA, fresh)).toBe(65);
  const values = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb.worksheets.map((ws) => ws.getSheetValues());
  };
  expect(await values(fresh)).toEqual(await values(EXAMPLE));
});

test("bad input: unknown outcome column, a column with no grades, missing options, bad files", async () => {
  const unknown = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "Next Ofstd grade"]);
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain("Sheet 'Schools' has no column 'Next Ofstd grade' (nearest header: 'Next Ofsted grade')");

  const noGrades = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "School name"]);
  expect(noGrades.code).toBe(1);
  expect(noGrades.err).toMatch(/Sheet 'Schools' column 'School name' \(\w+\) holds no Ofsted grades/);

  const noOutcome = await runCli(["backtest", STAFFS_RULES, book]);
  expect(noOutcome.code).toBe(2);
  expect(noOutcome.err).toContain("backtest needs --outcome");

  const badRule = await runCli(["backtest", STAFFS_RULES, book, "--outcome", "Next Ofsted grade", "--declined-when", "5"]);
  expect(badRule.code).toBe(2);
  expect(badRule.err).toContain("--declined-when 5: give 'worse'");

  const missing = await runCli(["backtest", STAFFS_RULES, path.join(dir, "none.xlsx"), "--outcome", "x"]);
  expect(missing.code).toBe(1);
  expect(missing.err).toContain("none.xlsx: no such file");

  const invalid = rulesVariant(dir, "invalid.json", (r) => (r.bands[0].conditions.any[0].fact = "ofstedGrde"));
  const bad = await runCli(["backtest", invalid, book, "--outcome", "Next Ofsted grade"]);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/\$\.bands\[0\]\.conditions\.any\[0\]\.fact \(line \d+, column \d+\): unknown fact 'ofstedGrde' \(did you mean 'ofstedGrade'\?\)/);

  const noSheet = await runCli(["backtest", STAFFS_RULES, EXAMPLE, "--outcome", "Next Ofsted grade", "--sheet", "About"]);
  expect(noSheet.code).toBe(1);
  expect(noSheet.err).toContain("Sheet 'About'");
});
