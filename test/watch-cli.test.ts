// Watch flags from the command line, on real .xlsx files: schools just inside and just outside the
// Staffordshire margins (written with ExcelJS), the copy read back: the Triggers column, the Reasons,
// the watch colour on the officer cells and the Triggers cell, the count on the summary sheet, the
// --report JSON and the console summary. Rulesets with a margin where none can go are refused, with
// the JSON path; and `backtest` prints the watch flags' hit rates on the example backtest workbook.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli, tempDir, rulesVariant, ROOT, STAFFS_RULES, WARKS_RULES } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";

const dir = tempDir("watch-");
const WATCH_FILL = "FFE4DFEC";

const school = (urn: number, name: string, extra: Record<string, string | number>) => ({
  URN: urn, "School name": name, Type: "Community school", Phase: "Secondary", District: "Stafford", Pupils: 900,
  "Ofsted grade": "Good", "Academic year": "2018/19", ...extra,
});
const SCHOOLS = [
  school(100001, "Inside the P8 margin", { "Progress 8": -0.45, "P8 upper CI": -0.1 }),
  school(100002, "Past the P8 floor", { "Progress 8": -0.55, "P8 upper CI": -0.2 }),
  school(100003, "Outside the P8 margin", { "Progress 8": -0.35, "P8 upper CI": -0.05 }),
  school(100004, "Inside the absence margin", { "Overall absence %": 5.4 }),
  school(100005, "Outside the absence margin", { "Overall absence %": 5.1 }),
  school(100006, "A trigger and a watch flag", { "Overall absence %": 5.5, Complaints: 5 }),
];

let book: string;
beforeAll(async () => {
  book = await writeBook(path.join(dir, "schools.xlsx"), { Schools: rowsOf(SCHOOLS) });
});

/** The copy's Schools sheet: a cell by header for each school row, and the summary sheet's rows. */
async function readCopy(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Schools")!;
  const headers = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
  const col = (h: string) => headers.indexOf(h);
  const cell = (row: number, h: string) => ws.getCell(row, col(h));
  const fill = (row: number, h: string) => ((cell(row, h).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null);
  const summary = wb.getWorksheet("Categorisation summary")!;
  const summaryRows: unknown[][] = [];
  summary.eachRow((r, n) => (summaryRows[n] = (r.values as unknown[]).slice(1)));
  return { cell, fill, summary, summaryRows };
}

describe("a run with margins", () => {
  let copy: Awaited<ReturnType<typeof readCopy>>;
  let out: string;
  let report: { rows: { key: number; band: string; triggers: { id: string }[]; watch: { id: string; label: string; reason: string }[] }[] };
  beforeAll(async () => {
    const file = path.join(dir, "out.xlsx");
    const json = path.join(dir, "report.json");
    const r = await runCli([book, "--rules", STAFFS_RULES, "--out", file, "--report", json, "--as-of", "2019-10-01"]);
    expect(r.code).toBe(0);
    out = r.out;
    copy = await readCopy(file);
    report = JSON.parse(fs.readFileSync(json, "utf8"));
  });

  test("the Triggers column lists watch flags after the triggers, each as 'Watch: <trigger>'", () => {
    expect(SCHOOLS.map((_, i) => copy.cell(i + 2, "Triggers").value ?? null)).toEqual([
      "Watch: Below KS4 floor standard",
      "Below KS4 floor standard",
      null,
      "Watch: Absence above national",
      null,
      "Repeated complaints; Watch: Absence above national",
    ]);
  });

  test("a watch flag never changes the category", () => {
    expect(SCHOOLS.map((_, i) => copy.cell(i + 2, "Category").value)).toEqual(["A No concern", "C Medium concern", "A No concern", "A No concern", "A No concern", "B Low concern"]);
  });

  test("the Reasons say how near the threshold the school is", () => {
    expect(String(copy.cell(2, "Reasons").value).split("\n")).toContain("Watch Below KS4 floor standard: Progress 8 −0.45 is 0.05 above the floor of −0.5");
    expect(String(copy.cell(5, "Reasons").value).split("\n")).toContain("Watch Absence above national: Overall absence above national (points) 0.7 is 0.3 points below the trigger level of 1");
    expect(String(copy.cell(4, "Reasons").value)).not.toContain("Watch");
  });

  test("the watch colour: on the officer cells behind a flag and on the Triggers cell, never over a trigger's colour", () => {
    expect(copy.fill(2, "Progress 8")).toBe(WATCH_FILL);
    expect(copy.fill(2, "Triggers")).toBe(WATCH_FILL);
    expect(copy.fill(3, "Progress 8")).toBe("FFFF8B8B"); // past the floor: the trigger's high severity
    expect(copy.fill(4, "Progress 8")).toBeNull();
    expect(copy.fill(5, "Overall absence %")).toBe(WATCH_FILL);
    expect(copy.fill(6, "Overall absence %")).toBeNull();
    // A trigger and a watch flag: the Triggers cell takes the trigger's colour, the absence cell the watch colour.
    expect(copy.fill(7, "Triggers")).toBe("FFFFF2CC");
    expect(copy.fill(7, "Complaints")).toBe("FFFFF2CC");
    expect(copy.fill(7, "Overall absence %")).toBe(WATCH_FILL);
  });

  test("the summary sheet counts the watch flags beside each trigger, and the schools with any", () => {
    const rows = copy.summaryRows;
    const header = rows.findIndex((r) => r?.[0] === "Trigger");
    expect(rows[header]).toEqual(["Trigger", "Severity", "Schools", "Watch (near misses)"]);
    expect((copy.summary.getCell(header, 4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(WATCH_FILL);
    const row = (label: string) => rows.find((r) => r?.[0] === label)!;
    expect(row("Below KS4 floor standard")).toEqual(["Below KS4 floor standard", "high", 1, 1]);
    expect(row("Absence above national")).toEqual(["Absence above national", "low", 0, 2]);
    expect(row("Repeated complaints").slice(0, 3)).toEqual(["Repeated complaints", "low", 1]);
    expect(row("Repeated complaints")[3] ?? null).toBeNull(); // no margin: blank, not 0
    expect(row("Progress 8 falling")).toEqual(["Progress 8 falling", "medium", 0, 0]);
    expect(row("Schools with a watch flag")).toEqual(["Schools with a watch flag", "watch", null, 3].map((v) => v ?? undefined));
  });

  test("the report JSON gives each school's watch flags with their reasons, and the console counts them", () => {
    expect(report.rows.map((r) => r.watch.map((w) => w.id))).toEqual([["belowFloorKs4"], [], [], ["absenceAboveNational"], [], ["absenceAboveNational"]]);
    expect(report.rows[0].watch[0]).toEqual({ id: "belowFloorKs4", label: "Below KS4 floor standard", reason: "Progress 8 −0.45 is 0.05 above the floor of −0.5" });
    expect(report.rows[5].triggers.map((t) => t.id)).toEqual(["complaints"]);
    const lines = out.split("\n");
    const at = lines.findIndex((l) => l.startsWith("Watch (near misses)"));
    expect(lines.slice(at + 1, at + 3).map((l) => l.trim().split(/\s{2,}/))).toEqual([["Absence above national", "2"], ["Below KS4 floor standard", "1"]]);
  });
});

test("a ruleset's own watch style colours its near misses", async () => {
  const rules = rulesVariant(dir, "lilac.json", (r) => (r.styles.severities.watch = { fill: "#CCE5FF", font: "#003366" }));
  const file = path.join(dir, "own-style.xlsx");
  expect((await runCli([book, "--rules", rules, "--out", file, "--as-of", "2019-10-01"])).code).toBe(0);
  const copy = await readCopy(file);
  expect(copy.fill(2, "Progress 8")).toBe("FFCCE5FF");
  expect(copy.fill(2, "Triggers")).toBe("FFCCE5FF");
});

describe("margins where none can go are refused, naming the JSON path", () => {
  const refused = async (name: string, edit: (r: any) => void) => {
    const file = rulesVariant(dir, name, edit);
    const r = await runCli([book, "--rules", file, "--out", path.join(dir, `${name}.xlsx`)]);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(dir, `${name}.xlsx`))).toBe(false);
    return r.err + r.out;
  };

  test("on an equality comparison", async () => {
    const text = await refused("equal.json", (r) => (r.triggers.find((t: any) => t.id === "requiresImprovement").conditions.all[0].margin = 1));
    expect(text).toMatch(/\$\.triggers\[2\]\.conditions\.all\[0\]\.margin \(line \d+, column \d+\): a margin needs a comparison of numbers \(lessThan, lessThanInclusive, greaterThan or greaterThanInclusive, without decorators\), not 'equal': it matches exact values, so no value is near it/);
  });

  test("on 'in', on a decorated comparison, and on a comparison of a date", async () => {
    const text = await refused("kinds.json", (r) => {
      r.triggers.find((t: any) => t.id === "laJudgedSwkSm").conditions.all[0].margin = 1;
      r.triggers.find((t: any) => t.id === "deficit").conditions.all[0] = { fact: "budget", operator: "not:greaterThanInclusive", value: 0, margin: 500 };
      r.triggers.find((t: any) => t.id === "complaints").conditions.all[0] = { fact: "inspectionDate", operator: "lessThan", value: { fact: "asOf" }, margin: 30 };
    });
    expect(text).toMatch(/\$\.triggers\[17\]\.conditions\.all\[0\]\.margin .*not 'in': it matches exact values/);
    expect(text).toMatch(/\$\.triggers\[14\]\.conditions\.all\[0\]\.margin .*not 'not:greaterThanInclusive'/);
    expect(text).toMatch(/\$\.triggers\[13\]\.conditions\.all\[0\]\.margin .*a margin needs a number to measure the distance with: Inspection date is not a number/);
  });

  test("not a number above 0, or an object with other keys", async () => {
    const text = await refused("places.json", (r) => {
      r.triggers.find((t: any) => t.id === "p8Falling").conditions.all[0].margin = -0.1;
      r.triggers.find((t: any) => t.id === "ks2Falling").conditions.all[0].margin = "3";
      r.triggers.find((t: any) => t.id === "exclusionsHigh").conditions.all[0].margin = { within: 1, by: 2 };
    });
    expect(text).toMatch(/\$\.triggers\[6\]\.conditions\.all\[0\]\.margin .*must be a number above 0/);
    expect(text).toMatch(/\$\.triggers\[7\]\.conditions\.all\[0\]\.margin .*must be a number above 0 \(how near the threshold counts as near, in the fact's own units\), or \{"within": 0\.1, "of": "the floor"\}/);
    expect(text).toMatch(/\$\.triggers\[12\]\.conditions\.all\[0\]\.margin .*unknown key 'by'/);
  });

  test("in a band or a shared condition (once the margin itself is well formed)", async () => {
    const text = await refused("bands.json", (r) => {
      r.bands[2].conditions.any[0].margin = 1;
      r.sharedConditions.maintained.all[0].margin = 1;
    });
    expect(text).toMatch(/\$\.bands\[2\]\.conditions\.any\[0\]\.margin .*a margin is read only on a trigger's own comparisons .*bands and stages take none/);
    expect(text).toMatch(/\$\.sharedConditions\.maintained\.all\[0\]\.margin .*write the comparison in the trigger itself/);
  });

  test("a trigger of severity 'watch'", async () => {
    const text = await refused("severity.json", (r) => (r.triggers[0].severity = "watch"));
    expect(text).toMatch(/\$\.triggers\[0\]\.severity .*severity 'watch' is kept for near misses/);
  });
});

test("check and test: the bundled rulesets' margins are clean and their cases pass; a case expecting a flag a margin cannot give fails", async () => {
  const check = await runCli(["check", "--strict", STAFFS_RULES, WARKS_RULES]);
  expect(check.code).toBe(0);
  const cases = await runCli(["test", "staffordshire", "--filter", "Watch:"]);
  expect(cases.code).toBe(0);
  expect(cases.out).toContain("12 cases: 12 passed, 0 failed");
  const wrong = rulesVariant(dir, "wrong-case.json", (r) => {
    const c = r.tests.find((t: any) => t.name.startsWith("Watch: Progress 8 of -0.38"));
    c.expect.watch = ["belowFloorKs4"];
  });
  const failed = await runCli(["test", wrong, "--filter", "Watch:"]);
  expect(failed.code).toBe(1);
  expect(failed.out).toContain('watch: expected ["belowFloorKs4"], got []');
});

test("backtest: the watch flags' hit rates beside the triggers', on the example backtest workbook (real Ofsted data)", async () => {
  const json = path.join(dir, "backtest.json");
  const r = await runCli(["backtest", "warwickshire", path.join(ROOT, "examples/warwickshire-backtest.xlsx"), "--outcome", "Next Ofsted grade", "--as-of", "2016-09-01", "--report", json]);
  expect(r.code).toBe(0);
  const cells = (start: string) => r.out.split("\n").find((l) => l.trimStart().startsWith(start))!.trim().split(/\s{2,}/);
  expect(r.out).toContain("Watch flags: schools inside a trigger's margin, not past its threshold (they change no band).");
  // Flagged, Hits, False alarms, Missed, Hit rate, Precision, Lift
  expect(cells("Inspection likely soon")).toEqual(["Inspection likely soon", "6", "4", "2", "17", "19.0%", "66.7%", "1.81", "0"]);
  expect(cells("Watch: Inspection likely soon")).toEqual(["Watch: Inspection likely soon", "3", "1", "2", "20", "4.8%", "33.3%", "0.90"]);
  expect(cells("Trigger or watch: Inspection likely soon")).toEqual(["Trigger or watch: Inspection likely soon", "9", "5", "4", "16", "23.8%", "55.6%", "1.51"]);
  expect(cells("Any watch flag")).toEqual(["Any watch flag", "3", "1", "2", "20", "4.8%", "33.3%", "0.90"]);
  const b = JSON.parse(fs.readFileSync(json, "utf8"));
  expect(b.watch.find((w: any) => w.id === "inspectionDue")).toMatchObject({ flagged: 3, hits: 1, withTrigger: { flagged: 9, hits: 5 } });
  expect(b.rows.filter((x: any) => x.watch.includes("inspectionDue")).length).toBe(3);
});
