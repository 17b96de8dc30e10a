// The Office adapter against an in-memory Excel built on office-addin-mock: reads, writes,
// fills, request counts for a 10,000-row table, idempotent re-runs, officer cells untouched,
// original fills restored by Clear.
import { FakeExcel, PAYLOAD_LIMIT } from "./fake-excel";
import { areaAddress } from "../../hosts/office/a1";
import {
  BAND_FILLS,
  FIRST_RESULTS_COLUMN,
  HEADER_ROW,
  OFFICER_HEADERS,
  RESULTS,
  TRIGGER_STYLE,
  officerCells,
  schoolsSheet,
  snapshot,
  syntheticPlan,
} from "./synthetic";
import { queueStoreWrite } from "../../hosts/office/store";
import { CHART_PREFIX, clearResults, listTargets, readRecordedResults, readStoredRuleset, readWorkbook, writeResults, writeStoredRuleset, type OfficeTarget } from "../../hosts/office";
import { readFileSync } from "fs";
import { join } from "path";
import { buildOutputPlan, categorise, memorySource, NotWrittenError, parseRuleset, RAG_STYLES, sheetFromRecords, STORE_SHEET, type OutputPlan } from "../../engine";

const SHEET: OfficeTarget = { kind: "sheet", sheet: "Schools" };

/** One run as the pane does it: read, (engine), write. Returns the syncs each step took. */
async function run(xl: FakeExcel, n: number, triggerEvery = 7) {
  const before = xl.syncCount;
  const read = await readWorkbook(xl.context, SHEET);
  const readSyncs = xl.syncCount - before;
  const report = await writeResults(xl.context, syntheticPlan(n, triggerEvery), read);
  return { read, report, readSyncs, writeSyncs: xl.syncCount - before - readSyncs };
}

describe("reading", () => {
  it("reads the table under a title row, with percentages as text and dates as Dates", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 3);
    const read = await readWorkbook(xl.context, SHEET);
    const data = read.source.readSheet("Schools")!;
    expect(data.headerRow).toBe(HEADER_ROW);
    expect(data.firstColumn).toBe(1);
    expect(data.headers).toEqual(OFFICER_HEADERS);
    expect(data.rows).toHaveLength(3);
    expect(data.rows[1][5]).toBe("41%");
    expect(data.rows[0][6]).toBe("3%");
    expect(data.rows[0][4]).toEqual(new Date(Date.UTC(2017, 8, 22))); // serial 43000
    expect(data.rows[0][0]).toBe(100000);
    expect(read.source.sheetNames()).toEqual(["Schools"]);
  });

  it("reads 10,000 rows in a few requests, each under 5 MB", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 10_000);
    const read = await readWorkbook(xl.context, SHEET);
    expect(read.source.readSheet("Schools")!.rows).toHaveLength(10_000);
    // names + sizes, a first block of 500 rows (4,000 cells) to measure, then 76,024 cells in one
    expect(xl.syncCount).toBe(4);
    for (const s of xl.syncs) expect(s.responseBytes).toBeLessThanOrEqual(4_000_000);
  });

  it("reads a table by name and lists tables and sheets as targets", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 5);
    xl.addTable("SchoolsTable", "Schools", { row1: HEADER_ROW - 1, col1: 0, row2: HEADER_ROW + 4, col2: OFFICER_HEADERS.length - 1 });
    xl.addSheet("Notes").put(0, 0, [["Just a note"]]);
    const targets = await listTargets(xl.context);
    expect(targets.map((t) => t.label)).toEqual(["Table SchoolsTable (Schools)", "Sheet Schools", "Sheet Notes"]);
    expect(targets[1]).toMatchObject({ headerRow: HEADER_ROW, dataRows: 5, headers: OFFICER_HEADERS });
    const read = await readWorkbook(xl.context, { kind: "table", sheet: "Schools", table: "SchoolsTable" });
    expect(read.source.readSheet("Schools")).toMatchObject({ headerRow: HEADER_ROW, headers: OFFICER_HEADERS });
    expect(read.source.readSheet("Schools")!.rows).toHaveLength(5);
  });
});

describe("writing 10,000 rows", () => {
  it("writes values in blocks of 5,000 rows and fills by colour: requests grow with blocks and colours, not rows", async () => {
    const small = new FakeExcel();
    schoolsSheet(small, 1_000);
    const a = await run(small, 1_000);

    const xl = new FakeExcel();
    schoolsSheet(xl, 10_000);
    const b = await run(xl, 10_000);

    expect(a.report.valueBlocks).toBe(1);
    expect(b.report.valueBlocks).toBe(2);
    // original fills read (1) + store, clear, header (1) + value blocks (2) + all colours and the summary (1)
    expect(b.writeSyncs).toBe(1 + 1 + 2 + 1);
    expect(b.writeSyncs - b.report.valueBlocks).toBe(a.writeSyncs - a.report.valueBlocks);
    for (const s of xl.syncs) {
      expect(s.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(s.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    }
    // Screen updating is suspended before every write request.
    expect(xl.suspends).toBeGreaterThanOrEqual(b.writeSyncs - 1);

    const sheet = xl.sheet("Schools");
    const c = FIRST_RESULTS_COLUMN - 1; // 0-based
    expect(sheet.grid({ row1: HEADER_ROW - 1, col1: c, row2: HEADER_ROW - 1, col2: c + RESULTS.length - 1 })[0].map((x) => x.value)).toEqual(RESULTS);
    expect(sheet.cell(HEADER_ROW, c).value).toBe("A Band 0");
    expect(sheet.cell(HEADER_ROW, c).fill.color).toBe(BAND_FILLS[0]);
    expect(sheet.cell(HEADER_ROW + 9_999, c).fill.color).toBe(BAND_FILLS[3]);
    // Dates are written as serials with a date format.
    expect(sheet.cell(HEADER_ROW + 3, c + 5)).toMatchObject({ value: 45661, format: "dd/mm/yyyy" });
    // Trigger fill on the officer cells behind it (row 0 fires), but not their font.
    expect(sheet.cell(HEADER_ROW, 5).fill.color).toBe(TRIGGER_STYLE.fill);
    expect(sheet.cell(HEADER_ROW, 5).font.bold).toBe(false);
    expect(sheet.cell(HEADER_ROW, c + 2).font.bold).toBe(true);
    const summary = xl.sheet("Categorisation summary");
    expect(summary.cell(0, 0)).toMatchObject({ value: "Categorisation summary", font: { bold: true, size: 14 } });
    expect(summary.cell(1, 1).font.bold).toBe(true);
    expect(summary.cell(3, 2)).toMatchObject({ value: "Red", fill: { color: "#FFC7CE" }, font: { color: "#9C0006", bold: true } });
    expect(summary.cell(2, 2).fill.color).toBe("#C6EFCE");
    expect(xl.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
  });

  it("never writes over an officer's own sheet named 'Categorisation summary': the summary takes the next free name, then keeps it", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 50);
    xl.addSheet("Categorisation summary").put(0, 0, [["My committee notes", 42]]);
    const first = await run(xl, 50);
    expect(first.report.summaryName).toBe("Categorisation summary (2)");
    expect(xl.sheet("Categorisation summary").cell(0, 0).value).toBe("My committee notes");
    expect(xl.sheet("Categorisation summary").cell(0, 1).value).toBe(42);
    expect(xl.sheet("Categorisation summary (2)").cell(0, 0).value).toBe("Categorisation summary");
    const second = await run(xl, 50);
    expect(second.report.summaryName).toBe("Categorisation summary (2)");
    expect(xl.sheets.map((s) => s.name)).toEqual(["Schools", "Categorisation summary", STORE_SHEET, "Categorisation summary (2)"]);
    expect(await clearResults(xl.context, SHEET)).toMatch(/^Cleared/);
    expect(xl.sheets.map((s) => s.name)).toEqual(["Schools", "Categorisation summary", STORE_SHEET]);
    expect(xl.sheet("Categorisation summary").cell(0, 0).value).toBe("My committee notes");
  });

  it("twice the rows costs only a few more blocks", async () => {
    const counts = [];
    for (const n of [10_000, 20_000]) {
      const xl = new FakeExcel();
      schoolsSheet(xl, n);
      const r = await run(xl, n);
      counts.push({ syncs: r.readSyncs + r.writeSyncs, blocks: r.report.valueBlocks });
    }
    expect(counts[1].blocks - counts[0].blocks).toBe(2);
    // + 2 value blocks, + 1 read block (100,000 cells); the original fills stay one request (a fill per column segment)
    expect(counts[1].syncs - counts[0].syncs).toBe(2 + 1);
    expect(counts[1].syncs).toBeLessThanOrEqual(12); // 20,000 rows: 5 reads + 7 writes
  });

  it("never writes a value, format or font into an officer cell", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 2_000);
    const before = officerCells(xl);
    await run(xl, 2_000);
    await run(xl, 2_000, 5);
    expect(officerCells(xl)).toEqual(before);
    const officerWrites = xl.writes.filter((w) => w.sheet === "Schools" && w.area.col1 < FIRST_RESULTS_COLUMN - 1);
    expect(officerWrites.length).toBeGreaterThan(0);
    expect(officerWrites.every((w) => w.what === "fill")).toBe(true);
  });

  it("re-running gives the same workbook (idempotent)", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 3_000);
    await run(xl, 3_000);
    const once = snapshot(xl);
    const second = await run(xl, 3_000);
    expect(snapshot(xl)).toEqual(once);
    // The second run reads no fills: it keeps the originals the first run recorded.
    expect(second.writeSyncs).toBe(1 + 1 + 1);
  });

  it("restores a fill the new run no longer needs, and Clear restores every original fill", async () => {
    const xl = new FakeExcel();
    const sheet = schoolsSheet(xl, 100);
    // The officer's own colours on two cells that triggers will paint.
    sheet.edit(HEADER_ROW, 5, (c) => (c.fill = { color: "#00B0F0", pattern: "Solid", patternColor: null }));
    sheet.edit(HEADER_ROW + 7, 3, (c) => (c.fill = { color: "#92D050", pattern: "LightUp", patternColor: "#FF0000" }));
    const pristine = snapshot(xl);

    await run(xl, 100, 7);
    expect(sheet.cell(HEADER_ROW, 5).fill.color).toBe(TRIGGER_STYLE.fill);
    expect(sheet.cell(HEADER_ROW + 7, 3).fill.color).toBe(TRIGGER_STYLE.fill);

    await run(xl, 100, 14); // row 7 no longer fires
    expect(sheet.cell(HEADER_ROW + 7, 3).fill).toEqual({ color: "#92D050", pattern: "LightUp", patternColor: "#FF0000" });
    expect(sheet.cell(HEADER_ROW + 14, 5).fill.color).toBe(TRIGGER_STYLE.fill);

    expect(await clearResults(xl.context, SHEET)).toMatch(/^Cleared the results on 'Schools'/);
    expect(snapshot(xl)).toEqual(pristine);
    expect(xl.sheets.map((s) => s.name)).toEqual(["Schools", STORE_SHEET]);
    // Clearing again is harmless.
    expect(await clearResults(xl.context, SHEET)).toBe("No results to clear on 'Schools'.");
    expect(snapshot(xl)).toEqual(pristine);
  });

  it("Clear leaves columns headed like results alone when the workbook has no record of a run (they are the officer's)", async () => {
    const xl = new FakeExcel();
    const sheet = schoolsSheet(xl, 10);
    sheet.put(HEADER_ROW - 1, FIRST_RESULTS_COLUMN - 1, [RESULTS]);
    sheet.put(HEADER_ROW, FIRST_RESULTS_COLUMN - 1, [["A No concern", "A No concern", null, null, "Light touch", null, "Band A"]]);
    const before = snapshot(xl);
    expect(await clearResults(xl.context, SHEET)).toBe("No results to clear on 'Schools'.");
    expect(snapshot(xl)).toEqual(before);
    expect(xl.writes).toEqual([]);
  });
});

describe("the run record, which the pane offers Clear from", () => {
  it("holds the sheet a run wrote on, and the sheet whose run wrote the summary; Clear takes both away", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 20);
    expect(await readRecordedResults(xl.context)).toEqual({ sheets: [], summary: null });
    await run(xl, 20);
    expect(await readRecordedResults(xl.context)).toEqual({ sheets: ["Schools"], summary: "Schools" });
    await clearResults(xl.context, SHEET);
    expect(await readRecordedResults(xl.context)).toEqual({ sheets: [], summary: null });
  });

  it("a record whose results block is gone (headers renamed, no colours kept) leaves the store at Clear, touching no cell", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 10);
    const record = { headerRow: HEADER_ROW, firstColumn: FIRST_RESULTS_COLUMN, headers: ["Category", "Reasons"], lastRow: HEADER_ROW + 10, originals: {} };
    queueStoreWrite(xl.context, { ruleset: null, records: { Schools: record }, summary: null }, false);
    await xl.context.sync();
    expect(await readRecordedResults(xl.context)).toEqual({ sheets: ["Schools"], summary: null });
    const before = snapshot(xl);
    expect(await clearResults(xl.context, SHEET)).toBe("No results to clear on 'Schools'.");
    expect(snapshot(xl)).toEqual(before);
    expect(await readRecordedResults(xl.context)).toEqual({ sheets: [], summary: null });
  });
});

describe("refusing to write", () => {
  it("stops on a protected sheet, naming it, before writing anything", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 50).protected = true;
    const read = await readWorkbook(xl.context, SHEET);
    await expect(writeResults(xl.context, syntheticPlan(50), read)).rejects.toMatchObject({ reason: "protected", sheet: "Schools" });
    await expect(writeResults(xl.context, syntheticPlan(50), read)).rejects.toThrow(/'Schools' is protected/);
    expect(xl.writes).toEqual([]);
  });

  it("stops when the officer has data where the results columns would go", async () => {
    const xl = new FakeExcel();
    const sheet = schoolsSheet(xl, 50);
    sheet.put(HEADER_ROW + 20, FIRST_RESULTS_COLUMN + 1, [["my note"]]); // headerless, two columns right
    const read = await readWorkbook(xl.context, SHEET);
    await expect(writeResults(xl.context, syntheticPlan(50), read)).rejects.toThrow(NotWrittenError);
    await expect(writeResults(xl.context, syntheticPlan(50), read)).rejects.toThrow(/Column K .*cell K24/);
    expect(xl.writes).toEqual([]);
  });

  it("leaves alone a note the officer typed beyond the results after a run", async () => {
    const xl = new FakeExcel();
    const sheet = schoolsSheet(xl, 30);
    await run(xl, 30);
    const beyond = FIRST_RESULTS_COLUMN - 1 + RESULTS.length + 1; // 0-based, one blank column after the results
    sheet.put(HEADER_ROW + 4, beyond, [["call the head on Monday"]]);
    await run(xl, 30, 5);
    expect(sheet.cell(HEADER_ROW + 4, beyond).value).toBe("call the head on Monday");
    await clearResults(xl.context, SHEET);
    expect(sheet.cell(HEADER_ROW + 4, beyond).value).toBe("call the head on Monday");
    expect(sheet.cell(HEADER_ROW - 1, FIRST_RESULTS_COLUMN - 1).value).toBe("");
  });

  it("checks the cells right of a table too", async () => {
    const xl = new FakeExcel();
    const sheet = schoolsSheet(xl, 20);
    xl.addTable("T", "Schools", { row1: HEADER_ROW - 1, col1: 0, row2: HEADER_ROW + 19, col2: OFFICER_HEADERS.length - 1 });
    sheet.put(HEADER_ROW - 1, FIRST_RESULTS_COLUMN - 1, [["Officer notes"]]);
    const read = await readWorkbook(xl.context, { kind: "table", sheet: "Schools", table: "T" });
    await expect(writeResults(xl.context, syntheticPlan(20), read)).rejects.toThrow(/Column I/);
    expect(xl.writes).toEqual([]);
  });
});

describe("the stored ruleset", () => {
  it("round-trips a long ruleset through the very hidden sheet, keeping run records", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 10);
    expect(await readStoredRuleset(xl.context)).toBeNull();
    await run(xl, 10);
    const text = JSON.stringify({ id: "big", padding: "x".repeat(70_000), n: "12345" });
    await writeStoredRuleset(xl.context, text);
    expect(await readStoredRuleset(xl.context)).toBe(text);
    expect(xl.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    // The run record survived: Clear still restores.
    expect(await clearResults(xl.context, SHEET)).toMatch(/^Cleared the results on 'Schools'/);
    expect(await readStoredRuleset(xl.context)).toBe(text);
  });
});

describe("native charts on the summary sheet", () => {
  const SUMMARY = "Categorisation summary";
  const staffs = parseRuleset(readFileSync(join(__dirname, "..", "..", "rules", "staffordshire.json"), "utf8"));
  const school = (urn: number, grade: number | string | null, pupils: number, district: string, phase = "Primary") => ({
    URN: urn, "School name": `School ${urn}`, Type: "Community school", District: district, Phase: phase, Pupils: pupils, "Ofsted grade": grade,
  });
  // Nine inspected schools (6 good or better, 2 RI, 1 inadequate) in three districts, one not inspected.
  const SCHOOLS = [
    school(1, 1, 400, "Stafford"), school(2, 2, 200, "Stafford"), school(3, 2, 200, "Stafford"), school(4, 2, 200, "Tamworth"),
    school(5, 2, 100, "Tamworth"), school(6, 2, 100, "Tamworth", "Secondary"), school(7, 3, 300, "Tamworth", "Secondary"),
    school(8, 3, 200, "Lichfield"), school(9, 4, 300, "Lichfield"), school(10, null, 50, "Lichfield"),
  ];
  /** The engine's summary (with its charts) for those schools, on the synthetic results plan. */
  async function chartedPlan(ruleset = staffs): Promise<OutputPlan> {
    const result = await categorise(memorySource({ Schools: sheetFromRecords(SCHOOLS) }), ruleset, { sheet: "Schools", asOf: "2026-11-20" });
    return { ...syntheticPlan(40), summary: buildOutputPlan(result, ruleset).summary };
  }
  async function runPlan(xl: FakeExcel, plan: OutputPlan) {
    const read = await readWorkbook(xl.context, SHEET);
    const before = xl.syncCount;
    const report = await writeResults(xl.context, plan, read);
    return { report, writeSyncs: xl.syncCount - before };
  }
  const bands = (xl: FakeExcel, name: string) => xl.sheet(SUMMARY).charts.find((c) => c.name === CHART_PREFIX + name)!;

  it("charts each bands-by table and the authority against national, from the tables' cells, in their colours", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 40);
    const plan = await chartedPlan();
    await runPlan(xl, plan);
    const sheet = xl.sheet(SUMMARY);
    expect(sheet.charts.map((c) => c.name)).toEqual(["categorisation-bands-district", "categorisation-bands-phase", "categorisation-risk"]);

    // District: a header row (District, D, C, B, A, Total) and three districts, charted without Total.
    const district = bands(xl, "bands-district");
    const at = plan.summary.charts!.find((c) => c.id === "bands-district")!.range;
    expect(sheet.grid({ row1: at.row, col1: 0, row2: at.row, col2: 6 })[0].map((c) => c.value)).toEqual(["District", "D", "C", "B", "U", "A", "Total"]);
    expect(district).toMatchObject({
      type: "BarStacked", seriesBy: "Columns", title: "Schools by category and district", legend: "Bottom", reversePlotOrder: true,
      source: { row1: at.row + 1, col1: 1, row2: at.row + 3, col2: 5 },
      categories: { row1: at.row + 1, col1: 0, row2: at.row + 3, col2: 0 },
    });
    expect(sheet.grid(district.categories!).map((r) => r[0].value)).toEqual(["Lichfield", "Stafford", "Tamworth"]);
    expect(district.series.map((s) => [s.name, s.fill])).toEqual([
      ["D High concern", "#FFC7CE"], ["C Medium concern", "#FFEB9C"], ["B Low concern", "#DDEBF7"], ["U Not categorised", "#D9D9D9"], ["A No concern", "#C6EFCE"],
    ]);
    expect(bands(xl, "bands-phase").series).toHaveLength(5);

    // Risk: Measure | Local authority | National, the authority's bars in their ratings, national grey.
    const risk = bands(xl, "risk");
    expect(risk).toMatchObject({ type: "BarClustered", seriesBy: "Columns", title: "Local authority against national (Ofsted risk factors)", valueAxis: { minimum: 0, maximum: 100 } });
    expect(sheet.cell(risk.source.row1 - 1, 0).value).toBe("Measure");
    expect(sheet.grid({ ...risk.source, row1: risk.source.row1 - 1, row2: risk.source.row1 - 1 })[0].map((c) => c.value)).toEqual(["Local authority", "National"]);
    expect(sheet.grid(risk.categories!).map((r) => r[0].value)).toEqual([
      "% of schools good or better", "% of pupils in good or better schools", "% of schools inadequate",
      "% of pupils in inadequate schools", "% of schools not good (requires improvement or inadequate)", "% of pupils in schools that are not good",
    ]);
    expect(risk.series.map((s) => [s.name, s.fill])).toEqual([["Local authority", "#5B9BD5"], ["National", "#A5A5A5"]]);
    // Rated measures take their rating's fill (66.7% good against 86%: red); pupil measures have no national figure.
    expect(risk.series[0].points).toEqual(sheet.grid({ ...risk.source, col1: 4, col2: 4 }).map((r) => (r[0].value === "Red" ? RAG_STYLES.red.fill : r[0].value === "Green" ? RAG_STYLES.green.fill : r[0].value === "Amber" ? RAG_STYLES.amber.fill : "#5B9BD5")));
    expect(risk.series[0].points[0]).toBe(RAG_STYLES.red.fill);
    expect(risk.series[1].points.every((p) => p === null)).toBe(true);
  });

  it("places every chart right of the tables, over no filled cell, beside no note, and over no other chart", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 40);
    const plan = await chartedPlan();
    await runPlan(xl, plan);
    const sheet = xl.sheet(SUMMARY);
    const used = sheet.usedRange()!;
    const places = plan.summary.charts!.map((c) => c.place);
    for (const [i, p] of places.entries()) {
      const chart = sheet.charts.find((c) => c.name === CHART_PREFIX + plan.summary.charts![i].id)!;
      expect(chart.position).toEqual([areaAddress(p.row + 1, p.column + 1), areaAddress(p.row + p.rows, p.column + p.columns)]);
      expect(p.column).toBe(used.col2 + 2); // right of every filled cell, a blank column between
      expect(p.rows).toBeGreaterThanOrEqual(12);
      // No row the chart spans ends in a long note that would run under it.
      for (let r = p.row; r < p.row + p.rows; r++) {
        const texts = sheet.grid({ row1: r, col1: 0, row2: r, col2: used.col2 })[0].map((c) => String(c.value)).filter(Boolean);
        expect((texts.at(-1) ?? "").length).toBeLessThanOrEqual(60);
      }
      if (i) expect(p.row).toBeGreaterThan(places[i - 1].row + places[i - 1].rows - 1);
    }
    // Level with their tables when nothing is in the way: the district chart starts at its header row.
    expect(places[0].row).toBe(plan.summary.charts![0].range.row);
  });

  it("re-runs replace the add-in's charts (never the officer's), and Clear removes them with the sheet", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 40);
    const plan = await chartedPlan();
    const first = await runPlan(xl, plan);
    const officerChart = { ...structuredClone(xl.sheet(SUMMARY).charts[0]), name: "My chart" };
    xl.sheet(SUMMARY).charts.push(officerChart);
    const once = structuredClone(xl.sheet(SUMMARY).charts);
    const again = await runPlan(xl, plan);
    expect(xl.sheet(SUMMARY).charts.map((c) => c.name).sort()).toEqual(once.map((c) => c.name).sort());
    expect(xl.sheet(SUMMARY).charts.find((c) => c.name === "My chart")).toEqual(officerChart);
    const byName = (cs: typeof once) => [...cs].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(xl.sheet(SUMMARY).charts)).toEqual(byName(once));
    // Fills read, store and header, values, fills and summary, and one request for all the charts
    // (the re-run reads no fills).
    expect(first.writeSyncs).toBe(1 + 1 + 1 + 1 + 1);
    expect(again.writeSyncs).toBe(1 + 1 + 1 + 1);
    expect(xl.syncs.at(-1)!.ops).toBeLessThan(200);

    // A ruleset without the LA summary: its run leaves no risk chart behind.
    const plain = structuredClone(staffs);
    delete plain.laSummary;
    await runPlan(xl, await chartedPlan(plain));
    expect(xl.sheet(SUMMARY).charts.map((c) => c.name)).toEqual(["My chart", "categorisation-bands-district", "categorisation-bands-phase"]);
    const gone = xl.context.workbook.worksheets.getItem(SUMMARY).charts.getItemOrNullObject("categorisation-risk");
    gone.load("isNullObject");
    await xl.context.sync();
    expect(gone.isNullObject).toBe(true);

    await clearResults(xl.context, SHEET);
    expect(xl.sheets.map((s) => s.name)).toEqual(["Schools", STORE_SHEET]);
  });

  it("without national figures the risk chart shows the authority alone", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 40);
    const noNational = structuredClone(staffs);
    noNational.laSummary!.national = { source: noNational.laSummary!.national.source };
    await runPlan(xl, await chartedPlan(noNational));
    const risk = bands(xl, "risk");
    expect(risk.source.col2).toBe(1);
    expect(risk.series.map((s) => [s.name, s.fill])).toEqual([["Local authority", "#5B9BD5"]]);
    expect(risk.series[0].points.every((p) => p === "#5B9BD5")).toBe(true);
  });

  it("a chart Excel refuses costs only the charts, with a warning", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 40);
    xl.failCharts = true;
    const plan = await chartedPlan();
    const { report } = await runPlan(xl, plan);
    expect(report.warnings).toEqual([expect.stringMatching(/^The charts could not be added to 'Categorisation summary' \(ApiNotFound/)]);
    expect(xl.sheet(SUMMARY).cell(0, 0).value).toBe("Categorisation summary");
    expect(xl.sheet(SUMMARY).charts).toEqual([]);
  });
});
