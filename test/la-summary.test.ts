// The local-authority summary: % of schools and of pupils in good or better, inadequate and not-good
// schools beside the national figures in the ruleset, rated red/amber/green; on the Summary sheet of
// a real output workbook, and as chart data for the add-in.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { categorise, parseRuleset, type Ruleset } from "../engine";
import { laSummary, RAG_STYLES } from "../engine/output/la-summary";
import { summaryCharts } from "../engine/output/charts";
import { sourceFromExcelJS } from "./helpers/exceljs-source";
import { runCli, tempDir, rulesVariant, STAFFS_RULES, STAFFS_BOOK } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";

const dir = tempDir("la-");
const staffs = (edit?: (r: any) => void): Ruleset => parseRuleset(fs.readFileSync(edit ? rulesVariant(dir, "la.json", edit) : STAFFS_RULES, "utf8"));
const school = (urn: number, grade: number | string | null, pupils: number, district: string, phase = "Primary") => ({
  URN: urn, "School name": `School ${urn}`, Type: "Community school", District: district, Phase: phase, Pupils: pupils, "Ofsted grade": grade,
});
// Nine inspected schools (6 good or better, 2 RI, 1 inadequate) and one not yet inspected.
const WEAK = [
  school(1, 1, 400, "Stafford"), school(2, 2, 200, "Stafford"), school(3, 2, 200, "Stafford"), school(4, "Good", 200, "Tamworth"),
  school(5, 2, 100, "Tamworth"), school(6, 2, 100, "Tamworth", "Secondary"), school(7, 3, 300, "Tamworth", "Secondary"),
  school(8, "Requires improvement", 200, "Lichfield"), school(9, 4, 300, "Lichfield"), school(10, "Not judged", 50, "Lichfield"),
];
let weakBook: string;

async function run(book: string, ruleset: Ruleset) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  return categorise(sourceFromExcelJS(wb), ruleset, { asOf: "2026-11-20" });
}

beforeAll(async () => {
  weakBook = await writeBook(path.join(dir, "weak.xlsx"), { Schools: rowsOf(WEAK) });
});

test("percentages of schools and pupils beside national, rated red/amber/green", async () => {
  const la = laSummary(await run(weakBook, staffs()), staffs())!;
  expect(la).toMatchObject({ schools: 10, inspected: 9, notInspected: 1 });
  const m = Object.fromEntries(la.measures.map((x) => [x.id, x]));
  // 6 of 9 schools good or better: 66.7% against 86%, worse by 19.3 points (> 5): red.
  expect(m.goodOrBetterSchools).toMatchObject({ count: 6, of: 9, value: 66.7, national: 86, difference: -19.3, rag: "red" });
  // Pupils: 1200 of 2000 in good or better schools; no national figure in the ruleset, so no rating.
  expect(m.goodOrBetterPupils).toMatchObject({ count: 1200, of: 2000, value: 60, national: null, rag: null });
  expect(m.inadequateSchools).toMatchObject({ count: 1, value: 11.1, national: 4, rag: "red", margin: 2 });
  expect(m.notGoodSchools).toMatchObject({ count: 3, value: 33.3, national: 15, difference: 18.3, rag: "red" });
  expect(m.notGoodPupils).toMatchObject({ count: 800, of: 2000, value: 40 });
  expect(la.grades.map((g) => [g.grade, g.schools, g.pupils])).toEqual([[1, 1, 400], [2, 5, 800], [3, 2, 500], [4, 1, 300]]);
});

test("amber when worse by less than the margin, green when in line or better", async () => {
  const better = await writeBook(path.join(dir, "better.xlsx"), {
    Schools: rowsOf([...Array.from({ length: 17 }, (_, i) => school(100 + i, 2, 100, "Stafford")), school(200, 3, 100, "Stafford"), school(201, 3, 100, "Stafford"), school(202, 2, 100, "Stafford")]),
  });
  // 18 of 20 good (90%): better than 86: green; 0% inadequate: green; 10% not good vs 15: green.
  const la = laSummary(await run(better, staffs()), staffs())!;
  expect(la.measures.filter((x) => x.national !== null).map((x) => [x.id, x.rag])).toEqual([
    ["goodOrBetterSchools", "green"], ["inadequateSchools", "green"], ["notGoodSchools", "green"],
  ]);
  // A national figure of 92% with a 5-point margin: 90% is worse by 2 points: amber. One margin for all.
  const strict = staffs((r) => {
    r.laSummary.national.goodOrBetterSchools = 92;
    r.laSummary.margin = 1;
  });
  const m = laSummary(await run(better, strict), strict)!.measures.find((x) => x.id === "goodOrBetterSchools")!;
  expect(m).toMatchObject({ value: 90, national: 92, difference: -2, margin: 1, rag: "red" });
  const lenient = staffs((r) => (r.laSummary.national.goodOrBetterSchools = 92));
  expect(laSummary(await run(better, lenient), lenient)!.measures[0]).toMatchObject({ rag: "amber", margin: 5 });
});

test("rated on the percentage as shown: 14.3% beside a national 14.3% is in line, not worse", async () => {
  // 1 of 7 schools good: 14.2857...%, shown as 14.3 (and a hair below the national 14.3).
  const seven = await writeBook(path.join(dir, "seven.xlsx"), {
    Schools: rowsOf([school(300, 2, 100, "Stafford"), ...Array.from({ length: 6 }, (_, i) => school(301 + i, 3, 100, "Stafford"))]),
  });
  const at = (national: number) => staffs((r) => (r.laSummary.national.goodOrBetterSchools = national));
  const rate = async (national: number) => laSummary(await run(seven, at(national)), at(national))!.measures[0];
  expect(await rate(14.3)).toMatchObject({ value: 14.3, difference: 0, rag: "green" });
  expect(await rate(14.4)).toMatchObject({ value: 14.3, difference: -0.1, rag: "amber" });
});

test("chart data for the add-in: the authority beside national, bands overall and by district and phase", async () => {
  const charts = summaryCharts(await run(weakBook, staffs()), staffs());
  expect(charts.map((c) => c.id)).toEqual(["risk", "bands", "bands-district", "bands-phase"]);
  const [risk, overall, district] = charts;
  expect(risk).toMatchObject({ kind: "clustered", unit: "%", max: 100 });
  expect(risk.categories[0]).toBe("% of schools good or better");
  expect(risk.series[0]).toMatchObject({ name: "Local authority", values: [66.7, 60, 11.1, 15, 33.3, 40] });
  expect(risk.series[0].colours[0]).toBe(RAG_STYLES.red.fill);
  expect(risk.series[1]).toMatchObject({ name: "National", values: [86, null, 4, null, 15, null] });
  // All ten schools in one stacked bar, the axis as long as the school count.
  expect(overall).toMatchObject({ kind: "stacked", unit: "schools", max: 10, categories: ["All schools"] });
  expect(overall.series.reduce((a, s) => a + s.values[0]!, 0)).toBe(10);
  expect(district.title).toBe("Schools by category and district");
  expect(district.categories).toEqual(["Lichfield", "Stafford", "Tamworth"]);
  expect(district.max).toBe(4);
  expect(district.series.map((s) => s.name)).toEqual(["D High concern", "C Medium concern", "B Low concern", "U Not categorised", "A No concern"]);
  expect(district.series[0]).toMatchObject({ values: [2, 0, 1], colours: ["#FFC7CE", "#FFC7CE", "#FFC7CE"] }); // D: Lichfield RI + inadequate, Tamworth RI
});

test("without an laSummary block there is no risk chart, only the band charts", async () => {
  const plain = staffs((r) => delete r.laSummary);
  expect(summaryCharts(await run(weakBook, plain), plain).map((c) => c.id)).toEqual(["bands", "bands-district", "bands-phase"]);
});

test("the Summary sheet of the output workbook carries the LA block, with coloured ratings", async () => {
  const out = path.join(dir, "out.xlsx");
  const r = await runCli([STAFFS_BOOK, "--out", out, "--as-of", "2026-11-20", "--quiet"]);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("Categorisation summary")!;
  const rows: { values: unknown[]; fill?: string; bold?: boolean }[] = [];
  ws.eachRow((row) => rows.push({ values: (row.values as unknown[]).slice(1), fill: (row.getCell(5).fill as any)?.fgColor?.argb, bold: row.getCell(1).font?.bold }));
  const find = (first: string) => rows.find((x) => x.values[0] === first)!;
  expect(find("Category")).toBeDefined(); // the existing content stays
  expect(find("Local authority summary: Ofsted risk factors").bold).toBe(true);
  expect(find("Measure").values).toEqual(["Measure", "Local authority", "National", "Difference (points)", "Rating", "Counted"]);
  const good = find("% of schools good or better");
  expect(good.values.slice(2, 3)).toEqual([86]);
  expect(["Red", "Amber", "Green"]).toContain(good.values[4]);
  expect(good.fill).toBe("FF" + RAG_STYLES[String(good.values[4]).toLowerCase() as "red"].fill!.slice(1));
  expect(String(good.values[5])).toMatch(/^\d+ of \d+ schools$/);
  expect(find("% of pupils in good or better schools").values[4]).toBe("no national figure");
  expect(rows.some((x) => String(x.values[0]).startsWith("National: Ofsted, State-funded schools inspections and outcomes as at 31 August 2018"))).toBe(true);
  expect(find("4 Inadequate").values[1]).toBeGreaterThan(0);
});

test("a ruleset without laSummary has no LA block; bad settings are caught with their path", async () => {
  const plain = staffs((r) => delete r.laSummary);
  expect(laSummary(await run(weakBook, plain), plain)).toBeNull();
  expect(() => staffs((r) => (r.laSummary.grade = "ofstedGrad"))).toThrow(/\$\.laSummary\.grade \(line \d+, column \d+\): unknown field 'ofstedGrad' \(did you mean 'ofstedGrade'\?\)/);
  expect(() => staffs((r) => (r.laSummary.national.inadequateSchools = 140))).toThrow(/\$\.laSummary\.national\.inadequateSchools/);
  const wrongKind = rulesVariant(dir, "wrong-kind.json", (r) => (r.laSummary.grade = "phase"));
  const check = await runCli(["check", wrongKind]);
  expect(check.code).toBe(1);
  expect(check.out).toContain("'phase' is a text field: the LA summary needs an ofstedGrade field");
});
