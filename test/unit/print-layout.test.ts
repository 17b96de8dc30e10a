// The engine's print layout (engine/output/print-layout.ts): what both hosts apply, and when the
// schools sheet keeps the officer's own page setup.
import { readFileSync } from "fs";
import { buildOutputPlan, categorise, memorySource, NARROW_MARGINS, NO_PRINT_SETUP, officerPrintSetup, parseRuleset, printLayout, ROWS_PER_PAGE, sheetFromRecords, summaryBreaks, type OutputPlan, type PrintSetupFound } from "../../engine";
import { wrappedRowHeights } from "../../engine/output/print-layout";

const staffs = parseRuleset(readFileSync("rules/staffordshire.json", "utf8"), "staffordshire.json");

async function plan(n = 12): Promise<OutputPlan> {
  const schools = Array.from({ length: n }, (_, i) => ({ URN: 100 + i, "School name": `School ${i}`, "Ofsted grade": (i % 4) + 1, District: i % 2 ? "Stafford" : "Tamworth", Phase: "Primary" }));
  const result = await categorise(memorySource({ Schools: sheetFromRecords(schools) }), staffs, { sheet: "Schools", asOf: "2026-01-15" });
  return buildOutputPlan(result, staffs);
}

describe("printLayout", () => {
  it("prints landscape, one page wide, the header row on every page, the long results wrapped", async () => {
    const p = await plan();
    const layout = printLayout(p, NO_PRINT_SETUP, false);
    expect(layout.schools).toEqual({
      orientation: "landscape", paper: "A4", fitTo: { width: 1, height: 0 }, margins: NARROW_MARGINS,
      footer: { left: "&A", center: "", right: "Page &P of &N" }, titleRows: { first: p.headerRow, last: p.headerRow }, rowBreaks: [],
    });
    expect(layout.schoolsNote).toBeNull();
    expect(layout.wrapColumns.map((c) => p.headers[c - p.firstColumn])).toEqual(["Triggers", "Next action", "Reasons"]);
    expect(layout.summary).toMatchObject({ orientation: "landscape", fitTo: { width: 1, height: 0 }, titleRows: null });
  });

  it("keeps an officer's own setup whole and says what it has; an earlier run's is not the officer's", async () => {
    const p = await plan();
    const own = (over: Partial<PrintSetupFound>) => printLayout(p, { ...NO_PRINT_SETUP, ...over }, false);
    expect(own({ printArea: true }).schools).toBeNull();
    expect(own({ scale: 75, footer: { left: "", center: "Confidential", right: "" } }).schoolsNote).toBe("'Schools' keeps its own page setup (a print scale of 75%, a header or footer), so it prints as the officer set it.");
    expect(own({ titleRows: { first: 1, last: 2 }, orientation: "landscape", fitTo: { width: 1, height: 0 } }).schools).toBeNull();
    // Exactly what a run writes: applied again (the officer's margins aside, which are kept).
    const ours = { orientation: "landscape" as const, fitTo: { width: 1, height: 0 }, titleRows: { first: p.headerRow, last: p.headerRow }, footer: { left: "&A", center: "", right: "Page &P of &N" } };
    expect(officerPrintSetup({ ...NO_PRINT_SETUP, ...ours }, p.headerRow)).toEqual([]);
    expect(own({ ...ours, margins: NARROW_MARGINS }).schools?.margins).toEqual(NARROW_MARGINS);
    expect(own({ margins: { ...NARROW_MARGINS, left: 1 } }).schools?.margins).toBeNull();
    // ExcelJS's default (portrait, 100%, fit attributes without fitToPage) is nobody's choice.
    expect(own({ margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } }).schools?.margins).toEqual(NARROW_MARGINS);
  });

  it("gives rows the height of their longest wrapped text, one line left at the default", async () => {
    const p = await plan(1);
    const reasons = p.headers.indexOf("Reasons");
    const values = [[...p.values[0]], [...p.values[0]]];
    values[0][reasons] = "short";
    values[1][reasons] = ["x".repeat(p.columnWidths[reasons] * 2), "second paragraph"].join("\n");
    const wrap = [p.firstColumn + reasons];
    expect(wrappedRowHeights({ ...p, values: [values[0].map((v, j) => (j === reasons ? v : null))] }, wrap)).toEqual([]);
    expect(wrappedRowHeights({ ...p, values }, wrap)).toEqual([{ row: p.headerRow + 2, height: 45 }]);
  });
});

describe("summaryBreaks", () => {
  const summary = (rows: (string | number | null)[][], extra: Partial<OutputPlan["summary"]> = {}): OutputPlan["summary"] => ({ name: "S", rows, columnWidths: [36, 14], ...extra });
  const table = (n: number) => [["Header", "n"], ...Array.from({ length: n - 1 }, (_, i) => [`row ${i}`, i])];

  it("starts a table on a new page when it would run over the page's end, and never otherwise", () => {
    const rows = [...table(20), [], ...table(15), [], ...table(5)];
    // 20 rows, a blank, then 15 more would end at row 36: the second table starts page 2 (row 22).
    expect(summaryBreaks(summary(rows), false)).toEqual([22]);
    expect(summaryBreaks(summary([...table(10), [], ...table(10)]), false)).toEqual([]);
  });

  it("keeps a chart with its table, when the host draws charts", () => {
    const rows = [...table(10), [], ...table(5)];
    const chart = { id: "c", title: "t", kind: "stacked" as const, range: { row: 11, column: 0, rows: 5, columns: 2 }, place: { row: 11, column: 3, rows: ROWS_PER_PAGE - 5, columns: 5 }, series: [] };
    expect(summaryBreaks(summary(rows, { charts: [chart] }), false)).toEqual([]);
    expect(summaryBreaks(summary(rows, { charts: [chart] }), true)).toEqual([12]);
  });

  it("counts more rows to a page when a wide sheet prints smaller", () => {
    const rows = [...table(20), [], ...table(15)];
    const wide = [[`${"x".repeat(330)}`], ...rows];
    expect(summaryBreaks(summary(rows), false)).toEqual([22]);
    expect(summaryBreaks(summary(wide), false)).toEqual([]);
  });
});
