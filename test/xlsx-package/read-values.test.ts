// readWorkbookValues gives the engine what the ExcelJS host gives it (ExcelJS + plainValue), cell for
// cell, on the bundled examples, the corpus and a workbook with every kind of cell. Where the two
// differ, the difference is listed here with the reason, and the reader is the one that matches Excel.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { tableFromGrid } from "../../engine";
import { sourceFromExcelJS } from "../helpers/exceljs-source";
import { PackageError, readWorkbookValues, type SheetGrid } from "../../hosts/xlsx-package";
import { buildCorpus, SCHOOLS } from "./corpus";
import { cellKindsWorkbook, DATES_1904, KIND_ROW, KINDS, workbook1904 } from "./cell-kinds";
import { differences, loadExcelJS, valueAt } from "./exceljs-values";
import { rawWorkbook, rawWorkbookParts, row } from "./raw-workbook";

const EXAMPLES = join(__dirname, "../../examples");

const only = (grids: Map<string, SheetGrid>, name: string) => grids.get(name)!;

describe("the same values as ExcelJS + plainValue", () => {
  test.each(["staffordshire-schools.xlsx", "warwickshire-schools.xlsx"])("examples/%s: every cell of every sheet, and the table the engine finds", async (file) => {
    const bytes = new Uint8Array(readFileSync(join(EXAMPLES, file)));
    const wb = await loadExcelJS(bytes);
    const { sheets, info } = readWorkbookValues(bytes);
    expect([...sheets.keys()]).toEqual(wb.worksheets.map((ws) => ws.name));
    expect(info.date1904).toBe(false);
    expect(differences(wb, sheets)).toEqual([]);
    const viaExcelJS = sourceFromExcelJS(wb);
    for (const [name, grid] of sheets) {
      expect(tableFromGrid(name, grid.rows, grid.firstRow, grid.firstColumn)).toEqual(viaExcelJS.readSheet(name));
      expect(grid.notes).toEqual([]);
    }
  });

  test.each([
    ["the corpus", {}],
    ["the corpus in the 1904 date system", { date1904: true }],
    ["the corpus as an .xlsm", { macro: true }],
  ])("%s: every cell of every sheet", async (_label, opts) => {
    const bytes = await buildCorpus(opts);
    const { sheets, info } = readWorkbookValues(bytes);
    expect(info.date1904).toBe(!!(opts as { date1904?: boolean }).date1904);
    // I1:J1 is merged, its text in I1. Like ExcelJS, the reader shows a merged area's value in every
    // cell of it, so the area counts as the officer's: no run writes its results into J1.
    expect(differences(await loadExcelJS(bytes), sheets)).toEqual([]);
    expect(valueAt(only(sheets, SCHOOLS), 1, 9)).toBe("Merged note");
    expect(valueAt(only(sheets, SCHOOLS), 1, 10)).toBe("Merged note");
  });

  test("every kind of cell; where ExcelJS differs, it is listed with the reason", async () => {
    const bytes = cellKindsWorkbook();
    const { sheets } = readWorkbookValues(bytes);
    const grid = only(sheets, "Kinds");
    for (const k of KINDS) expect([k.label, valueAt(grid, KIND_ROW(k.label), 2)]).toEqual([k.label, k.reader]);
    const expected = KINDS.filter((k) => k.exceljs).map((k) => ({ sheet: "Kinds", cell: `B${KIND_ROW(k.label)}`, exceljs: k.exceljs!.value, reader: k.reader }));
    expect(differences(await loadExcelJS(bytes), sheets)).toEqual(expected);
  });
});

describe("the grid", () => {
  test("holds only rows and columns with values: formatting alone, even at row 150,000, takes no room", () => {
    const grid = only(readWorkbookValues(cellKindsWorkbook()).sheets, "Kinds");
    expect([grid.firstRow, grid.firstColumn, grid.rows.length]).toEqual([1, 1, KINDS.length]);
    expect(grid.rows.every((r) => r.length === 2)).toBe(true);
  });

  test("starts at the first row and column with a value, and is dense", () => {
    const bytes = rawWorkbook({ sheets: [{ name: "S", sheetData: row(3, [["C3", "", "<v>1</v>"]]) + row(6, [["E6", "", "<v>2</v>"]]) }] });
    const grid = only(readWorkbookValues(bytes).sheets, "S");
    expect(grid).toMatchObject({ firstRow: 3, firstColumn: 3, rows: [[1, null, null], [null, null, null], [null, null, null], [null, null, 2]] });
  });

  test("a sheet with no values is an empty grid", () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Empty", sheetData: row(1, [["A1", ' s="1"', ""]]) }], cellFormats: [{ numFmtId: 0 }, { numFmtId: 0, bordered: true }] });
    expect(only(readWorkbookValues(bytes).sheets, "Empty")).toEqual({ name: "Empty", firstRow: 1, firstColumn: 1, rows: [], notes: [], notesLeftOff: 0 });
  });

  test("a value in A1 and a bordered empty cell at row 1,048,576: one row, quickly", () => {
    const bytes = rawWorkbook({
      sheets: [{ name: "Tall", sheetData: row(1, [["A1", "", "<v>1</v>"]]) + row(1048576, [["A1048576", ' s="1"', ""], ["XFD1048576", ' s="1"', ""]]) }],
      cellFormats: [{ numFmtId: 0 }, { numFmtId: 0, bordered: true }],
    });
    const t = performance.now();
    const grid = only(readWorkbookValues(bytes).sheets, "Tall");
    expect(performance.now() - t).toBeLessThan(1000);
    expect(grid.rows).toEqual([[1]]);
  });

  test("cells and rows without r, out of order, and an element prefix", () => {
    const xml = rawWorkbookParts({ sheets: [{ name: "S", sheetData: "" }] });
    xml["xl/worksheets/sheet1.xml"] =
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
      `<x:row r="2"><x:c><x:v>1</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row><x:row><x:c r="C3"><x:v>3</x:v></x:c></x:row><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>top</x:t></x:is></x:c></x:row>` +
      `</x:sheetData></x:worksheet>`;
    const bytes = zipSync(Object.fromEntries(Object.entries(xml).map(([k, v]) => [k, strToU8(v)])));
    expect(only(readWorkbookValues(bytes).sheets, "S").rows).toEqual([[null, "top", null], [1, true, null], [null, null, 3]]);
  });
});

describe("dates", () => {
  test("a 1904 workbook's serial numbers are days from 1 January 1904, as ExcelJS also reads them", async () => {
    const bytes = workbook1904();
    const { sheets, info } = readWorkbookValues(bytes);
    expect(info.date1904).toBe(true);
    const grid = only(sheets, "Dates");
    DATES_1904.forEach(([serial, date], i) => expect([serial, valueAt(grid, i + 1, 2)]).toEqual([serial, date]));
    expect(grid.rows.map((r) => r[0])).toEqual(DATES_1904.map(([serial]) => serial));
    expect(differences(await loadExcelJS(bytes), sheets)).toEqual([]);
  });
});

describe("notes", () => {
  test("a formula saved without its value reads as empty, with a note naming the cell", () => {
    const grid = only(readWorkbookValues(cellKindsWorkbook()).sheets, "Kinds");
    const kinds = KINDS.filter((k) => k.note).map((k) => ({ row: KIND_ROW(k.label), column: 2, kind: k.note }));
    expect(grid.notes.map(({ row, column, kind }) => ({ row, column, kind }))).toEqual([...kinds, { row: 151000, column: 6, kind: "formula-without-value" }]);
    expect(grid.notes[0].message).toBe(
      "Cell B20 on sheet 'Kinds' holds a formula saved without its value, as tools other than Excel save them, so it reads as empty. Open the file in Excel and save it, then try again.",
    );
  });

  test("a number cell holding text reads as empty, with a note; after a thousand notes, a count", () => {
    const cells = Array.from({ length: 1200 }, (_, i) => row(i + 1, [[`A${i + 1}`, "", "<v>n/a</v>"]])).join("");
    const grid = only(readWorkbookValues(rawWorkbook({ sheets: [{ name: "S", sheetData: cells }] })).sheets, "S");
    expect(grid.rows).toEqual([]);
    expect(grid.notes).toHaveLength(1000);
    expect(grid.notesLeftOff).toBe(200);
    expect(grid.notes[0]).toEqual({ row: 1, column: 1, kind: "unreadable-value", message: "Cell A1 on sheet 'S' holds 'n/a', which is not a number though the cell says it is one, so it reads as empty." });
  });
});

describe("which sheets", () => {
  test("only the sheets asked for (Excel ignores case), under the workbook's own names", async () => {
    const { sheets, info } = readWorkbookValues(await buildCorpus(), { sheets: ["lists", "Lists", "Schools"] });
    expect([...sheets.keys()]).toEqual(["Lists", SCHOOLS]);
    expect(info.sheets.map((s) => s.name)).toEqual([SCHOOLS, "Lists", "Pivot", "Old summary"]);
  });

  test("a sheet that is not there is named, with the sheets there are", async () => {
    expect(() => readWorkbookValues(cellKindsWorkbook(), { sheets: ["Kinds", "Knids"] })).toThrow(new PackageError("The workbook has no sheet called 'Knids'. Its sheets are: 'Kinds'."));
  });

  test("a shared string the workbook does not have is damage, named", () => {
    const bytes = rawWorkbook({ sheets: [{ name: "S", sheetData: row(1, [["A1", ' t="s"', "<v>9</v>"]]) }], sharedStrings: ["<t>only</t>"] });
    expect(() => readWorkbookValues(bytes)).toThrow(/damaged \(the sheet 'S' has cell A1 refer to shared string 9, which the workbook does not have\)/);
  });
});

describe("maxCells", () => {
  test("a grid bigger than maxCells is refused before it is built", () => {
    const bytes = rawWorkbook({ sheets: [{ name: "Wide", sheetData: row(1, [["A1", "", "<v>1</v>"]]) + row(100000, [["XFD100000", "", "<v>2</v>"]]) }] });
    const t = performance.now();
    expect(() => readWorkbookValues(bytes)).toThrow(
      new PackageError(
        "The sheet 'Wide' holds values from A1 to XFD100000, a table of 1,638,400,000 cells, more than this tool will read at once. Delete empty rows and columns between the values, or split the sheet, and try again.",
      ),
    );
    expect(performance.now() - t).toBeLessThan(1000);
  });

  test("counts values as they are read, across sheets", () => {
    const sheet = (name: string) => ({ name, sheetData: Array.from({ length: 30 }, (_, i) => row(i + 1, [[`A${i + 1}`, "", `<v>${i}</v>`]])).join("") });
    const bytes = rawWorkbook({ sheets: [sheet("One"), sheet("Two")] });
    expect(() => readWorkbookValues(bytes, { maxCells: 20 })).toThrow(/^The sheet 'One' holds more than 20 cells with values, more than this tool will read at once/);
    expect(() => readWorkbookValues(bytes, { maxCells: 50 })).toThrow(/^The sheet 'Two' holds more than 20 cells with values/);
    expect(readWorkbookValues(bytes, { maxCells: 60 }).sheets.size).toBe(2);
  });
});

describe("damaged sheets", () => {
  const withSheet = (xml: string) => {
    const parts = rawWorkbookParts({ sheets: [{ name: "S", sheetData: "" }] });
    parts["xl/worksheets/sheet1.xml"] = xml;
    return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
  };
  const sheet = (data: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`;

  test.each([
    ["cut short", sheet(row(1, [["A1", "", "<v>1</v>"]])).slice(0, -30), /xl\/worksheets\/sheet1\.xml is not valid XML: it ends before its last element is closed/],
    ["an end tag that closes nothing", sheet('<row r="1"><c r="A1"><v>1</v></row>'), /not valid XML: the end tag <\/row> closes no open element/],
    ["a document type", `<!DOCTYPE x [<!ENTITY a "aaaa">]>${sheet("")}`, /not valid XML: it declares a document type, which a workbook never does/],
    ["an unknown entity", sheet(row(1, [["A1", ' t="inlineStr"', "<is><t>&bogus;</t></is>"]])), /not valid XML: it holds '&bogus;', which is not a character XML knows/],
    ["a row beyond Excel's", sheet(row(2000000, [["A2000000", "", "<v>1</v>"]])), /damaged \(the sheet 'S' has a row 2,000,000, beyond Excel's rows/],
    ["a column beyond Excel's", sheet(row(1, [["XFE1", "", "<v>1</v>"]])), /damaged \(the sheet 'S' has a cell in column 16,385, beyond Excel's last column/],
  ])("%s", (_label, xml, message) => {
    const error = (() => {
      try {
        readWorkbookValues(withSheet(xml));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PackageError);
    expect((error as Error).message).toMatch(message);
  });
});
