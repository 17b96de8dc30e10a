// Every part of an officer's workbook survives a run, a re-run and a clear through the command
// line: charts, pivot tables and caches, external links, customXml, the sensitivity label in
// docProps/custom.xml, sparklines and x14 validations, and an .xlsm's macros. Real files, checked
// part by part, re-read with ExcelJS and opened by LibreOffice.
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { STORE_SHEET, SUMMARY_SHEET } from "../engine";
import { buildCorpus, LABEL_ID, OFFICER, SCHOOLS, sheetPartOf } from "./xlsx-package/corpus";
import { packageDiff, partsOf, textOf } from "./xlsx-package/parts";
import { runCli, tempDir } from "./helpers/cli";
import { unzipSync } from "fflate";

const dir = tempDir("preserve-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

/** A small ruleset for the corpus's Schools table: high absence is a trigger that colours the cell. */
const RULES = {
  id: "corpus",
  title: "Corpus rules",
  version: "1",
  effective: { from: "2019-09-01" },
  sheet: [SCHOOLS],
  key: "urn",
  name: "name",
  fields: [
    { id: "urn", label: "URN", type: "integer", required: true, headers: ["URN"] },
    { id: "name", label: "School", type: "text", headers: ["School"] },
    { id: "absence", label: "Absence %", type: "number", headers: ["Absence %"] },
  ],
  triggers: [{ id: "absence", label: "High absence", severity: "high", conditions: { all: [{ fact: "absence", operator: "greaterThan", value: 7 }] } }],
  bands: [
    { id: "B", label: "Some concern", conditions: { all: [{ fact: "triggerCount", operator: "greaterThan", value: 0 }] }, nextAction: "Visit" },
    { id: "A", label: "No concern", nextAction: "None" },
  ],
  styles: { bands: { A: { fill: "#C6EFCE" }, B: { fill: "#FFEB9C" } }, severities: { high: { fill: "#FFC7CE", font: "#9C0006" } } },
};

/** Parts a run may change: the schools sheet, styles, the workbook's sheet list, and what it adds. */
const MAY_CHANGE = /^(xl\/worksheets\/sheet\d+\.xml|xl\/styles\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|docProps\/app\.xml)$/;

function soffice(input: string): void {
  const out = fs.mkdtempSync(path.join(dir, "pdf-"));
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${out}/profile`, "--convert-to", "pdf", "--outdir", out, input], { stdio: "pipe", timeout: 120_000 });
  const pdf = path.join(out, path.basename(input).replace(/\.xls[xm]$/, ".pdf"));
  expect(fs.statSync(pdf).size).toBeGreaterThan(1000);
}

describe.each([
  ["an .xlsx", ".xlsx", false],
  ["an .xlsm with macros", ".xlsm", true],
])("%s with charts, a pivot table, links, customXml and a sensitivity label", (_label, ext, macro) => {
  let input: string;
  let bytes: Uint8Array;
  const rules = file(`corpus-rules-${ext.slice(1)}.json`);
  const out = file(`out${ext}`);
  const again = file(`again${ext}`);
  const cleared = file(`cleared${ext}`);

  beforeAll(async () => {
    bytes = await buildCorpus({ macro });
    input = file(`input${ext}`);
    fs.writeFileSync(input, bytes);
    fs.writeFileSync(rules, JSON.stringify(RULES));
  });

  it("a run changes only the parts it must; everything else is byte for byte the same", async () => {
    const run = await runCli([input, "--rules", rules, "--out", out, "--as-of", "2026-11-20", "--quiet"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    const after = new Uint8Array(fs.readFileSync(out));
    const diff = packageDiff(bytes, after);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.filter((p) => !MAY_CHANGE.test(p))).toEqual([]);
    for (const kept of ["xl/charts/chart1.xml", "xl/pivotTables/pivotTable1.xml", "xl/pivotCache/pivotCacheDefinition1.xml", "xl/externalLinks/externalLink1.xml", "customXml/item1.xml", "docProps/custom.xml"]) {
      expect(diff.unchanged).toContain(kept);
    }
    expect(textOf(after, "docProps/custom.xml")).toContain(LABEL_ID);
    if (macro) {
      expect(diff.unchanged).toContain("xl/vbaProject.bin");
      expect(textOf(after, "[Content_Types].xml")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    }
    // The schools sheet keeps its sparklines and x14 validation.
    const sheet = sheetPartOf(unzipSync(after), SCHOOLS);
    expect(textOf(after, sheet)).toContain("x14:sparklineGroups");
    expect(textOf(after, sheet)).toContain("x14:dataValidations");
  });

  it("the output re-reads: results, fills, the officer's own formatting, the summary and the hidden record", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet(SCHOOLS)!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const category = headers.indexOf("Category") + 1;
    expect(category).toBeGreaterThan(7);
    // Dale High (row 5) has 9.4% absence: band B, and its absence cell takes the trigger's fill.
    expect(ws.getCell(5, category).value).toBe("B Some concern");
    expect((ws.getCell(5, 6).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    // The officer's yellow, bold red cell is untouched.
    const own = ws.getCell(OFFICER.solid.row, OFFICER.solid.column);
    expect((own.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    expect(own.font?.bold).toBe(true);
    expect(wb.getWorksheet(SUMMARY_SHEET)!.getCell("A1").value).toBe(SUMMARY_SHEET);
    expect(wb.getWorksheet(STORE_SHEET)!.state).toBe("veryHidden");
  });

  it("LibreOffice opens the output", () => {
    soffice(out);
  });

  it("a re-run and a clear keep every part too, and clear gives the officer's cells back", async () => {
    expect((await runCli([out, "--rules", rules, "--out", again, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
    expect((await runCli(["clear", again, "--out", cleared])).code).toBe(0);
    const end = new Uint8Array(fs.readFileSync(cleared));
    const diff = packageDiff(bytes, end);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.filter((p) => !MAY_CHANGE.test(p))).toEqual([]);
    if (macro) expect(partsOf(end)["xl/vbaProject.bin"]).toEqual(partsOf(bytes)["xl/vbaProject.bin"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleared);
    const ws = wb.getWorksheet(SCHOOLS)!;
    expect((ws.getRow(1).values as unknown[]).filter((v) => v === "Category")).toEqual([]);
    expect((ws.getCell(5, 6).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe("FFFFC7CE");
    expect(wb.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    soffice(cleared);
  });
});
