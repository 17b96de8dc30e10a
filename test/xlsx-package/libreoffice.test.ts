// LibreOffice opens what patchWorkbook writes: each variant converts to PDF headless, exit code 0.
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { patchWorkbook } from "../../hosts/xlsx-package";
import { readZip } from "../../hosts/xlsx-package/zip-read";
import { bigWorkbook, runEdits } from "./big-workbook";
import { buildCorpus, OFFICER, SCHOOLS, type CorpusOptions } from "./corpus";

const SOFFICE = "/usr/bin/soffice";

/** Converts with LibreOffice headless; the converted file's bytes. */
function convert(file: string, dir: string, to: "pdf" | "xlsx" | "csv"): Buffer {
  if (!existsSync(SOFFICE)) throw new Error("LibreOffice is not installed, so the output cannot be opened: apt-get install libreoffice-calc");
  const outDir = join(dir, to);
  // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
  const said = execFileSync(SOFFICE, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", to, "--outdir", outDir, file], { stdio: "pipe", timeout: 120_000 }).toString();
  // LibreOffice turns a file it cannot read as a spreadsheet into a text document: insist on Calc
  // (its CSV filter is Calc's too).
  if (!/using filter : (calc|Text - txt - csv \(StarCalc\))/i.test(said)) throw new Error(`LibreOffice did not open ${file} as a spreadsheet: ${said}`);
  const converted = join(outDir, file.replace(/^.*\//, "").replace(/\.xls[xm]$/, `.${to}`));
  if (!existsSync(converted)) throw new Error(`LibreOffice exited 0 but wrote no ${to} for ${file}`);
  return readFileSync(converted);
}

const toPdf = (file: string, dir: string) => convert(file, dir, "pdf");

describe.each<[string, CorpusOptions, string]>([
  ["xlsx", {}, "xlsx"],
  ["1904-date", { date1904: true }, "xlsx"],
  ["xlsm", { macro: true }, "xlsm"],
])("LibreOffice opens the patched %s workbook", (label, opts, ext) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "xlsx-package-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("and converts it to PDF", async () => {
    const input = await buildCorpus(opts);
    const output = patchWorkbook(input, {
      sheets: [
        {
          sheet: SCHOOLS,
          cells: [
            { row: 1, column: 12, value: "Category", style: { bold: true } },
            { row: 2, column: 12, value: "Red", style: { fill: "#FFC7CE" } },
            { row: 3, column: 12, value: new Date(Date.UTC(2025, 5, 1)) },
            { row: OFFICER.solid.row, column: OFFICER.solid.column, style: { fill: "#C6EFCE" } },
          ],
          columnWidths: [{ column: 12, width: 16 }],
        },
      ],
      addSheets: [{ name: "_categorisation", rows: [["run"]], state: "veryHidden" }],
      removeSheets: ["Old summary"],
    });
    const file = join(dir, `patched-${label}.${ext}`);
    writeFileSync(file, output);
    const pdf = toPdf(file, dir);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(2000);
  });
});

describe("a workbook saved by LibreOffice", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "xlsx-package-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is patched, read back by ExcelJS and opened by LibreOffice again", async () => {
    const original = join(dir, "original.xlsx");
    writeFileSync(original, await buildCorpus());
    const saved = new Uint8Array(convert(original, dir, "xlsx"));
    const output = patchWorkbook(saved, {
      sheets: [{ sheet: SCHOOLS, cells: [{ row: 2, column: 12, value: "Amber", style: { fill: "#FFEB9C" } }, { row: OFFICER.solid.row, column: OFFICER.solid.column, style: { fill: "#C6EFCE" } }], columnWidths: [{ column: 12, width: 15 }] }],
      addSheets: [{ name: "_categorisation", rows: [["run"]], state: "veryHidden" }],
      removeSheets: ["Old summary"],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SCHOOLS)!;
    expect(ws.getCell("L2").value).toBe("Amber");
    expect((ws.getCell("L2").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFEB9C");
    expect(ws.getCell(OFFICER.solid.row, OFFICER.solid.column).font?.bold).toBe(true);
    expect(ws.getColumn(12).width).toBe(15);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([[SCHOOLS, "visible"], ["Lists", "visible"], ["Pivot", "visible"], ["_categorisation", "veryHidden"]]);
    const file = join(dir, "patched.xlsx");
    writeFileSync(file, output);
    expect(toPdf(file, dir).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("a big sheet, deflated by the fast compressor as it is patched", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "xlsx-package-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is opened by LibreOffice with every row's results, and read back by ExcelJS", async () => {
    const rows = 3000;
    const output = patchWorkbook(await bigWorkbook(rows, 12), runEdits(rows, 13));
    expect(readZip(output).find((e) => e.name === "xl/worksheets/sheet1.xml")!.size).toBeGreaterThan(1_000_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Schools")!.getCell(rows + 1, 19).value).toBe(`Absence ${(rows + 1) % 20}% > 10%; KS2 below floor`);
    const file = join(dir, "big.xlsx");
    writeFileSync(file, output);
    const csv = convert(file, dir, "csv").toString();
    const lines = csv.trim().split("\n");
    expect(lines).toHaveLength(rows + 1);
    expect(lines[rows]).toContain(`Absence ${(rows + 1) % 20}% > 10%; KS2 below floor`);
  });
});
