// workbook.xml when sheets come and go: the tab list, local defined names, references to a removed
// sheet, the active tab; and the worksheet names in docProps/app.xml.
import { withWorksheetNames } from "../../hosts/xlsx-package/app-properties";
import { breakReferencesTo } from "../../hosts/xlsx-package/sheet-references";
import { WorkbookXml } from "../../hosts/xlsx-package/workbook-xml";
import { PackageError } from "../../hosts/xlsx-package";

const WORKBOOK =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<workbookPr date1904="1"/><bookViews><workbookView activeTab="2" firstSheet="1"/></bookViews>' +
  '<sheets><sheet name="A" sheetId="1" rel:id="rId1"/><sheet name="B b" sheetId="2" rel:id="rId2"/><sheet name="C" sheetId="3" state="hidden" rel:id="rId3"/><sheet name="D" sheetId="4" rel:id="rId4"/></sheets>' +
  "<definedNames>" +
  '<definedName name="_xlnm.Print_Area" localSheetId="1">\'B b\'!$A$1:$C$3</definedName>' +
  '<definedName name="_xlnm._FilterDatabase" localSheetId="3" hidden="1">D!$A$1:$B$9</definedName>' +
  "<definedName name=\"Both\">SUM('B b'!A1,D!A1,\"B b!x\")</definedName>" +
  "</definedNames><calcPr calcId=\"191029\"/></workbook>";

describe("WorkbookXml", () => {
  test("reads sheets, states, relationship ids under any prefix, and the date system", () => {
    const wb = new WorkbookXml(WORKBOOK, "xl/workbook.xml");
    expect(wb.sheets.map((s) => [s.name, s.sheetId, s.relId, s.state])).toEqual([
      ["A", 1, "rId1", "visible"],
      ["B b", 2, "rId2", "visible"],
      ["C", 3, "rId3", "hidden"],
      ["D", 4, "rId4", "visible"],
    ]);
    expect(wb.date1904).toBe(true);
  });

  test("removing a sheet drops its local names, renumbers the others, breaks references and moves the active tab", () => {
    const wb = new WorkbookXml(WORKBOOK, "xl/workbook.xml");
    wb.setSheets([{ original: 0 }, { original: 2 }, { original: 3 }, { added: { name: "New", sheetId: 5, relId: "rId9", state: "veryHidden" } }], new Set(["b b"]));
    const out = wb.toXml();
    expect(out).toContain('<sheets><sheet name="A" sheetId="1" rel:id="rId1"/><sheet name="C" sheetId="3" state="hidden" rel:id="rId3"/><sheet name="D" sheetId="4" rel:id="rId4"/><sheet name="New" sheetId="5" state="veryHidden" rel:id="rId9"/></sheets>');
    expect(out).toContain('<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">D!$A$1:$B$9</definedName><definedName name="Both">SUM(#REF!A1,D!A1,"B b!x")</definedName></definedNames>');
    // The active tab was C (hidden after all): it moves to the first visible sheet.
    expect(out).toContain('<workbookView activeTab="0" firstSheet="0"/>');
    expect(out).toContain('<calcPr calcId="191029"/></workbook>');
  });

  test("recalculation on open is asked for on calcPr, or in a calcPr of its own", () => {
    const wb = new WorkbookXml(WORKBOOK, "xl/workbook.xml");
    wb.recalculateOnOpen();
    expect(wb.toXml()).toBe(WORKBOOK.replace('<calcPr calcId="191029"/>', '<calcPr calcId="191029" fullCalcOnLoad="1"/>'));
    const bare = new WorkbookXml(WORKBOOK.replace('<calcPr calcId="191029"/>', ""), "xl/workbook.xml");
    bare.recalculateOnOpen();
    expect(bare.toXml()).toContain('</definedNames><calcPr fullCalcOnLoad="1"/></workbook>');
  });

  test("a strict Open XML workbook is refused in plain words", () => {
    expect(() => new WorkbookXml('<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>', "xl/workbook.xml")).toThrow(PackageError);
    expect(() => new WorkbookXml('<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>', "xl/workbook.xml")).toThrow(/Strict Open XML/);
  });
});

describe("breakReferencesTo", () => {
  const removed = new Set(["data", "old summary", "jan"]);
  test.each([
    ["Data!$A$1", "#REF!$A$1"],
    ["'Old summary'!$A$1:$B$2", "#REF!$A$1:$B$2"],
    ["SUM(Jan:Mar!B2)", "SUM(#REF!B2)"],
    ["Other!A1+DATA!B1", "Other!A1+#REF!B1"],
    ['"Data!A1"&Data2!A1', '"Data!A1"&Data2!A1'],
    ["[1]Data!A1", "[1]Data!A1"],
    ["'It''s'!A1", "'It''s'!A1"],
  ])("%s -> %s", (formula, expected) => expect(breakReferencesTo(formula, removed)).toBe(expected));
});

describe("withWorksheetNames", () => {
  const APP =
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><HeadingPairs><vt:vector size="4" baseType="variant">' +
    "<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>" +
    '<TitlesOfParts><vt:vector size="3" baseType="lpstr"><vt:lpstr>A</vt:lpstr><vt:lpstr>B</vt:lpstr><vt:lpstr>A!Print_Area</vt:lpstr></vt:vector></TitlesOfParts></Properties>';

  test("replaces the worksheet group and its count, leaving the other groups", () => {
    const out = withWorksheetNames(APP, "docProps/app.xml", ["A", "B"], ["A", "B", "R & D"]);
    expect(out).toContain("<vt:i4>3</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>");
    expect(out).toContain('<vt:vector size="4" baseType="lpstr"><vt:lpstr>A</vt:lpstr><vt:lpstr>B</vt:lpstr><vt:lpstr>R &amp; D</vt:lpstr><vt:lpstr>A!Print_Area</vt:lpstr></vt:vector>');
  });

  test("leaves app.xml alone when its list is not the workbook's", () => {
    expect(withWorksheetNames(APP, "docProps/app.xml", ["A", "X"], ["A"])).toBeUndefined();
  });
});
