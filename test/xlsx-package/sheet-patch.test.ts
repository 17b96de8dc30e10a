// The streaming sheet patcher on hand-written sheet XML.
import { strFromU8, strToU8 } from "fflate";
import { patchSheet, patchSheetXml, mergeCellEdits, type SheetChanges } from "../../hosts/xlsx-package/sheet-patch";
import { EMPTY_STYLES, StyleSheet } from "../../hosts/xlsx-package/style-sheet";
import { PackageError } from "../../hosts/xlsx-package";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (inner: string, ns = NS, p = "") => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}>${inner}</${p}worksheet>`;

function patch(xml: string, changes: Partial<SheetChanges>, opts: { date1904?: boolean; styles?: StyleSheet } = {}) {
  const styles = opts.styles ?? new StyleSheet(EMPTY_STYLES, "xl/styles.xml");
  const result = patchSheetXml(xml, "xl/worksheets/sheet1.xml", { cells: [], ...changes }, { styles, date1904: !!opts.date1904, sheet: "Test" });
  return { ...result, styles, data: /<sheetData>(.*)<\/sheetData>|<sheetData\/>/.exec(result.xml)?.[1] ?? "" };
}

describe("patchSheetXml", () => {
  test("puts new cells in column order inside existing rows, and new rows in row order", () => {
    const xml = sheet('<dimension ref="A2:C4"/><sheetData><row r="2" spans="1:3" ht="20" customHeight="1"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row><row r="4"><c r="B4" t="s"><v>0</v></c></row></sheetData>');
    const { data, xml: out } = patch(xml, {
      cells: [
        { row: 2, column: 2, value: 2 },
        { row: 2, column: 5, value: "e" },
        { row: 1, column: 1, value: "top" },
        { row: 3, column: 1, value: true },
        { row: 6, column: 2, value: false },
        { row: 4, column: 1, value: 0.25 },
      ],
    });
    expect(data).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">top</t></is></c></row>' +
        '<row r="2" spans="1:5" ht="20" customHeight="1"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>3</v></c><c r="E2" t="inlineStr"><is><t xml:space="preserve">e</t></is></c></row>' +
        '<row r="3"><c r="A3" t="b"><v>1</v></c></row>' +
        '<row r="4"><c r="A4"><v>0.25</v></c><c r="B4" t="s"><v>0</v></c></row>' +
        '<row r="6"><c r="B6" t="b"><v>0</v></c></row>',
    );
    expect(out).toContain('<dimension ref="A1:E6"/>');
  });

  test("replaces a value, keeps a value when only the style changes, and empties with null", () => {
    const styles = new StyleSheet(EMPTY_STYLES, "xl/styles.xml");
    const bold = styles.patched(0, { bold: true });
    const xml = sheet(`<sheetData><row r="1"><c r="A1" s="${bold}" t="s"><v>4</v></c><c r="B1" s="${bold}"><v>9</v></c><c r="C1"><v>7</v></c></row></sheetData>`);
    const { data } = patch(xml, { cells: [{ row: 1, column: 1, value: "new" }, { row: 1, column: 2, value: null }, { row: 1, column: 3, style: { fill: "#FF0000" } }] }, { styles });
    const red = styles.patched(0, { fill: "#FF0000" });
    expect(data).toBe(`<row r="1"><c r="A1" s="${bold}" t="inlineStr"><is><t xml:space="preserve">new</t></is></c><c r="B1" s="${bold}"/><c r="C1" s="${red}"><v>7</v></c></row>`);
  });

  test("clear and clearArea remove value and style; a style given with clear starts from a bare cell", () => {
    const xml = sheet('<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>2</v></c><c r="C1" s="1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c></row></sheetData>');
    const styles = new StyleSheet(EMPTY_STYLES.replace('<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="1" borderId="0" xfId="0"/>'), "s");
    const cells = [{ row: 1, column: 1, clear: true }, { row: 1, column: 3, value: "x" }, { row: 2, column: 1, clear: true, style: { bold: true } }];
    const { data } = patch(xml, { clearArea: { top: 1, left: 2, bottom: 2, right: 3 }, cells }, { styles });
    const bold = styles.patched(0, { bold: true });
    expect(bold).toBe(2);
    expect(data).toBe(`<row r="1"><c r="C1" t="inlineStr"><is><t xml:space="preserve">x</t></is></c></row><row r="2"><c r="A2" s="${bold}"/></row>`);
  });

  test("writes text as text: escaped, formulas never, control characters as _xHHHH_", () => {
    const { data } = patch(sheet("<sheetData/>"), { cells: [{ row: 1, column: 1, value: '=SUM(A1) & <b> "q"' }, { row: 1, column: 2, value: "bell\u0007 _x0041_ tab\t" }] });
    expect(data).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">=SUM(A1) &amp; &lt;b&gt; "q"</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve">bell_x0007_ _x005F_x0041_ tab\t</t></is></c></row>',
    );
  });

  test("writes dates as serials in the workbook's date system, with a date format", () => {
    const styles = new StyleSheet(EMPTY_STYLES, "xl/styles.xml");
    const date = new Date(Date.UTC(2024, 1, 29, 12));
    expect(patch(sheet("<sheetData/>"), { cells: [{ row: 1, column: 1, value: date }] }, { styles }).data).toBe('<row r="1"><c r="A1" s="1"><v>45351.5</v></c></row>');
    expect(styles.toXml()).toContain('<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>');
    expect(patch(sheet("<sheetData/>"), { cells: [{ row: 1, column: 1, value: date }] }, { date1904: true }).data).toContain("<v>43889.5</v>");
  });

  test("a sheet written with an element prefix gets prefixed cells and rows", () => {
    const xml = sheet('<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', "x:");
    const { xml: out } = patch(xml, { cells: [{ row: 1, column: 2, value: "b" }, { row: 2, column: 1, value: 2 }], columnWidths: [{ column: 2, width: 10 }] });
    expect(out).toContain('<x:cols><x:col min="2" max="2" width="10" customWidth="1"/></x:cols><x:sheetData>');
    expect(out).toContain('<x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve">b</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row></x:sheetData>');
  });

  test("rows and cells without r get one when their row is edited; rows after a new row keep their numbers", () => {
    const xml = sheet("<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>");
    const { data } = patch(xml, { cells: [{ row: 1, column: 3, value: 9 }] });
    expect(data).toBe('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>9</v></c></row><row r="2"><c><v>3</v></c></row>');
  });

  test("a self-closing row is opened up; a row's extLst stays after its cells", () => {
    const xml = sheet('<sheetData><row r="1" ht="30" customHeight="1"/><row r="2"><c r="A2"><v>1</v></c><extLst><ext uri="{X}"/></extLst></row></sheetData>');
    const { data } = patch(xml, { cells: [{ row: 1, column: 1, value: 1 }, { row: 2, column: 2, value: 2 }] });
    expect(data).toBe('<row r="1" ht="30" customHeight="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><extLst><ext uri="{X}"/></extLst></row>');
  });

  test("a new cell takes its row's style (customFormat) or else its column's, before the patch", () => {
    const styles = new StyleSheet(EMPTY_STYLES.replace('<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0"/>'), "s");
    const xml = sheet('<cols><col min="1" max="3" width="9" style="2" customWidth="1"/></cols><sheetData><row r="1" s="1" customFormat="1"/></sheetData>');
    const { data } = patch(xml, { cells: [{ row: 1, column: 1, value: 5 }, { row: 2, column: 2, value: 6 }] }, { styles });
    expect(data).toBe('<row r="1" s="1" customFormat="1"><c r="A1" s="1"><v>5</v></c></row><row r="2"><c r="B2" s="2"><v>6</v></c></row>');
  });

  test("column widths split an existing range and keep its other attributes; everything outside sheetData stays", () => {
    const tail = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting><extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"/></extLst>';
    const xml = sheet(`<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="5" width="12" style="3" customWidth="1"/></cols><sheetData/>${tail}`);
    const { xml: out } = patch(xml, { columnWidths: [{ column: 3, width: 30 }] });
    expect(out).toContain('<cols><col min="1" max="2" width="12" style="3" customWidth="1"/><col min="3" max="3" width="30" style="3" customWidth="1"/><col min="4" max="5" width="12" style="3" customWidth="1"/></cols>');
    expect(out.endsWith(`<sheetData></sheetData>${tail}</worksheet>`)).toBe(true);
  });

  test("reports a formula overwritten, and refuses to overwrite the master of a shared formula", () => {
    const xml = sheet('<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>4</v></c></row></sheetData>');
    expect(patch(xml, { cells: [{ row: 1, column: 1, value: 5 }] }).formulasRemoved).toBe(true);
    expect(patch(xml, { cells: [{ row: 1, column: 1, style: { bold: true } }] }).formulasRemoved).toBe(false);
    expect(() => patch(xml, { cells: [{ row: 1, column: 2, value: 5 }] })).toThrow(PackageError);
    expect(() => patch(xml, { cells: [{ row: 1, column: 2, value: 5 }] })).toThrow(/B1 on the sheet 'Test' holds a formula that other cells share/);
  });

  test("leaves the text untouched when nothing applies to it", () => {
    const xml = sheet('<dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>\r\n<pageMargins left="0.7"/>');
    expect(patch(xml, {}).xml).toBe(xml);
  });
});

describe("patchSheet streaming", () => {
  test("a big sheet handed to a sink from <sheetData> on is the same as held whole; the dimension comes out right", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 2}" spans="1:2"><c r="A${i + 2}"><v>${i}</v></c><c r="B${i + 2}" t="s"><v>${i % 50}</v></c></row>`).join("");
    const xml = sheet(`<dimension ref="A2:B20001"/><cols><col min="2" max="2" width="9" customWidth="1"/></cols><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>`);
    const changes: SheetChanges = {
      cells: [
        { row: 1, column: 1, value: "header" },
        { row: 15_000, column: 3, value: "note" },
        { row: 15_000, column: 2, style: { bold: true } },
        { row: 20_005, column: 4, value: 4 },
      ],
      columnWidths: [{ column: 3, width: 20 }],
    };
    const held = patch(xml, changes).xml;
    const styles = new StyleSheet(EMPTY_STYLES, "xl/styles.xml");
    const streamed: Uint8Array[] = [];
    const result = patchSheet(strToU8(xml), "xl/worksheets/sheet1.xml", changes, { styles, date1904: false, sheet: "Test" }, (piece) => streamed.push(piece.slice()));
    expect(streamed.length).toBeGreaterThan(3);
    expect(strFromU8(Buffer.concat(result.pieces))).toBe(held.slice(0, held.indexOf("<sheetData>")));
    expect(new TextDecoder().decode(Buffer.concat([...result.pieces, ...streamed]))).toBe(held);
    expect(held).toContain('<dimension ref="A1:D20005"/>');
    expect(held).toContain('<row r="15000" spans="1:3"><c r="A15000"><v>14998</v></c><c r="B15000" s="1" t="s"><v>48</v></c><c r="C15000" t="inlineStr"><is><t xml:space="preserve">note</t></is></c></row>');
    expect(held).toContain('<row r="20005"><c r="D20005"><v>4</v></c></row></sheetData><mergeCells count="1">');
  });
});

describe("mergeCellEdits", () => {
  test("later values win and styles merge; a later clear replaces what came before", () => {
    const rows = mergeCellEdits([
      { row: 1, column: 2, value: "a", style: { fill: "#FF0000" } },
      { row: 1, column: 2, style: { bold: true } },
      { row: 1, column: 1, value: 1 },
      { row: 2, column: 1, value: 1 },
      { row: 2, column: 1, clear: true },
    ]);
    expect(rows.get(1)).toEqual([{ row: 1, column: 1, value: 1 }, { row: 1, column: 2, value: "a", style: { fill: "#FF0000", bold: true } }]);
    expect(rows.get(2)).toEqual([{ row: 2, column: 1, clear: true }]);
  });
});
