// The print layout through the Office host, in the fake Excel: the Staffordshire example run as the
// pane does it sets the schools sheet's and the summary's page layout (landscape, one page wide,
// the header row repeated, a footer, page breaks between the summary's tables), wraps the long
// results, formats the summary's percentages; all in the requests the
// run makes anyway. An officer's own page layout is left whole, with a note.
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { FakeExcel, defaultPageLayout } from "./addin/fake-excel";
import { fakeExcelFrom } from "./addin/fake-from-workbook";
import { readWorkbook, writeResults } from "../hosts/office";
import { buildOutputPlan, categorise, parseRuleset, printLayout, NO_PRINT_SETUP, SUMMARY_SHEET, type Ruleset } from "../engine";
import { STAFFS_BOOK } from "./helpers/cli";

const ruleset: Ruleset = parseRuleset(readFileSync("rules/staffordshire.json", "utf8"), "staffordshire.json");
const AS_OF = "2026-01-15";

async function staffordshire(): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(STAFFS_BOOK);
  return fakeExcelFrom(wb);
}

/** One run as the pane does it; the syncs the write took. */
async function run(xl: FakeExcel) {
  const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, (ruleset.history ?? []).flatMap((h) => h.sheet));
  const plan = buildOutputPlan(await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF, store: read.store }), ruleset);
  const before = xl.syncCount;
  const report = await writeResults(xl.context, plan, read);
  return { plan, report, syncs: xl.syncCount - before };
}

describe("the Office host prints as the engine says", () => {
  it("sets both sheets' page layout, wraps the long results, formats percentages", async () => {
    const xl = await staffordshire();
    const { plan, report } = await run(xl);
    const schools = xl.sheet("Schools");
    expect(schools.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      titleRows: `$${plan.headerRow}:$${plan.headerRow}`,
      leftMargin: 18, rightMargin: 18, topMargin: 54, bottomMargin: 54,
      headersFooters: { leftFooter: "&A", centerFooter: "", rightFooter: "Page &P of &N" },
    });
    expect(report.warnings.join(" ")).not.toContain("page setup");

    const expected = printLayout(plan, NO_PRINT_SETUP, true);
    for (const column of expected.wrapColumns) {
      for (let i = 0; i < plan.values.length; i++) expect(schools.cell(plan.headerRow + i, column - 1).wrap).toBe(true);
    }
    // Officer columns are never wrapped (Excel grows the rows itself, as for Wrap Text by hand).
    expect(schools.cell(plan.headerRow, 0).wrap).toBeUndefined();

    const summary = xl.sheet(SUMMARY_SHEET);
    expect(summary.pageLayout).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, titleRows: null });
    expect(summary.rowBreaks).toEqual(expected.summary.rowBreaks.map((r) => `A${r}`));
    expect(summary.rowBreaks.length).toBeGreaterThan(0);
    const pctRow = plan.summary.rows.findIndex((r) => r[0] === "Total");
    expect(summary.cell(pctRow, 3).format).toBe('0.0"%"');
    const bandRow = plan.summary.rows.findIndex((r) => r[0] === "D");
    expect(summary.cell(bandRow, 0).fill.color).toBe("#FFC7CE");
  });

  it("a re-run costs the same requests and leaves one set of page breaks on the summary", async () => {
    const xl = await staffordshire();
    await run(xl);
    const breaks = [...xl.sheet(SUMMARY_SHEET).rowBreaks];
    // (The first run also reads the officer cells' fills before it first colours them.)
    const first = await run(xl);
    const second = await run(xl);
    expect(second.syncs).toBe(first.syncs);
    expect(xl.sheet(SUMMARY_SHEET).rowBreaks).toEqual(breaks);
    // Our own layout from the first run is not mistaken for the officer's.
    expect(second.report.warnings.join(" ")).not.toContain("keeps its own page setup");
  });

  it("leaves an officer's own page layout whole, and says so", async () => {
    const xl = await staffordshire();
    const schools = xl.sheet("Schools");
    schools.pageLayout = { ...defaultPageLayout(), printArea: "$A$1:$J$401", headersFooters: { ...defaultPageLayout().headersFooters, centerFooter: "Committee copy" } };
    const before = structuredClone(schools.pageLayout);
    const { report } = await run(xl);
    expect(schools.pageLayout).toEqual(before);
    expect(report.warnings).toContain("'Schools' keeps its own page setup (a print area, a header or footer), so it prints as the officer set it.");
    // The summary is the add-in's own: it prints as the engine says.
    expect(xl.sheet(SUMMARY_SHEET).pageLayout.orientation).toBe("Landscape");
  });
});
