// Page setup in the package writer: the sheet patcher writes sheetPr's fit, pageMargins, pageSetup,
// headerFooter and rowBreaks where CT_Worksheet puts them, keeping what the sheet's own have;
// patchWorkbook adds the print titles to workbook.xml; readPrintSetup reads a sheet's own back;
// a wrapped style merges into a cell's alignment.
import { strFromU8, unzipSync } from "fflate";
import { patchSheetXml, type SheetChanges } from "../../hosts/xlsx-package/sheet-patch";
import { EMPTY_STYLES, StyleSheet } from "../../hosts/xlsx-package/style-sheet";
import { worksheetRank, parseHeaderFooter, headerFooterCodes, pageSetupAttributes } from "../../hosts/xlsx-package/page-setup-xml";
import { patchWorkbook, readPrintSetup, PackageError, type PageSetupPatch } from "../../hosts/xlsx-package";
import { parseXmlTree } from "../../hosts/xlsx-package/xml-tree";
import { buildCorpus, SCHOOLS, sheetPartOf } from "./corpus";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const sheet = (inner: string, p = "") => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${p ? NS.replace("xmlns=", `xmlns:${p.slice(0, -1)}=`) : NS}>${inner}</${p}worksheet>`;
const SETUP: PageSetupPatch = {
  orientation: "landscape",
  fitTo: { width: 1, height: 0 },
  margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  footer: { left: "&A", right: "Page &P of &N" },
  rowBreaks: [30, 12],
};

function patch(xml: string, changes: Partial<SheetChanges>) {
  return patchSheetXml(xml, "xl/worksheets/sheet1.xml", { cells: [], ...changes }, { styles: new StyleSheet(EMPTY_STYLES, "xl/styles.xml"), date1904: false, sheet: "Test" }).xml;
}

/** The worksheet's children, local names in document order. */
const children = (xml: string) => parseXmlTree(xml.replace(/^<\?xml[^>]*>\s*/, ""), "sheet").children.map((c) => c.local);

/** The elements up to `last` in CT_Worksheet's order (a sheet's own order after them is its own business). */
function expectSchemaOrder(xml: string, last = "extLst") {
  const ranks = children(xml).map(worksheetRank).filter((r) => r >= 0 && r <= worksheetRank(last));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

describe("the sheet patcher's page setup", () => {
  test("goes where the schema puts each element, on a sheet with none", () => {
    const xml = patch(sheet('<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData/><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><drawing r:id="rId1"/><tableParts count="0"/>'), { pageSetup: SETUP });
    expect(children(xml)).toEqual(["sheetPr", "dimension", "sheetViews", "sheetData", "mergeCells", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "drawing", "tableParts"]);
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain("<headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>");
    // A break's id is the row above it; in order, each once.
    expect(xml).toContain('<rowBreaks count="2" manualBreakCount="2"><brk id="11" max="16383" man="1"/><brk id="29" max="16383" man="1"/></rowBreaks>');
  });

  test("replaces the sheet's own elements in place, keeping <pageSetup>'s other attributes and sheetPr's children", () => {
    const own =
      '<sheetPr codeName="Sheet1"><tabColor rgb="FFFF0000"/><pageSetUpPr autoPageBreaks="0"/></sheetPr><dimension ref="A1"/><sheetData/>' +
      '<dataValidations count="1"><dataValidation type="whole" sqref="A1"/></dataValidations><hyperlinks><hyperlink ref="A1" r:id="rId2"/></hyperlinks>' +
      '<printOptions gridLines="1"/><pageMargins left="1" right="1" top="1" bottom="1" header="0.5" footer="0.5"/>' +
      '<pageSetup paperSize="9" orientation="portrait" r:id="rId3"/><headerFooter><oddHeader>Old</oddHeader></headerFooter><colBreaks count="1" manualBreakCount="1"><brk id="3" max="1048575" man="1"/></colBreaks><extLst><ext uri="x"/></extLst>';
    const xml = patch(sheet(own), { pageSetup: SETUP });
    expectSchemaOrder(xml);
    expect(children(xml)).toEqual(["sheetPr", "dimension", "sheetData", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "extLst"]);
    expect(xml).toContain('<sheetPr codeName="Sheet1"><tabColor rgb="FFFF0000"/><pageSetUpPr autoPageBreaks="0" fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageSetup paperSize="9" orientation="landscape" r:id="rId3" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain('<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    expect(xml).not.toContain("Old");
    expect(xml).toContain('<printOptions gridLines="1"/>');
  });

  test("works with a prefixed namespace, a self-closing sheetPr, and with new list dropdowns in the same patch", () => {
    const xml = patch(sheet('<x:sheetPr codeName="S"/><x:dimension ref="A1"/><x:sheetData/><x:tableParts count="0"/>', "x:"), {
      pageSetup: { orientation: "landscape", fitTo: { width: 1, height: 0 } },
      validations: [{ area: { top: 2, left: 1, bottom: 9, right: 1 }, list: "a,b", inline: true, title: "T", prompt: "p", error: "e" }],
    });
    expect(children(xml)).toEqual(["sheetPr", "dimension", "sheetData", "dataValidations", "pageSetup", "tableParts"]);
    expect(xml).toContain('<x:sheetPr codeName="S"><x:pageSetUpPr fitToPage="1"/></x:sheetPr>');
    expect(xml).toContain('<x:pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  });

  test("raises automatic row heights, never lowers one or touches a height the officer set", () => {
    const xml = patch(sheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2" ht="90"><c r="A2"><v>1</v></c></row><row r="3" spans="1:1" ht="40" customHeight="1"><c r="A3"><v>1</v></c></row><row r="4" ht="20" spans="1:1"><c r="A4"><v>1</v></c></row></sheetData>'), {
      cells: [1, 2, 3, 4].map((row) => ({ row, column: 2, value: "x" })),
      rowHeights: new Map([[1, 45], [2, 45], [3, 45], [4, 45]]),
    });
    expect(xml).toContain('<row ht="45" r="1">');
    expect(xml).toContain('<row r="2" ht="90">');
    expect(xml).toContain('<row r="3" spans="1:2" ht="40" customHeight="1">');
    expect(xml).toContain('<row r="4" ht="45" spans="1:2">');
  });
});

describe("page setup in the package", () => {
  test("the print titles go into workbook.xml for the sheet's index; readPrintSetup reads it all back", async () => {
    const input = await buildCorpus();
    const out = patchWorkbook(input, {
      sheets: [{ sheet: SCHOOLS, cells: [], pageSetup: { ...SETUP, titleRows: { first: 1, last: 1 } } }],
      addSheets: [{ name: "Summary", rows: [["a"]], pageSetup: { orientation: "landscape", rowBreaks: [5] } }],
    });
    const files = unzipSync(out);
    const workbook = strFromU8(files["xl/workbook.xml"]);
    const index = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).indexOf(SCHOOLS);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${SCHOOLS}'!$1:$1</definedName>`);
    expect(workbook.indexOf("<definedNames")).toBeLessThan(workbook.indexOf("<calcPr") < 0 ? Infinity : workbook.indexOf("<calcPr"));
    // (The corpus has tableParts before legacyDrawing, as ExcelJS writes it.)
    expectSchemaOrder(strFromU8(files[sheetPartOf(files, SCHOOLS)]), "drawing");
    expect(strFromU8(files[sheetPartOf(files, SCHOOLS)])).toMatch(/<\/dataValidations><pageMargins [^>]*\/><pageSetup [^>]*\/><headerFooter>.*<\/headerFooter><rowBreaks .*<\/rowBreaks><drawing /);
    expect(readPrintSetup(out, SCHOOLS)).toEqual({
      orientation: "landscape", scale: 100, fitTo: { width: 1, height: 0 }, titleRows: { first: 1, last: 1 }, titleColumns: false, printArea: false,
      pageBreaks: true, header: null, footer: { left: "&A", center: "", right: "Page &P of &N" }, margins: SETUP.margins,
    });
    expect(readPrintSetup(out, "Summary")).toMatchObject({ orientation: "landscape", fitTo: null, pageBreaks: true });
    // A second patch replaces the title, never adds another.
    const again = patchWorkbook(out, { sheets: [{ sheet: SCHOOLS, cells: [], pageSetup: { titleRows: { first: 2, last: 3 } } }] });
    const names = strFromU8(unzipSync(again)["xl/workbook.xml"]);
    expect(names.match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(names).toContain(`'${SCHOOLS}'!$2:$3`);
  });

  test("a page setup that cannot be written is refused in words", async () => {
    const input = await buildCorpus();
    expect(() => patchWorkbook(input, { sheets: [{ sheet: SCHOOLS, cells: [], pageSetup: { fitTo: { width: -1, height: 0 } } }] })).toThrow(PackageError);
    expect(() => patchWorkbook(input, { sheets: [{ sheet: SCHOOLS, cells: [], pageSetup: { titleRows: { first: 3, last: 1 } } }] })).toThrow(/rows to repeat on each page are upside down/);
    expect(() => patchWorkbook(input, { sheets: [{ sheet: SCHOOLS, cells: [], rowHeights: [{ row: 2, height: 500 }] }] })).toThrow(/height 500 is not between 0 and 409 points/);
  });
});

describe("header and footer codes", () => {
  test("read and written both ways", () => {
    expect(headerFooterCodes({ left: "&A", right: "Page &P of &N" })).toBe("&L&A&RPage &P of &N");
    expect(parseHeaderFooter("&L&A&RPage &P of &N")).toEqual({ left: "&A", center: "", right: "Page &P of &N" });
    expect(parseHeaderFooter("Committee && board")).toEqual({ left: "", center: "Committee && board", right: "" });
    expect(parseHeaderFooter("")).toBeNull();
  });
});

describe("a wrapped style", () => {
  test("sets wrapText on the cell's own alignment, keeping its other settings, or adds one", () => {
    const styles = new StyleSheet(
      EMPTY_STYLES.replace('<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center"/></xf>'),
      "xl/styles.xml",
    );
    const plain = styles.patched(0, { wrap: true });
    const centred = styles.patched(1, { wrap: true, fill: "#FFC7CE" });
    expect(styles.patched(plain, { wrap: true })).toBe(plain);
    const xml = styles.toXml();
    const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(xml)![1];
    const items = xfs.match(/<xf [^>]*?(\/>|>.*?<\/xf>)/g)!;
    expect(items[plain]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1"/></xf>');
    expect(items[centred]).toContain('<alignment horizontal="center" wrapText="1"/>');
  });
});

describe("paper", () => {
  const A4_LANDSCAPE: PageSetupPatch = { orientation: "landscape", paper: "A4" };
  it("A4 when the sheet names no paper; an officer's own paper size or custom paper is kept", () => {
    expect(pageSetupAttributes({}, A4_LANDSCAPE)).toEqual({ orientation: "landscape", paperSize: "9" });
    expect(pageSetupAttributes({ paperSize: "8" }, A4_LANDSCAPE)).toEqual({ paperSize: "8", orientation: "landscape" });
    expect(pageSetupAttributes({ paperHeight: "297mm", paperWidth: "420mm" }, A4_LANDSCAPE)).toEqual({ paperHeight: "297mm", paperWidth: "420mm", orientation: "landscape" });
  });
});
