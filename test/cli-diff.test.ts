// categorise diff: two rulesets on one real workbook; which schools change band, trigger or stage, why,
// and the count tables.
import * as fs from "fs";
import * as path from "path";
import { runCli, tempDir, rulesVariant, STAFFS_RULES, STAFFS_BOOK, WARKS_BOOK } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";

const dir = tempDir("diff-");
const school = (urn: number, name: string, extra: Record<string, string | number>) => ({
  URN: urn, "School name": name, Type: "Community school", Phase: "Primary", District: "Stafford", Pupils: 300, "Ofsted grade": "Good", ...extra,
});
let book: string;
let lowerPa: string;

beforeAll(async () => {
  book = await writeBook(path.join(dir, "schools.xlsx"), {
    Schools: rowsOf([
      school(100001, "Calm Primary", { "Persistent absence %": 9 }),
      school(100002, "Absent Primary", { "Persistent absence %": 14.5 }), // 3.6 points above 2018/19 national 10.9
      school(100003, "Busy Primary", { "Persistent absence %": 14.5, Complaints: 6, "Budget balance £": -100 }),
      school(100004, "Weak Primary", { "Ofsted grade": "Requires improvement", "Persistent absence %": 12 }),
    ]),
  });
  lowerPa = rulesVariant(dir, "lower-pa.json", (r) => {
    r.version = "2014-16.2";
    r.triggers.find((t: any) => t.id === "persistentAbsence").conditions.all[0].value = 3;
  });
});

test("the same rules change nothing", async () => {
  const r = await runCli(["diff", STAFFS_RULES, STAFFS_RULES, book, "--as-of", "2026-11-20"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Band changes: 0; trigger changes: 0; stage changes: 0; unchanged: 4");
  expect(r.out).toContain("No school changes band, trigger or stage.");
});

test("a lower persistent-absence threshold: who changes, why, and the count table", async () => {
  const r = await runCli(["diff", STAFFS_RULES, lowerPa, book, "--as-of", "2026-11-20"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("2014-16.1 -> Staffordshire school categorisation framework 2014-16.2");
  expect(r.out).toContain("Band changes: 2; trigger changes: 2; stage changes: 0; unchanged: 2");
  // Absent Primary: A -> B with the new trigger; Busy Primary: B -> C (three triggers now).
  expect(r.out).toMatch(/100002 Absent Primary \(row 3\)\n {4}band: A No concern -> B Low concern\n {4}\+ trigger Persistent absence well above national/);
  expect(r.out).toContain("why: Trigger Persistent absence well above national: Persistent absence above national (points) is above 3 (actual 3.6)");
  expect(r.out).toMatch(/100003 Busy Primary \(row 4\)\n {4}band: B Low concern -> C Medium concern/);
  expect(r.out).toContain("why: Category C Medium concern: Number of triggers is at least 3 (actual 3)");
  expect(r.out).not.toContain("Calm Primary");
  // Old band x new band: A->A 1, A->B 1, B->C 1, D->D 1.
  const table = r.out.slice(r.out.indexOf("Schools by band"), r.out.indexOf("Schools flagged"));
  expect(table).toMatch(/D\s+1\s+0\s+0\s+0\s+0\s+1\n/);
  expect(table).toMatch(/B\s+0\s+1\s+0\s+0\s+0\s+1\n/);
  expect(table).toMatch(/A\s+0\s+0\s+1\s+0\s+1\s+2\n/);
  expect(table).toMatch(/Total\s+1\s+1\s+1\s+0\s+1\s+4/);
  expect(r.out).toMatch(/Persistent absence well above national\s+0\s+2\s+\+2/);
});

test("a higher threshold: the trigger no longer fires, with the school's value", async () => {
  const higher = rulesVariant(dir, "higher-complaints.json", (r) => {
    r.triggers.find((t: any) => t.id === "complaints").conditions.all[0].value = 8;
  });
  const r = await runCli(["diff", STAFFS_RULES, higher, book, "--as-of", "2026-11-20"]);
  expect(r.out).toContain("Band changes: 0; trigger changes: 1; stage changes: 0; unchanged: 3");
  expect(r.out).toMatch(/100003 Busy Primary \(row 4\)\n {4}- trigger Repeated complaints/); // still B: its deficit remains
  expect(r.out).toContain("why: Trigger Repeated complaints no longer fires: Complaints is at least 8 (actual 6)");
});

test("--report writes every change as JSON; --limit shortens the listing", async () => {
  const report = path.join(dir, "out", "diff.json");
  const r = await runCli(["diff", STAFFS_RULES, lowerPa, STAFFS_BOOK, "--as-of", "2026-11-20", "--report", report, "--limit", "3"]);
  expect(r.code).toBe(0);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  expect(json.schools).toBe(400);
  expect(json.counts.unchanged + json.changes.length).toBe(400);
  expect(json.bands.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(400);
  expect(json.changes.length).toBeGreaterThan(3);
  expect(json.changes[0]).toMatchObject({ band: expect.any(Object), why: expect.any(Array) });
  expect(r.out).toContain(`... and ${json.changes.length - 3} more (all are in --report)`);
  expect(json.triggers.find((t: any) => t.id === "persistentAbsence").new).toBeGreaterThan(json.triggers.find((t: any) => t.id === "persistentAbsence").old);
});

test("rulesets with different bands: the table is old bands x new bands", async () => {
  const r = await runCli(["diff", STAFFS_RULES, "warwickshire", WARKS_BOOK, "--as-of", "2019-10-01"]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/old \\ new\s+4\s+3C\s+3D\s+3A\s+3B\s+2B\s+2A\s+1\s+U\s+Total/);
  expect(r.out).toMatch(/band: D High concern -> 3C Requires improvement/);
});

test("bad input: missing workbook, wrong arguments, invalid rules, unknown sheet, report over the input", async () => {
  const missing = await runCli(["diff", STAFFS_RULES, lowerPa, path.join(dir, "nope.xlsx")]);
  expect(missing).toMatchObject({ code: 1 });
  expect(missing.err).toContain("nope.xlsx: no such file");

  const args = await runCli(["diff", STAFFS_RULES, book]);
  expect(args.code).toBe(2);
  expect(args.err).toContain("diff needs the old rules, the new rules and a workbook");

  const invalid = rulesVariant(dir, "invalid.json", (r) => (r.triggers[0].conditions.all[0].operator = "equals"));
  const bad = await runCli(["diff", STAFFS_RULES, invalid, book]);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/invalid\.json: the ruleset is not valid.*\n.*\$\.triggers\[0\]\.conditions\.all\[0\]\.operator \(line \d+, column \d+\): unknown operator 'equals' \(did you mean 'equal'\?\)/);

  const sheet = await runCli(["diff", STAFFS_RULES, lowerPa, book, "--sheet", "Scools"]);
  expect(sheet.code).toBe(1);
  expect(sheet.err).toContain("There is no sheet 'Scools' (did you mean 'Schools'?)");

  const over = await runCli(["diff", STAFFS_RULES, lowerPa, book, "--report", book]);
  expect(over.code).toBe(1);
  expect(over.err).toContain("is the input workbook");

  const notBook = path.join(dir, "notes.xlsx");
  fs.writeFileSync(notBook, "not a zip");
  const unreadable = await runCli(["diff", STAFFS_RULES, lowerPa, notBook]);
  expect(unreadable.code).toBe(1);
  expect(unreadable.err).toContain("is not an .xlsx workbook");
});
