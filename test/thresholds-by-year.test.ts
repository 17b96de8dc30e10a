// Effective-dated thresholds: constants with values by academic year, picked by each row's year
// (the "Academic year" column, else the ruleset's default year). Floor standards changed almost
// every year; the same results can be below floor one year and not the next.
import * as path from "path";
import ExcelJS from "exceljs";
import { categorise, parseRuleset, type RowResult } from "../engine";
import { sourceFromExcelJS } from "./helpers/exceljs-source";
import { runCli, tempDir, STAFFS_RULES } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";
import * as fs from "fs";

const dir = tempDir("by-year-");
const ks2 = (urn: number, year: string | number | Date | null, rwm: number, reading: number) => ({
  URN: urn, "School name": `KS2 ${urn}`, Type: "Community school", Phase: "Primary", Pupils: 300, "Ofsted grade": "Good",
  "Academic year": year, "KS2 RWM expected %": rwm, "KS2 reading progress": reading, "KS2 writing progress": 0, "KS2 maths progress": 0,
});
const ks4 = (urn: number, year: string | null, p8: number, upper: number) => ({
  URN: urn, "School name": `KS4 ${urn}`, Type: "Community school", Phase: "Secondary", Pupils: 900, "Ofsted grade": "Good",
  "Academic year": year, "Progress 8": p8, "P8 upper CI": upper,
});

let rows: Map<number, RowResult>;
let book: string;

beforeAll(async () => {
  book = await writeBook(path.join(dir, "years.xlsx"), {
    Schools: rowsOf([
      ks2(1, "2012/13", 62, -6), // 2013 floor: 60% L4+ RWM: 62% is above it
      ks2(2, "2013/14", 62, -6), // 2014-15 floor: 65% L4+ RWM; progress floors not yet in force
      ks2(3, "2016/17", 62, -6), // 2016-18 floor: 65% expected standard and reading progress below -5
      ks2(4, "2016/17", 62, -4.5), // progress above -5: not below floor
      ks2(5, "2016/17", 62, -6), // (a year typed as the number 2017 is not read as 2016/17 yet: reported to the lead)
      ks2(6, null, 62, -6), // no year: the ruleset's default year (2018/19)
      ks4(7, "2014/15", -0.6, -0.1), // Progress 8 floor came in 2016: no KS4 floor this year
      ks4(8, "2016/17", -0.6, -0.1), // Progress 8 below -0.5 (upper confidence limit below 0)
      ks2(9, new Date(Date.UTC(2014, 2, 1)), 62, -6), // a date: its academic year, 2013/14
    ]),
  });
  // Re-read the written file, as the command-line tool does.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ruleset = parseRuleset(fs.readFileSync(STAFFS_RULES, "utf8"));
  const run = await categorise(sourceFromExcelJS(wb), ruleset, { asOf: "2026-11-20" });
  rows = new Map(run.rows.map((r) => [r.key as number, r]));
});

const floors = (urn: number) => {
  const f = rows.get(urn)!.facts;
  return { year: f.year, rwm: f.ks2FloorAttainment, reading: f.ks2FloorReading, p8: f.ks4FloorP8 };
};
const triggers = (urn: number) => rows.get(urn)!.triggers.map((t) => t.id);

test("each row's year picks that year's thresholds", () => {
  expect(floors(1)).toEqual({ year: "2012/13", rwm: 60, reading: null, p8: null });
  expect(floors(2)).toEqual({ year: "2013/14", rwm: 65, reading: null, p8: null });
  expect(floors(3)).toEqual({ year: "2016/17", rwm: 65, reading: -5, p8: -0.5 });
  expect(floors(5)).toEqual(floors(3));
  expect(floors(6)).toEqual({ year: "2018/19", rwm: 65, reading: -5, p8: -0.5 });
  expect(floors(9)).toEqual(floors(2));
});

test("the same results are below floor in one year and not in another", () => {
  expect(triggers(1)).not.toContain("belowFloorKs2");
  expect(triggers(2)).not.toContain("belowFloorKs2");
  expect(triggers(3)).toContain("belowFloorKs2");
  expect(triggers(4)).not.toContain("belowFloorKs2");
  expect(triggers(5)).toContain("belowFloorKs2");
  expect(triggers(6)).toContain("belowFloorKs2");
  expect(triggers(7)).not.toContain("belowFloorKs4");
  expect(triggers(8)).toContain("belowFloorKs4");
  expect(rows.get(3)!.reasons.join("\n")).toContain("KS2 RWM expected % is below KS2 floor: RWM % (65) (actual 62)");
  expect(rows.get(8)!.reasons.join("\n")).toContain("Progress 8 is below KS4 floor: Progress 8 (-0.5) (actual -0.6)");
});

test("the command-line run agrees: bands by year in the report", async () => {
  const report = path.join(dir, "report.json");
  const r = await runCli([book, "--out", path.join(dir, "out.xlsx"), "--report", report, "--as-of", "2026-11-20"]);
  expect(r.code).toBe(0);
  const bands = Object.fromEntries(JSON.parse(fs.readFileSync(report, "utf8")).rows.map((x: any) => [x.key, x.band]));
  expect(bands).toEqual({ 1: "A", 2: "A", 3: "C", 4: "A", 5: "C", 6: "C", 7: "A", 8: "C", 9: "A" });
});
