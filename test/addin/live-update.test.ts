// Live re-categorisation in the fake Excel, with the real engine and the Staffordshire example: after
// a run, an officer's edit re-categorises only the schools it affects, in a few requests whatever
// the table's size, leaving exactly what a full run would; the add-in's own writes start nothing;
// an officer's fill under a trigger colour comes back when the trigger goes; a header edit or rows
// inserted pause live updates with a message and write nothing; turning watching off stops it.
import { dateToSerial } from "../../hosts/office/office-values";
import type { FakeExcel } from "./fake-excel";
import { exampleExcel, freshPlan, runAndWatch, ruleset, OFSTED, URN } from "./live-workbook";
import { STORE_SHEET, parseStore, type OutputPlan } from "../../engine";
import { clearResults } from "../../hosts/office";

const SCHOOL_ROW = 1; // 0-based: sheet row 2, URN 123962, A with no triggers in the example
const HIGH = ruleset.styles.severities.high.fill!;
const D_FILL = ruleset.styles.bands.D.fill!;

const asCell = (v: unknown) => (v === null ? "" : v instanceof Date ? dateToSerial(v) : v);

/** The results cells on the Schools sheet, row by row (0-based rows from the first data row). */
function resultsValues(xl: FakeExcel, plan: OutputPlan, rows: number) {
  const sheet = xl.sheet("Schools");
  return Array.from({ length: rows }, (_, i) => plan.headers.map((_, j) => sheet.cell(plan.headerRow + i, plan.firstColumn - 1 + j).value));
}

/** The fills of every cell of the Schools sheet's data rows, officer and results columns. */
function fills(xl: FakeExcel) {
  return [...xl.sheet("Schools").cells].filter(([k, c]) => Number(k.split(",")[0]) > 0 && c.fill.color).map(([k, c]) => `${k}=${c.fill.color}`).sort();
}

/** Every results cell and fill is what a full run on the workbook as it now is would write; other fills are the officer's (`own`). */
async function expectSameAsFullRun(xl: FakeExcel, plan: OutputPlan, own: string[] = []) {
  const full = await freshPlan(xl);
  expect(resultsValues(xl, plan, full.values.length)).toEqual(full.values.map((r) => r.map(asCell)));
  const sheet = xl.sheet("Schools");
  for (const g of full.styles) for (const c of g.cells) expect([c.row, c.column, sheet.cell(c.row - 1, c.column - 1).fill.color]).toEqual([c.row, c.column, g.style.fill!.toUpperCase()]);
  const painted = new Set(full.styles.flatMap((g) => g.cells.map((c) => `${c.row - 1},${c.column - 1}`)));
  expect(fills(xl).filter((f) => !painted.has(f.split("=")[0]))).toEqual(own);
}

async function editGrade(n: number) {
  const xl = await exampleExcel(n);
  const w = await runAndWatch(xl);
  const before = xl.syncCount;
  const writes = xl.writes.length;
  xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
  await w.settle();
  return { xl, ...w, syncs: xl.syncCount - before, writes: xl.writes.slice(writes) };
}

describe("live updates after a run", () => {
  it("one edited Ofsted grade changes that row's band and fills, in the same few requests at 50 and 2,000 schools", async () => {
    const small = await editGrade(50);
    const large = await editGrade(2_000);
    for (const { xl, plan, outcomes, errors } of [small, large]) {
      expect(errors).toEqual([]);
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0].rows).toEqual([SCHOOL_ROW + 1]);
      const sheet = xl.sheet("Schools");
      const category = sheet.cell(SCHOOL_ROW, plan.firstColumn - 1);
      expect(plan.values[SCHOOL_ROW - 1][0]).toMatch(/^A /); // before the edit
      expect(category.value).toMatch(/^D /);
      expect(category.fill.color).toBe(D_FILL.toUpperCase());
      expect(category.font.bold).toBe(true);
      expect(sheet.cell(SCHOOL_ROW, OFSTED).fill.color).toBe(HIGH.toUpperCase()); // the officer's cell behind the trigger
      expect(sheet.cell(SCHOOL_ROW, plan.firstColumn + 1).value).toMatch(/Ofsted inadequate/);
      // Only that row's results were written (and the run record, for the newly coloured cell).
      const schools = large.writes.filter((w) => w.sheet === "Schools" && (w.what === "values" || w.what === "clear"));
      expect(schools.every((w) => w.area.row1 === SCHOOL_ROW && w.area.row2 === SCHOOL_ROW && w.area.col1 >= plan.firstColumn - 1)).toBe(true);
    }
    expect(large.syncs).toBe(small.syncs);
    console.log(`live update: ${small.syncs} requests at 50 schools, ${large.syncs} at 2,000`);
    expect(small.syncs).toBeLessThanOrEqual(5);
    await expectSameAsFullRun(small.xl, small.plan);
  });

  it("a history sheet edit re-categorises every row with that URN, and only those", async () => {
    const xl = await exampleExcel();
    // The school on row 6 (URN 124045, D with core group meetings) appears twice: row 402 is a copy.
    const schools = xl.sheet("Schools");
    for (let c = 0; c < 31; c++) schools.cells.set(`401,${c}`, structuredClone(schools.cell(5, c)));
    const w = await runAndWatch(xl);
    const urn = schools.cell(5, URN).value;
    expect(urn).toBe(124045);
    const escalation = (r: number) => schools.cell(r, w.plan.firstColumn + 2).value;
    expect([escalation(5), escalation(401)]).toEqual(["Core group", "Core group"]);
    const writes = xl.writes.length;
    // A notice of concern issued to it, typed on the first free row of Notices.
    xl.officerEdit("Notices", 9, 0, [[urn, "Notice", "Notice of Concern", "2026-02-20", null, null]]);
    await w.settle();
    expect(w.errors).toEqual([]);
    expect(w.outcomes.map((o) => o.rows)).toEqual([[6, 402]]);
    expect(escalation(5)).toMatch(/^Notice of Concern/);
    expect(escalation(401)).toMatch(/^Notice of Concern/);
    const written = new Set(xl.writes.slice(writes).filter((x) => x.sheet === "Schools" && x.what === "values").map((x) => x.area.row1));
    expect([...written].sort((a, b) => a - b)).toEqual([5, 401]);
    await expectSameAsFullRun(xl, w.plan);
  });

  it("the add-in's own writes never start an update: events are off while it writes, and its own are dropped", async () => {
    const xl = await exampleExcel(50);
    const w = await runAndWatch(xl);
    const seen = xl.events.length;
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
    await w.settle();
    await new Promise((r) => setTimeout(r, 30)); // longer than the gathering time
    await w.settle();
    // The officer's edit is the only event raised: the update wrote with events off.
    expect(xl.events.slice(seen).map((e) => [e.sheet, e.triggerSource])).toEqual([["Schools", "Unknown"]]);
    expect(xl.eventsEnabled).toBe(true);
    expect(w.outcomes).toHaveLength(1);
    // Where events cannot be turned off, Excel names the add-in as their cause: they are dropped.
    xl.raiseChange("Schools", "AF2:AL2", "RangeEdited", "ThisLocalAddin");
    await w.settle();
    await new Promise((r) => setTimeout(r, 30));
    await w.settle();
    expect(w.outcomes).toHaveLength(1);
  });

  it("turned off, it stops: the handlers go, and an edit changes nothing but the cell", async () => {
    const xl = await exampleExcel(50);
    const w = await runAndWatch(xl);
    expect(xl.handlerCount("Schools")).toBe(1);
    expect(xl.handlerCount("Notices")).toBe(1);
    await w.watch.stop();
    expect(xl.handlerCount("Schools")).toBe(0);
    expect(xl.handlerCount("Notices")).toBe(0);
    const before = resultsValues(xl, w.plan, 49);
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
    await w.settle();
    await new Promise((r) => setTimeout(r, 30));
    expect(w.outcomes).toEqual([]);
    expect(resultsValues(xl, w.plan, 49)).toEqual(before);
  });

  it("an officer's own fill under a trigger colour comes back when the trigger goes, and Clear still restores it", async () => {
    const xl = await exampleExcel(50);
    const schools = xl.sheet("Schools");
    const own = { color: "#00B0F0", pattern: "Solid", patternColor: null };
    schools.edit(SCHOOL_ROW, OFSTED, (c) => (c.fill = own));
    const w = await runAndWatch(xl);
    expect(schools.cell(SCHOOL_ROW, OFSTED).fill.color).toBe("#00B0F0"); // no trigger on it yet
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
    await w.settle();
    expect(schools.cell(SCHOOL_ROW, OFSTED).fill.color).toBe(HIGH.toUpperCase());
    // The run record keeps the officer's fill for Clear.
    const record = parseStore(xl.sheet(STORE_SHEET).grid(xl.sheet(STORE_SHEET).usedRange()!).map((r) => r.map((c) => c.value))).records.Schools;
    expect(Object.entries(record.originals).find(([, cells]) => cells.some((_, i) => i % 2 === 0 && cells[i] === SCHOOL_ROW + 1 && cells[i + 1] === OFSTED + 1))?.[0]).toContain("#00B0F0");
    // Back to Good: the trigger goes, and so does its colour.
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[2]]);
    await w.settle();
    expect(w.errors).toEqual([]);
    expect(schools.cell(SCHOOL_ROW, OFSTED).fill.color).toBe("#00B0F0");
    expect(schools.cell(SCHOOL_ROW, w.plan.firstColumn - 1).value).toMatch(/^A /);
    await expectSameAsFullRun(xl, w.plan, [`${SCHOOL_ROW},${OFSTED}=#00B0F0`]);
    // Coloured again, then cleared: Clear puts the officer's fill back from the record.
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
    await w.settle();
    await w.watch.stop();
    await clearResults(xl.context, { kind: "sheet", sheet: "Schools" });
    expect(schools.cell(SCHOOL_ROW, OFSTED).fill.color).toBe("#00B0F0");
  });

  it("a header edit pauses live updates with a message to run again, and writes nothing", async () => {
    const xl = await exampleExcel(50);
    const w = await runAndWatch(xl);
    const writes = xl.writes.length;
    xl.officerEdit("Schools", 0, OFSTED, [["Ofsted"]]);
    await w.settle();
    expect(w.outcomes).toHaveLength(1);
    expect(w.outcomes[0].rerun).toMatch(/header row of 'Schools' was changed \(I1\).*run the categorisation again/s);
    expect(w.outcomes[0].rows).toEqual([]);
    // Paused: a later edit is not followed either.
    xl.officerEdit("Schools", SCHOOL_ROW, OFSTED, [[4]]);
    await w.settle();
    await new Promise((r) => setTimeout(r, 30));
    await w.settle();
    expect(w.outcomes).toHaveLength(1);
    expect(xl.writes.slice(writes)).toEqual([]); // (the officer's typing is not the add-in's writing)
  });

  it("a history sheet's header edit, or rows inserted in the schools sheet, are not guessed at either", async () => {
    const xl = await exampleExcel(50);
    const w = await runAndWatch(xl);
    const writes = xl.writes.length;
    xl.officerEdit("Notices", 0, 2, [["Notice kind"]]);
    await w.settle();
    expect(w.outcomes[0].rerun).toMatch(/header row of the history sheet 'Notices' was changed \(C1\)/);
    expect(xl.writes.slice(writes)).toEqual([]);
    const other = await exampleExcel(50);
    const v = await runAndWatch(other);
    const before = other.writes.length;
    other.raiseChange("Schools", "5:5", "RowInserted");
    await v.settle();
    expect(v.outcomes[0].rerun).toMatch(/Rows or columns were inserted or deleted on 'Schools'/);
    expect(other.writes.slice(before)).toEqual([]);
  });

  it("typing in the results columns is said, not overwritten; a moderated category is followed", async () => {
    const xl = await exampleExcel(50);
    const w = await runAndWatch(xl);
    const category = w.plan.firstColumn - 1;
    xl.officerEdit("Schools", SCHOOL_ROW, category, [["C (my view)"]]);
    await w.settle();
    expect(w.outcomes[0].rows).toEqual([]);
    expect(w.outcomes[0].notes.join(" ")).toMatch(/AF2 is in the results \('Category'\).*use the 'Officer category' column/);
    expect(xl.sheet("Schools").cell(SCHOOL_ROW, category).value).toBe("C (my view)");
    // The officer category column is the officer's: the school is moderated at once.
    xl.officerEdit("Schools", SCHOOL_ROW, 29, [["C"]]);
    await w.settle();
    expect(xl.sheet("Schools").cell(SCHOOL_ROW, category).value).toMatch(/^C .*\(moderated\)/);
    await expectSameAsFullRun(xl, w.plan);
  });
});
