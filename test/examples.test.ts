// The committed example workbooks: headers, row counts, missing markers kept as text, history sheets
// that point at real schools, and byte-for-byte the same cell values when regenerated.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { generate } from "../scripts/make-examples";

const ROOT = path.resolve(__dirname, "..");
const DATA = path.resolve(ROOT, "data/source");
const STAFFS = path.join(ROOT, "examples/staffordshire-schools.xlsx");
const WARKS = path.join(ROOT, "examples/warwickshire-schools.xlsx");

type Value = string | number | boolean | Date | null;
interface Table {
  headers: string[];
  rows: Record<string, Value>[];
}

async function readBook(file: string): Promise<Record<string, Table>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, Table> = {};
  for (const ws of wb.worksheets) {
    const headers = (ws.getRow(1).values as Value[]).slice(1).map(String);
    const rows: Record<string, Value>[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      rows.push(Object.fromEntries(headers.map((h, i) => [h, (row.getCell(i + 1).value as Value) ?? null])));
    }
    out[ws.name] = { headers, rows };
  }
  return out;
}

/** Reads one of the source CSVs (quoted fields may hold commas). */
function csv(file: string): Record<string, string>[] {
  const split = (line: string) => (line.match(/("[^"]*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
  const [head, ...lines] = fs.readFileSync(path.join(DATA, file), "utf8").trim().split(/\r?\n/);
  const cols = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

const byUrn = (t: Table) => new Map(t.rows.map((r) => [r.URN, r]));

describe("example workbooks", () => {
  let staffs: Record<string, Table>;
  let warks: Record<string, Table>;
  beforeAll(async () => {
    staffs = await readBook(STAFFS);
    warks = await readBook(WARKS);
  });

  test("files are small", () => {
    for (const f of [STAFFS, WARKS]) expect(fs.statSync(f).size).toBeLessThan(300 * 1024);
  });

  test("Staffordshire headers and row counts", () => {
    expect(Object.keys(staffs)).toEqual(["Schools", "Core group meetings", "Notices"]);
    expect(staffs.Schools.headers).toEqual([
      "URN", "LAESTAB", "School name", "District", "Phase", "Type", "Pupils", "FSM %", "Ofsted grade",
      "Category of concern", "Inspection date", "Leadership and management", "Previous Ofsted grade",
      "KS2 RWM expected %", "KS2 RWM expected % (previous year)", "KS2 reading progress", "KS2 writing progress",
      "KS2 maths progress", "Progress 8", "Progress 8 (previous year)", "P8 upper CI", "Attainment 8",
      "Overall absence %", "Overall absence % (previous year)", "Persistent absence %", "Fixed-term exclusions",
      "Safeguarding concern", "Complaints", "Budget balance £", "Officer category", "Officer notes",
    ]);
    expect(staffs["Core group meetings"].headers).toEqual(["URN", "School name", "Meeting date", "Evidence of impact", "Notes"]);
    expect(staffs.Notices.headers).toEqual(["URN", "School name", "Notice", "Date issued", "Review date", "Review outcome"]);
    const independent = csv("staffordshire-census-2019.csv").filter((c) => c.SCHOOLTYPE === "Independent school").length;
    expect(staffs.Schools.rows).toHaveLength(421 - independent);
    expect(new Set(staffs.Schools.rows.map((r) => r.URN)).size).toBe(staffs.Schools.rows.length);
    expect(staffs["Core group meetings"].rows.length).toBeGreaterThanOrEqual(25);
    expect(staffs.Notices.rows.length).toBeGreaterThanOrEqual(6);
  });

  test("Warwickshire headers and row counts", () => {
    expect(Object.keys(warks)).toEqual(["Schools"]);
    expect(warks.Schools.headers).toEqual([
      "URN", "LAESTAB", "School name", "Phase", "Type", "Academy", "Pupils", "IDACI quintile", "Overall effectiveness",
      "Inspection date", "Previous overall effectiveness", "Previous inspection date", "Leadership and management",
      "Category of concern", "Headline attainment 2018", "Headline attainment 2019", "Trend",
      "Pupils eligible for funding", "Officer category",
    ]);
    expect(warks.Schools.rows).toHaveLength(228);
    const satisfactory = warks.Schools.rows.filter(
      (r) => r["Overall effectiveness"] === 3 && (r["Inspection date"] as Date) < new Date(Date.UTC(2012, 8, 1)),
    );
    expect(satisfactory.length).toBeGreaterThanOrEqual(8);
  });

  test("missing markers stay text, never 0", () => {
    const schools = byUrn(staffs.Schools);
    const absence = csv("staffordshire-absence-2019.csv").filter((a) => a.PPERSABS10 === "SUPP");
    expect(absence.length).toBeGreaterThan(0);
    for (const a of absence) expect(schools.get(Number(a.URN))?.["Persistent absence %"]).toBe("SUPP");
    const ne = csv("staffordshire-ks4-2019.csv").filter((k) => k.P8MEA === "NE" && schools.has(Number(k.URN)));
    expect(ne.length).toBeGreaterThan(0);
    for (const k of ne) expect(schools.get(Number(k.URN))?.["Progress 8"]).toBe("NE");
    const noFsm = csv("staffordshire-census-2019.csv").filter((c) => c.PNUMFSMEVER === "NA" && schools.has(Number(c.URN)));
    expect(noFsm.length).toBeGreaterThan(0);
    for (const c of noFsm) expect(schools.get(Number(c.URN))?.["FSM %"]).toBeNull();
    const ks2 = staffs.Schools.rows.map((r) => r["KS2 RWM expected %"]);
    expect(ks2).toContain("SUPP");
    expect(warks.Schools.rows.map((r) => r["Headline attainment 2019"])).toContain("SUPP");
  });

  test("history sheets reference existing schools and tell the escalation story", () => {
    const schools = byUrn(staffs.Schools);
    for (const sheet of ["Core group meetings", "Notices"]) {
      for (const r of staffs[sheet].rows) {
        expect(schools.has(r.URN)).toBe(true);
        expect(r["School name"]).toBe(schools.get(r.URN)?.["School name"]);
      }
    }
    const meetings = new Map<Value, Value[]>();
    for (const r of staffs["Core group meetings"].rows) {
      expect(r["Meeting date"]).toBeInstanceOf(Date);
      meetings.set(r.URN, [...(meetings.get(r.URN) ?? []), r["Evidence of impact"]]); // sheet is sorted by date
    }
    const lastTwo = [...meetings.values()].map((ev) => ev.slice(-2).join(","));
    expect(lastTwo.filter((s) => s === "No,No").length).toBeGreaterThanOrEqual(6);
    expect(lastTwo.filter((s) => s === "No,Yes").length).toBeGreaterThanOrEqual(2);
    const outcomes = staffs.Notices.rows.map((r) => r["Review outcome"]);
    expect(outcomes.filter((o) => o === "Insufficient improvement").length).toBeGreaterThanOrEqual(2);
    expect(staffs.Notices.rows.filter((r) => r["Review date"] === null).length).toBeGreaterThanOrEqual(2);
  });

  test("regenerating gives the same cell values", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "examples-"));
    try {
      const [s, w] = await generate(DATA, dir);
      expect(await readBook(s)).toEqual(staffs);
      expect(await readBook(w)).toEqual(warks);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
