// Issue 11, Warwickshire: Ofsted's own column names, the inspection date deciding the era, funding only
// with a pupil count, trend never assumed, funding totals by consortium and the secondary floor
// standard by year. A real .xlsx through the command line; the report and the summary sheet read back.
import * as fs from "fs";
import * as path from "path";
import { tempDir, WARKS_RULES } from "../helpers/cli";
import { runBook } from "./run-book";
import { rowsOf, writeBook, type Cell } from "../helpers/workbook";

const dir = tempDir("policy-warks-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

const school = (urn: number, extra: Record<string, Cell>) => ({
  URN: urn, "School name": `School ${urn}`, Phase: "Secondary", Type: "Community School", "Academic year": null,
  "Total number of pupils": 200, "Overall effectiveness": 2, "Inspection start date": d("2018-02-13"), "Publication date": d("2018-03-20"),
  "Leadership and management": null, "Category of concern": null, "Headline attainment 2018": 60, "Headline attainment 2019": 62, Trend: null,
  Consortium: null, "5+ A*-C incl English and maths %": null, "Expected progress in English %": null, "Expected progress in maths %": null,
  "Officer category": null, "Moderation reason": null, ...extra,
});
const SCHOOLS = [
  school(300001, { "Overall effectiveness": 3, "Inspection start date": d("2012-07-10"), "Publication date": d("2012-09-14"), "Headline attainment 2018": 60, "Headline attainment 2019": 55, "Total number of pupils": 210, Consortium: "North" }),
  school(300002, { "Overall effectiveness": 3, "Leadership and management": 3, "Total number of pupils": null, Consortium: "North" }),
  school(300003, { "Headline attainment 2018": "SUPP", "Headline attainment 2019": "SUPP" }),
  school(300004, { "Overall effectiveness": 3, "Leadership and management": 2, Consortium: "North" }),
  school(300005, { "Overall effectiveness": 3, "Leadership and management": 3, "Total number of pupils": 100, Consortium: "South" }),
  school(300006, { "Academic year": "2013/14", "Inspection start date": d("2012-11-20"), "Publication date": d("2012-12-20"), "5+ A*-C incl English and maths %": 35, "Expected progress in English %": 58, "Expected progress in maths %": 61 }),
  school(300007, { "Overall effectiveness": 4, "Category of concern": "Special measures", "Officer category": "3C", "Moderation reason": "New sponsor in place", "Total number of pupils": 150 }),
];

let report: any;
let rows: Map<number, any>;
let summary: unknown[][];

beforeAll(async () => {
  const book = await writeBook(path.join(dir, "schools.xlsx"), { Schools: rowsOf(SCHOOLS) });
  ({ report, rows, summary } = await runBook(book, WARKS_RULES, "2019-06-01"));
}, 30_000);

const at = (urn: number) => rows.get(urn);

test("Ofsted's 'Total number of pupils' is read as the pupil count", () => {
  expect(report.warnings.join("\n")).not.toMatch(/no column for Pupils eligible for funding/);
  expect(at(300001).outputs).toEqual({ funding: 6300 });
});

test("with both an inspection start date and a publication date, the inspection date decides Satisfactory (before 1 September 2012)", () => {
  expect(at(300001)).toMatchObject({ band: "3A", escalation: { stage: "consortiumFunding" } });
});

test("a missing pupil count: a row warning, no funding amount, and no 'allocate funding'", () => {
  expect(at(300002)).toMatchObject({ band: "3C", outputs: { funding: null }, escalation: { stage: "pupilCountMissing" } });
  expect(at(300002).escalation.nextAction).not.toMatch(/^Allocate/);
  expect(at(300002).warnings).toContain("No Pupils eligible for funding: Consortium funding £ is not worked out (the category's rate is 40 per pupil); enter the number and run again");
});

test("no evidence of trend: the trend is unknown and flagged, never 'improving' by default", () => {
  expect(at(300003)).toMatchObject({ band: "U", ruleBand: "U", triggers: [expect.objectContaining({ id: "trendUnknown" })] });
  expect(at(300003).reasons[0]).toBe("Not categorised: missing Attainment trend; with it the school could be 2B Good declining");
});

test("funding totals by consortium on the summary sheet", () => {
  const i = summary.findIndex((r) => r[0] === "Consortium" && r[2] === "Consortium funding £");
  expect(i).toBeGreaterThan(0);
  expect(summary.slice(i, i + 5)).toEqual([
    ["Consortium", "Schools", "Consortium funding £"],
    ["North", 2, 11300],
    ["South", 1, 4000],
    ["(blank)", 1, 6000],
    ["Total", 4, 21300],
  ]);
});

test("the secondary floor standard, by year: under 40% 5+ A*-C with English and maths and below the median for expected progress in both", () => {
  expect(at(300006).triggers.map((t: any) => t.id)).toContain("belowKs4Floor");
  expect(at(300006).reasons).toContain(
    "Trigger Below the secondary floor standard: Secondary floor measure is 5+ A*-C and median progress (actual 5+ A*-C and median progress); 5+ A*-C incl English and maths % is below Secondary floor: 5+ A*-C incl English and maths % (40) (actual 35); Expected progress in English % is below Median expected progress in English % (illustrative: set each year's DfE figure) (70) (actual 58); Expected progress in maths % is below Median expected progress in maths % (illustrative: set each year's DfE figure) (70) (actual 61)",
  );
  // The other schools' year is the run date's (2018/19): the floor was then Progress 8.
  for (const urn of [300001, 300004]) expect(at(urn).triggers.map((t: any) => t.id)).not.toContain("belowKs4Floor");
});

test("an officer's category below the mandatory one is kept, with a warning, and listed with its reason", () => {
  expect(at(300007)).toMatchObject({ band: "3C", ruleBand: "4", moderated: true });
  expect(at(300007).warnings[0]).toMatch(/^Officer category 3C goes against the framework: Inadequate schools \(serious weaknesses or special measures\) are 4/);
  const i = summary.findIndex((r) => r[0] === "Moderated by officer");
  expect(summary[i + 1]).toEqual(["School 300007", 300007, "4 Inadequate", "3C Requires improvement", "New sponsor in place", expect.stringContaining("are 4")]);
});
