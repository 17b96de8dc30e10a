// patchWorkbook as a whole: nothing asked, nothing changed; the calculation chain; a workbook with no
// styles part; new part names; edits of one sheet given in several pieces; packageInfo.
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { packageInfo, patchWorkbook } from "../../hosts/xlsx-package";
import { readZip } from "../../hosts/xlsx-package/zip-read";
import { buildCorpus, SCHOOLS } from "./corpus";
import { packageDiff, partsOf, textOf } from "./parts";

async function withCalcChain(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addRow([2, { formula: "A1*2", result: 4 }]);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  files["xl/calcChain.xml"] = strToU8('<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B1" i="1"/></calcChain>');
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
  files["xl/_rels/workbook.xml.rels"] = strToU8(rels.replace("</Relationships>", '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'));
  const types = strFromU8(files["[Content_Types].xml"]);
  files["[Content_Types].xml"] = strToU8(types.replace("</Types>", '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>'));
  return zipSync(files);
}

describe("patchWorkbook", () => {
  test("with no edits, every part is copied, compressed bytes and all", async () => {
    const input = await buildCorpus({ macro: true });
    const output = patchWorkbook(input, {});
    expect(packageDiff(input, output).changed).toEqual([]);
    const raw = (b: Uint8Array) => readZip(b).map((e) => [e.name, e.crc, b.subarray(e.dataStart, e.dataStart + e.compressedSize).join(",")]);
    expect(raw(output)).toEqual(raw(input));
  });

  test("drops the calculation chain only when a formula is overwritten (Excel rebuilds it)", async () => {
    const input = await withCalcChain();
    const kept = patchWorkbook(input, { sheets: [{ sheet: "Data", cells: [{ row: 1, column: 3, value: "note" }, { row: 1, column: 2, style: { bold: true } }] }] });
    expect(partsOf(kept)["xl/calcChain.xml"]).toBeDefined();
    // Values written into a workbook with formulas: Excel recalculates on opening.
    expect(textOf(kept, "xl/workbook.xml")).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const styled = patchWorkbook(input, { sheets: [{ sheet: "Data", cells: [{ row: 1, column: 1, style: { bold: true } }] }] });
    expect(packageDiff(input, styled).changed).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml"]);
    const dropped = patchWorkbook(input, { sheets: [{ sheet: "Data", cells: [{ row: 1, column: 2, value: 5 }] }] });
    expect(packageDiff(input, dropped).removed).toEqual(["xl/calcChain.xml"]);
    expect(textOf(dropped, "xl/_rels/workbook.xml.rels")).not.toContain("calcChain");
    expect(textOf(dropped, "[Content_Types].xml")).not.toContain("calcChain");
  });

  test("a workbook without a styles part gets one when a style is needed", async () => {
    const files = partsOf(await withCalcChain());
    delete files["xl/styles.xml"];
    files["xl/_rels/workbook.xml.rels"] = strToU8(strFromU8(files["xl/_rels/workbook.xml.rels"]).replace(/<Relationship [^>]*relationships\/styles"[^>]*\/>/, ""));
    const input = zipSync(files);
    const output = patchWorkbook(input, { sheets: [{ sheet: "Data", cells: [{ row: 2, column: 1, value: "x", style: { fill: "#FF0000" } }] }] });
    expect(packageDiff(input, output).added).toEqual(["xl/styles.xml"]);
    expect(textOf(output, "xl/_rels/workbook.xml.rels")).toContain('Target="styles.xml"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    expect((wb.getWorksheet("Data")!.getCell("A2").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFF0000");
  });

  test("new sheets take part names and ids nothing else uses, run after run", async () => {
    const once = patchWorkbook(await buildCorpus(), { addSheets: [{ name: "One", rows: [[1]] }] });
    const twice = patchWorkbook(once, { removeSheets: ["One"], addSheets: [{ name: "One", rows: [[2]] }, { name: "Two", rows: [[3]] }] });
    expect(packageDiff(once, twice).added).toEqual(["xl/worksheets/sheet6.xml", "xl/worksheets/sheet7.xml"]);
    expect(packageDiff(once, twice).removed).toEqual(["xl/worksheets/sheet5.xml"]);
    expect(packageInfo(twice).sheets.map((s) => s.name)).toEqual([SCHOOLS, "Lists", "Pivot", "Old summary", "One", "Two"]);
    expect(textOf(twice, "xl/workbook.xml")).toMatch(/<sheet name="One" sheetId="6" r:id="rId\d+"\/><sheet name="Two" sheetId="7"/);
  });

  test("several edits of one sheet are applied together", async () => {
    const input = await buildCorpus();
    const output = patchWorkbook(input, {
      sheets: [
        { sheet: SCHOOLS, cells: [{ row: 2, column: 12, value: "a" }], columnWidths: [{ column: 12, width: 9 }] },
        { sheet: "schools", cells: [{ row: 2, column: 12, style: { bold: true } }, { row: 3, column: 12, value: "b" }] },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SCHOOLS)!;
    expect([ws.getCell("L2").value, ws.getCell("L2").font?.bold, ws.getCell("L3").value, ws.getColumn(12).width]).toEqual(["a", true, "b", 9]);
  });
});

describe("packageInfo", () => {
  test("lists the sheets with their parts and states, the date system and macros", async () => {
    const info = packageInfo(patchWorkbook(await buildCorpus({ date1904: true, macro: true }), { addSheets: [{ name: "_run", rows: [], state: "veryHidden" }] }));
    expect(info).toEqual({
      sheets: [
        { name: SCHOOLS, part: "xl/worksheets/sheet1.xml", state: "visible" },
        { name: "Lists", part: "xl/worksheets/sheet2.xml", state: "visible" },
        { name: "Pivot", part: "xl/worksheets/sheet3.xml", state: "visible" },
        { name: "Old summary", part: "xl/worksheets/sheet4.xml", state: "visible" },
        { name: "_run", part: "xl/worksheets/sheet5.xml", state: "veryHidden" },
      ],
      date1904: true,
      macroEnabled: true,
    });
  });
});
