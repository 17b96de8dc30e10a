// End to end on the test workbooks: a run's edits leave every part they do not need byte-identical
// (charts, pivots, external links, customXml, the sensitivity label, the VBA project, the other
// sheets and the edited sheet's own extLst), and ExcelJS reads back what was written.
import ExcelJS from "exceljs";
import { packageInfo, patchWorkbook, type CellEdit, type PackageEdits } from "../../hosts/xlsx-package";
import { buildCorpus, LABEL_ID, OFFICER, OLD, SCHOOLS, VBA_PROJECT, type CorpusOptions } from "./corpus";
import { packageDiff, partsOf, textOf } from "./parts";

const RESULTS = ["Category", "Due", "Flag", "Score", "Reasons", "Note", "Checked"];
const FIRST = 12; // column L, right of the table, the merged note and the sparklines
const DUE = (r: number) => new Date(Date.UTC(2025, 5, r));

function runEdits(): PackageEdits {
  const cells: CellEdit[] = RESULTS.map((h, i) => ({ row: 1, column: FIRST + i, value: h, style: { bold: true, fill: "#DDEBF7" } }));
  for (let r = 2; r <= 11; r++) {
    cells.push(
      { row: r, column: FIRST, value: r % 2 ? "Red" : "Green", style: { fill: r % 2 ? "#FFC7CE" : "#C6EFCE" } },
      { row: r, column: FIRST + 1, value: DUE(r) },
      { row: r, column: FIRST + 2, value: r % 3 === 0 },
      { row: r, column: FIRST + 3, value: r * 1.5 },
      { row: r, column: FIRST + 4, value: r === 2 ? "=HYPERLINK(\"x\")  & <b>  " : `Absence ${r}% > 10%` },
      { row: r, column: FIRST + 5, value: null },
      { row: r, column: FIRST + 6, value: "✓ 😀" },
    );
  }
  cells.push({ row: OFFICER.solid.row, column: OFFICER.solid.column, style: { fill: "#FFC7CE" } });
  cells.push({ row: 14, column: 1, value: "Run on", style: { bold: true } }, { row: 14, column: 2, value: DUE(1), style: { numFmt: "d mmmm yyyy" } });
  return {
    sheets: [{ sheet: SCHOOLS, cells, columnWidths: [{ column: FIRST, width: 12 }, { column: FIRST + 4, width: 50 }, { column: 2, width: 30 }] }],
    addSheets: [
      { name: "_categorisation", rows: [["results", "L1:R11"], ["B3", "#FFFF00"]], state: "veryHidden" },
      { name: "Summary", rows: [["Category", "Schools"], ["Red", 5], ["Green", 5]], cellStyles: [{ row: 1, column: 1, style: { bold: true } }], columnWidths: [{ column: 1, width: 20 }] },
    ],
  };
}

const SHEET = "xl/worksheets/sheet1.xml";
const EXPECTED_CHANGES = [SHEET, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "docProps/app.xml"].sort();
const KEPT = [
  "xl/charts/chart1.xml",
  "xl/drawings/drawing9.xml",
  "xl/drawings/drawing1.xml",
  "xl/pivotCache/pivotCacheDefinition1.xml",
  "xl/pivotCache/pivotCacheRecords1.xml",
  "xl/pivotTables/pivotTable1.xml",
  "xl/externalLinks/externalLink1.xml",
  "xl/externalLinks/_rels/externalLink1.xml.rels",
  "customXml/item1.xml",
  "customXml/itemProps1.xml",
  "docProps/custom.xml",
  "xl/sharedStrings.xml",
  "xl/tables/table1.xml",
  "xl/comments1.xml",
  "xl/worksheets/sheet2.xml",
  "xl/worksheets/sheet3.xml",
  "xl/worksheets/sheet4.xml",
  "xl/worksheets/_rels/sheet1.xml.rels",
];

describe.each<[string, CorpusOptions]>([
  ["xlsx", {}],
  ["1904-date", { date1904: true }],
  ["xlsm", { macro: true }],
])("a run written into the %s workbook", (_label, opts) => {
  let input: Uint8Array;
  let output: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    input = await buildCorpus(opts);
    output = patchWorkbook(input, runEdits());
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
  });

  test("changes only the parts it must; every other part is byte-identical", () => {
    const diff = packageDiff(input, output);
    expect(diff.changed).toEqual(EXPECTED_CHANGES);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual(["xl/worksheets/sheet5.xml", "xl/worksheets/sheet6.xml"]);
    expect(diff.unchanged).toEqual(expect.arrayContaining(opts.macro ? [...KEPT, "xl/vbaProject.bin"] : KEPT));
    expect(textOf(output, "docProps/custom.xml")).toContain(`MSIP_Label_${LABEL_ID}_Name"><vt:lpwstr>OFFICIAL-SENSITIVE`);
  });

  test("keeps everything in the edited sheet after its cells: merges, formats, validations, drawing, table, extLst", () => {
    const before = textOf(input, SHEET);
    const after = textOf(output, SHEET);
    const tail = (x: string) => x.slice(x.indexOf("</sheetData>"));
    expect(tail(after)).toBe(tail(before));
    expect(tail(after)).toContain("<x14:sparklineGroups");
    expect(tail(after)).toContain("<x14:dataValidations");
    // Existing cells are copied as they were: row 5 gains cells at the end, nothing else.
    const row5 = (x: string) => /<row r="5"[^>]*>(.*?)<\/row>/.exec(x)![1];
    expect(row5(after).startsWith(row5(before))).toBe(true);
  });

  test("ExcelJS reads back the values, dates, fills, fonts and widths", () => {
    const ws = wb.getWorksheet(SCHOOLS)!;
    expect(RESULTS.map((_, i) => ws.getCell(1, FIRST + i).value)).toEqual(RESULTS);
    expect(ws.getCell(1, FIRST).font?.bold).toBe(true);
    expect(ws.getCell(3, FIRST).value).toBe("Red");
    expect((ws.getCell(3, FIRST).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(ws.getCell(4, FIRST + 1).value).toEqual(DUE(4));
    expect(ws.getCell(4, FIRST + 1).numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell(6, FIRST + 2).value).toBe(true);
    expect(ws.getCell(5, FIRST + 2).value).toBe(false);
    expect(ws.getCell(5, FIRST + 3).value).toBe(7.5);
    expect(ws.getCell(2, FIRST + 4).value).toBe("=HYPERLINK(\"x\")  & <b>  ");
    expect(ws.getCell(2, FIRST + 4).formula).toBeUndefined();
    expect(ws.getCell(2, FIRST + 5).value).toBeNull();
    expect(ws.getCell(2, FIRST + 6).value).toBe("✓ 😀");
    expect(ws.getCell(14, 2).value).toEqual(DUE(1));
    expect(ws.getCell(14, 2).numFmt).toBe("d mmmm yyyy");
    // The officer's cell: new fill, own bold red font kept.
    const officer = ws.getCell(OFFICER.solid.row, OFFICER.solid.column);
    expect((officer.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(officer.font).toMatchObject({ bold: true, color: { argb: "FFC00000" } });
    expect(officer.value).toBe("Brook Academy");
    // Untouched officer data and formats.
    expect(ws.getCell(2, 5).value).toEqual(new Date(Date.UTC(1998, 8, 1)));
    expect(ws.getCell(2, 4).numFmt).toBe("#,##0");
    expect(ws.getColumn(FIRST).width).toBe(12);
    expect(ws.getColumn(FIRST + 4).width).toBe(50);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(5).width).toBe(12);
    expect(ws.getCell("A2").note).toBeDefined();
  });

  test("adds the new sheets, the hidden one very hidden", () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [SCHOOLS, "visible"],
      ["Lists", "visible"],
      ["Pivot", "visible"],
      [OLD, "visible"],
      ["_categorisation", "veryHidden"],
      ["Summary", "visible"],
    ]);
    expect(wb.getWorksheet("_categorisation")!.getCell("B2").value).toBe("#FFFF00");
    const summary = wb.getWorksheet("Summary")!;
    expect(summary.getCell("B2").value).toBe(5);
    expect(summary.getCell("A1").font?.bold).toBe(true);
    expect(summary.getColumn(1).width).toBe(20);
    expect(textOf(output, "docProps/app.xml")).toContain("<vt:lpstr>_categorisation</vt:lpstr><vt:lpstr>Summary</vt:lpstr>");
  });

  test("keeps the date system and the macro-enabled content type", () => {
    const info = packageInfo(output);
    expect(info.date1904).toBe(!!opts.date1904);
    expect(info.macroEnabled).toBe(!!opts.macro);
    const types = textOf(output, "[Content_Types].xml");
    expect(types.includes("application/vnd.ms-excel.sheet.macroEnabled.main+xml")).toBe(!!opts.macro);
    if (opts.macro) expect(partsOf(output)["xl/vbaProject.bin"]).toEqual(VBA_PROJECT);
    // 1 June 2025 is serial 45809 in the 1900 system and 44347 in the 1904 system.
    expect(textOf(output, SHEET)).toContain(`<c r="B14" s="`);
    expect(textOf(output, SHEET)).toMatch(new RegExp(`<c r="B14" s="\\d+"><v>${opts.date1904 ? 44347 : 45809}</v></c>`));
  });
});

describe("removing and replacing sheets", () => {
  let input: Uint8Array;
  beforeAll(async () => {
    input = await buildCorpus();
  });

  test("removing a sheet removes the parts only it used, and breaks names that pointed at it", () => {
    const output = patchWorkbook(input, { removeSheets: [OLD] });
    const diff = packageDiff(input, output);
    expect(diff.removed).toEqual(["xl/comments4.xml", "xl/drawings/_rels/drawing2.xml.rels", "xl/drawings/drawing2.xml", "xl/drawings/vmlDrawing4.vml", "xl/worksheets/_rels/sheet4.xml.rels", "xl/worksheets/sheet4.xml"]);
    expect(diff.changed).toEqual(["[Content_Types].xml", "docProps/app.xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"]);
    expect(diff.unchanged).toContain("xl/media/image1.png"); // still used by the Schools sheet's drawing
    const workbook = textOf(output, "xl/workbook.xml");
    expect(workbook).toContain('<definedName name="OldTitle">#REF!$A$1</definedName>');
    expect(workbook).not.toContain("localSheetId");
    const types = textOf(output, "[Content_Types].xml");
    expect(types).not.toContain("sheet4.xml");
    expect(types).not.toContain("comments4.xml");
    expect(types).not.toContain("drawing2.xml");
  });

  test("a sheet replaced by a new one of the same name keeps its place, and names that pointed at it", async () => {
    const output = patchWorkbook(input, { removeSheets: [OLD], addSheets: [{ name: OLD, rows: [["This year's summary"]] }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SCHOOLS, "Lists", "Pivot", OLD]);
    expect(wb.getWorksheet(OLD)!.getCell("A1").value).toBe("This year's summary");
    const workbook = textOf(output, "xl/workbook.xml");
    expect(workbook).toContain("<definedName name=\"OldTitle\">&apos;Old summary&apos;!$A$1</definedName>");
    expect(workbook).not.toContain("_xlnm.Print_Area"); // it belonged to the old sheet
  });
});
