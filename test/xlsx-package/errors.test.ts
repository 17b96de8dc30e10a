// What a file that is not a workbook, or an edit that cannot be made, says: PackageError, in plain
// words, never the zip library's own message.
import { strToU8, zipSync } from "fflate";
import { packageInfo, PackageError, patchWorkbook, readCellFills, readWorkbookValues } from "../../hosts/xlsx-package";
import { buildCorpus, OLD, SCHOOLS } from "./corpus";

function errorOf(f: () => unknown): PackageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return e as PackageError;
  }
  throw new Error("no error");
}

const TYPES = (main: string) =>
  `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;
const ROOT_RELS = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="main.xml"/></Relationships>';
const office = (main: string) => zipSync({ "[Content_Types].xml": strToU8(TYPES(main)), "_rels/.rels": strToU8(ROOT_RELS), "main.xml": strToU8("<document/>") });

describe("files that are not workbooks", () => {
  test.each<[string, Uint8Array, RegExp]>([
    ["a CSV file", strToU8("URN,School\n1,Abbey\n"), /^This file is not an \.xlsx workbook\. If it is an \.xls or \.csv file, open it in Excel and save it as an Excel Workbook \(\.xlsx\)/],
    ["an empty file", new Uint8Array(), /not an \.xlsx workbook/],
    ["a zip of other files", zipSync({ "notes.txt": strToU8("hello") }), /zip archive but not an Excel workbook \(it has no Office package structure\)/],
    ["a Word document", office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), /not an Excel workbook \(it is a Word document\)/],
    ["a binary workbook", office("application/vnd.ms-excel.sheet.binary.macroEnabled.main"), /binary workbook \(\.xlsb\)/],
  ])("%s", (_label, bytes, message) => {
    for (const f of [() => packageInfo(bytes), () => patchWorkbook(bytes, {}), () => readCellFills(bytes, "Sheet1", []), () => readWorkbookValues(bytes)]) {
      expect(errorOf(f).message).toMatch(message);
    }
  });

  test("a truncated workbook", async () => {
    const bytes = await buildCorpus();
    expect(errorOf(() => packageInfo(bytes.subarray(0, bytes.length - 30))).message).toMatch(/^The workbook file is incomplete: it may not have finished downloading/);
    expect(errorOf(() => readWorkbookValues(bytes.subarray(0, bytes.length - 30))).message).toMatch(/^The workbook file is incomplete: it may not have finished downloading/);
  });
});

describe("edits that cannot be made", () => {
  let book: Uint8Array;
  beforeAll(async () => {
    book = await buildCorpus();
  });

  test.each<[string, Parameters<typeof patchWorkbook>[1], RegExp]>([
    ["a sheet that is not there", { sheets: [{ sheet: "Shools", cells: [] }] }, /no sheet called 'Shools'\. Its sheets are: 'Schools', 'Lists', 'Pivot', 'Old summary'/],
    ["removing a sheet that is not there", { removeSheets: ["Nope"] }, /no sheet called 'Nope'/],
    ["editing a sheet being removed", { sheets: [{ sheet: OLD, cells: [{ row: 1, column: 1, value: 1 }] }], removeSheets: [OLD] }, /'Old summary' is both edited and removed/],
    ["adding a sheet whose name is taken", { addSheets: [{ name: "schools", rows: [] }] }, /already has a sheet called 'Schools'/],
    ["removing every visible sheet", { removeSheets: [SCHOOLS, "Lists", "Pivot", OLD], addSheets: [{ name: "x", rows: [], state: "hidden" }] }, /at least one visible sheet/],
    ["a cell off the sheet", { sheets: [{ sheet: SCHOOLS, cells: [{ row: 0, column: 1, value: 1 }] }] }, /row 0, column 1 is outside the sheet/],
    ["a colour that is not #RRGGBB", { sheets: [{ sheet: SCHOOLS, cells: [{ row: 1, column: 1, style: { fill: "red" } }] }] }, /fill colour 'red' is not of the form #RRGGBB/],
  ])("%s", (_label, edits, message) => {
    expect(errorOf(() => patchWorkbook(book, edits)).message).toMatch(message);
  });
});
