// A run reads its workbook once: the sheets inflated and the cells' styles noted while the values
// are read (PartCache) give the same fills, page setup and patched workbook as reading the file
// again; edits given as a CellEditList, and cells written straight into the output, give the same
// bytes as edits given as objects and cells made as text.
import { strToU8, zipSync } from "fflate";
import { CellEditList, PartCache, patchWorkbook, readCellFills, readPrintSetup, readWorkbookValues, type CellEdit, type CellValue } from "../../hosts/xlsx-package";
import { ByteOutput, piecesText } from "../../hosts/xlsx-package/byte-output";
import { cellXml, writeCellXml } from "../../hosts/xlsx-package/cell-xml";
import { crc32, portableCrc32 } from "../../hosts/xlsx-package/crc32";
import { MAIN_NS, rawWorkbookParts } from "./raw-workbook";

const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
// Cell formats 1, 2 and 3 fill red, green and blue.
const STYLES =
  `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts>` +
  `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${solid("FF0000")}${solid("00FF00")}${solid("0000FF")}</fills>` +
  `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>` +
  `<cellXfs count="4"><xf fillId="0"/><xf fillId="2" applyFill="1"/><xf fillId="3" applyFill="1"/><xf fillId="4" applyFill="1"/></cellXfs></styleSheet>`;
const SHEET_DATA =
  '<row r="1"><c r="A1" s="1"><v>5</v></c><c s="2"><v>1</v></c><c r="D1"/></row>' + // B1 has no reference: it follows A1
  '<row><c r="B2" s="3"/><c r="C2" s="1"><v>2</v></c><c r="C2" s="2"><v>3</v></c></row>' + // row 2 follows row 1; C2 twice
  '<row r="4" s="2" customFormat="1"><c r="A4" s="1"/></row>' +
  '<row r="5"><c r="A5"><v>7</v></c></row><row r="5" s="3" customFormat="true"><c r="B5" s="1"/></row>'; // row 5 twice

function book(sheetData = SHEET_DATA): Uint8Array {
  const parts = rawWorkbookParts({ sheets: [{ name: "S", sheetData, after: '<pageMargins left="1" right="1" top="1" bottom="1" header="0.5" footer="0.5"/><pageSetup orientation="landscape"/>' }] });
  parts["xl/styles.xml"] = STYLES;
  parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace("<sheetData>", '<cols><col min="3" max="5" width="9" style="3"/></cols><sheetData>');
  return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
}

const ALL_CELLS = Array.from({ length: 6 }, (_, r) => Array.from({ length: 7 }, (_, c) => ({ row: r + 1, column: c + 1 }))).flat();

describe("reading a workbook once (PartCache)", () => {
  const bytes = book();
  const parts = new PartCache(bytes);
  beforeAll(() => readWorkbookValues(bytes, { parts }));

  test("every cell's fill, from the styles noted while reading, is the fill the sheet read again gives", () => {
    const scanned = readCellFills(bytes, "S", ALL_CELLS);
    const noted = readCellFills(bytes, "S", ALL_CELLS, parts);
    expect(noted).toEqual(scanned);
    // Own style, then the row's, then the column's; the last of a repeated cell or row counts.
    expect(["1:1", "1:2", "1:4", "1:3", "2:2", "2:3", "4:1", "4:2", "5:2", "5:1", "6:4"].map((k) => noted.get(k)?.color)).toEqual([
      "#FF0000", "#00FF00", null, "#0000FF", "#0000FF", "#00FF00", "#FF0000", "#00FF00", "#FF0000", null, "#0000FF",
    ]);
  });

  test("the page setup and the patched workbook are the same bytes as without the cache", () => {
    expect(readPrintSetup(bytes, "S", parts)).toEqual(readPrintSetup(bytes, "S"));
    const edits = { sheets: [{ sheet: "S", cells: [{ row: 2, column: 2, value: "new" }, { row: 6, column: 1, value: 4, style: { fill: "#123456" } }] }] };
    expect(Buffer.from(patchWorkbook(bytes, edits, parts)).equals(Buffer.from(patchWorkbook(bytes, edits)))).toBe(true);
  });

  test("a cache made for other bytes is not used", () => {
    const other = book(SHEET_DATA.replace('<c r="A1" s="1">', '<c r="A1" s="3">'));
    expect(readCellFills(other, "S", [{ row: 1, column: 1 }], parts).get("1:1")?.color).toBe("#0000FF");
  });
});

describe("edits as a CellEditList", () => {
  const bytes = book();
  const edits: CellEdit[] = [
    { row: 1, column: 8, value: "results" },
    { row: 1, column: 1, style: { fill: "#ABCDEF" } },
    { row: 2, column: 8, value: new Date(Date.UTC(2026, 0, 5)), style: { numFmt: "dd/mm/yyyy" } },
    { row: 2, column: 8, style: { fill: "#FF0000", bold: true } }, // merged over the edit before
    { row: 9, column: 3, value: true },
    { row: 3, column: 2, value: null, style: { fill: "#00FF00" } },
  ];
  const list = new CellEditList(2);
  for (const e of edits) list.add(e.row, e.column, e.value, e.style);

  test("the same workbook as the edits given as objects, and after them on the same sheet", () => {
    const asObjects = patchWorkbook(bytes, { sheets: [{ sheet: "S", cells: edits }] });
    const asList = patchWorkbook(bytes, { sheets: [{ sheet: "S", cells: [], cellList: list }] });
    expect(Buffer.from(asList).equals(Buffer.from(asObjects))).toBe(true);
    const later: CellEdit[] = [{ row: 1, column: 8, value: "later" }];
    const split = patchWorkbook(bytes, { sheets: [{ sheet: "S", cells: [], cellList: list }, { sheet: "S", cells: later }] });
    expect(Buffer.from(split).equals(Buffer.from(patchWorkbook(bytes, { sheets: [{ sheet: "S", cells: [...edits, ...later] }] })))).toBe(true);
  });

  test("a bad edit in the list is refused in the same words", () => {
    const bad = new CellEditList();
    bad.add(0, 1, "x");
    expect(() => patchWorkbook(bytes, { sheets: [{ sheet: "S", cells: [], cellList: bad }] })).toThrow(/Sheet 'S': row 0, column 1 is outside the sheet/);
  });
});

describe("cells written straight into the output", () => {
  const values: CellValue[] = [null, "", 0, -1.5, 1e21, Number.NaN, Infinity, true, false, "plain", "a & b < c", "_x0041_ \u0001", "é ü 日本", "=1+1", new Date(Date.UTC(2026, 10, 20)), new Date(Number.NaN)];

  test.each(["", "x:"])("are the text cellXml makes (prefix '%s')", (p) => {
    for (const s of [0, 7]) {
      for (const value of values) {
        const out = new ByteOutput();
        writeCellXml(out, p, 12, 28, s, value, false);
        expect(piecesText(out.finish())).toBe(cellXml(p, "AB12", s, value, false));
      }
    }
  });

  test("integers are written as their digits", () => {
    const out = new ByteOutput();
    for (const n of [0, 7, 10, 99, 1048576, 123456789012]) out.integer(n);
    expect(piecesText(out.finish())).toBe("071099104857612345678901" + "2");
  });
});

test("crc32 is the same under Node and in TypeScript", () => {
  const data = new Uint8Array(100_003).map((_, i) => (i * 7919) % 251);
  expect(crc32(data)).toBe(portableCrc32(data));
  expect(crc32(data.subarray(5000), crc32(data.subarray(0, 5000)))).toBe(portableCrc32(data));
});
