// The output prints (issue 12): the Staffordshire example through the command line, printed to PDF
// by LibreOffice headless and read back with pdfinfo and pdftotext. The schools sheet prints
// landscape, every column one page wide, its header row on every page; the summary's tables each
// on one page, percentages with %. A re-run and a clear keep it valid; an officer's own page setup
// survives a run.
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { SUMMARY_SHEET } from "../engine";
import { runCli, STAFFS_BOOK, STAFFS_RULES, tempDir } from "./helpers/cli";
import { partsOf, textOf } from "./xlsx-package/parts";
import { sheetPartOf } from "./xlsx-package/corpus";
import { unzipSync } from "fflate";

const dir = tempDir("print-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const AS_OF = "2026-01-15";

/** LibreOffice prints a workbook to PDF (a profile of its own, so a running LibreOffice does not take the job). */
function toPdf(input: string): string {
  const out = fs.mkdtempSync(path.join(dir, "pdf-"));
  execFileSync("soffice", [`-env:UserInstallation=file://${out}/profile`, "--headless", "--convert-to", "pdf", "--outdir", out, input], { stdio: "pipe", timeout: 180_000 });
  const pdf = path.join(out, path.basename(input).replace(/\.xls[xm]$/, ".pdf"));
  expect(fs.statSync(pdf).size).toBeGreaterThan(1000);
  return pdf;
}

interface PdfPage {
  number: number;
  width: number;
  height: number;
  text: string;
  /** The sheet the page belongs to, from the footer our layout puts on it ("Schools … Page 3 of 14"). */
  sheet: string | null;
}

function pages(pdf: string): PdfPage[] {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "9999", pdf]).toString();
  const sizes = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({ number: Number(m[1]), width: Number(m[2]), height: Number(m[3]) }));
  return sizes.map((s) => {
    const text = execFileSync("pdftotext", ["-layout", "-f", String(s.number), "-l", String(s.number), pdf, "-"]).toString();
    const footer = /^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$/m.exec(text);
    return { ...s, text, sheet: footer ? footer[1].trim() : null };
  });
}

describe("the Staffordshire output prints", () => {
  const out = file("staffordshire.xlsx");
  let all: PdfPage[];
  let schools: PdfPage[];
  let summary: PdfPage[];

  beforeAll(async () => {
    const run = await runCli([STAFFS_BOOK, "--rules", STAFFS_RULES, "--out", out, "--as-of", AS_OF, "--quiet"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    all = pages(toPdf(out));
    schools = all.filter((p) => p.sheet === "Schools");
    summary = all.filter((p) => p.sheet === SUMMARY_SHEET);
  });

  it("the schools sheet: landscape, a few pages (164 before), Category on page 1 and the header row on every page", () => {
    expect(schools.length).toBeGreaterThan(1);
    expect(schools.length).toBeLessThanOrEqual(10);
    expect(schools[0].number).toBe(1);
    for (const p of schools) {
      // Landscape A4 (842 x 595 points): the example names no paper, and OOXML's default is Letter.
      expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
      // The header row, officer's and ours, repeated at the top of the page.
      for (const header of ["URN", "School name", "Category", "Rule category", "Reasons"]) expect(p.text).toContain(header);
    }
    // All 400 schools, on those pages only, each page continuing where the last stopped.
    const urns = schools.flatMap((p) => [...p.text.matchAll(/^\s*(1\d{5})\s/gm)].map((m) => m[1]));
    expect(new Set(urns).size).toBe(400);
  });

  it("the summary sheet: landscape, no table across two pages, percentages with %", () => {
    expect(summary.length).toBeGreaterThanOrEqual(1);
    for (const p of summary) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    const text = summary.map((p) => p.text).join("\f");
    expect(text).toMatch(/\b\d{1,3}\.\d%/);
    expect(text).toContain("100.0%");
    // Each table's header and its last row are on one page.
    const pageOf = (needle: RegExp) => summary.findIndex((p) => needle.test(p.text));
    const tables: [RegExp, RegExp][] = [
      [/Category\s+Label\s+Schools\s+% of schools/, /^Total\s+400\s+100\.0%/m],
      [/^District\s+D\s+C/m, /^Tamworth\s/m],
      [/^Phase\s+D\s+C/m, /^Special\s/m],
      [/^Ofsted grade\s+Schools\s+% of schools/m, /^No Ofsted grade\s/m],
      [/^Measure\s+Local authority/m, /^% of pupils in schools that are not good\s/m],
    ];
    for (const [header, last] of tables) {
      expect(pageOf(header)).toBeGreaterThanOrEqual(0);
      expect(pageOf(last)).toBe(pageOf(header));
    }
  });

  it("the sheets say so in the file: page setup in schema order, the print titles, wrapped reasons, band colours", async () => {
    const bytes = new Uint8Array(fs.readFileSync(out));
    const xml = textOf(bytes, sheetPartOf(unzipSync(bytes), "Schools"));
    expect(xml).toMatch(/^<\?xml[^>]*>\s*<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><dimension/);
    expect(xml).toMatch(/<dataValidations .*<\/dataValidations><pageMargins left="0.25" right="0.25"[^>]*\/><pageSetup orientation="landscape"[^>]* fitToWidth="1" fitToHeight="0"[^>]*\/><headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N<\/oddFooter><\/headerFooter><\/worksheet>$/);
    // A4, as the sheet named no paper of its own (OOXML's default would be Letter).
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
    expect(textOf(bytes, "xl/workbook.xml")).toContain(`<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'Schools'!$1:$1</definedName></definedNames>`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Schools")!;
    const reasons = (ws.getRow(1).values as unknown[]).indexOf("Reasons");
    expect(ws.getCell(2, reasons).alignment?.wrapText).toBe(true);
    const sum = wb.getWorksheet(SUMMARY_SHEET)!;
    const bandRow = [...Array(12).keys()].map((i) => sum.getRow(i + 1)).find((r) => r.getCell(1).value === "D")!;
    expect((bandRow.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(bandRow.getCell(4).numFmt).toBe('0.0"%"');
  });

  it("a re-run keeps one print title and the same page setup; a clear leaves a valid workbook without the wrapped results", async () => {
    const again = file("again.xlsx");
    const cleared = file("cleared.xlsx");
    const rerun = await runCli([out, "--rules", STAFFS_RULES, "--out", again, "--as-of", AS_OF, "--quiet"]);
    expect(rerun).toMatchObject({ code: 0, err: "" });
    expect(rerun.out).not.toContain("keeps its own page setup");
    const first = new Uint8Array(fs.readFileSync(out));
    const second = new Uint8Array(fs.readFileSync(again));
    // The page setup is written again as it was (sheetPr first, the rest after the validations).
    const part = sheetPartOf(unzipSync(second), "Schools");
    const setup = (bytes: Uint8Array) => {
      const xml = textOf(bytes, part);
      return [/<sheetPr>.*?<\/sheetPr>/.exec(xml)![0], xml.slice(xml.indexOf("<pageMargins"))];
    };
    expect(setup(second)).toEqual(setup(first));
    expect(textOf(second, "xl/workbook.xml").match(/_xlnm\.Print_Titles/g)).toHaveLength(1);
    expect(pages(toPdf(again)).filter((p) => p.sheet === "Schools")).toHaveLength(schools.length);

    expect((await runCli(["clear", again, "--out", cleared])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleared);
    expect(wb.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect((wb.getWorksheet("Schools")!.getRow(1).values as unknown[]).includes("Reasons")).toBe(false);
    const printed = pages(toPdf(cleared));
    expect(printed.length).toBeGreaterThan(0);
    expect(Object.keys(partsOf(new Uint8Array(fs.readFileSync(cleared))))).toContain("xl/workbook.xml");
  });
});

describe("an officer's own page setup", () => {
  it("survives a run whole, and the run says so", async () => {
    // The officer prints portrait at 80%, with a footer of their own and a print area.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(STAFFS_BOOK);
    const ws = wb.getWorksheet("Schools")!;
    ws.pageSetup.orientation = "portrait";
    ws.pageSetup.scale = 80;
    ws.pageSetup.printArea = "A1:J401";
    ws.headerFooter = { oddFooter: "&LCommittee copy&RConfidential" };
    const input = file("officer.xlsx");
    await wb.xlsx.writeFile(input);
    const before = new Uint8Array(fs.readFileSync(input));
    const sheetPart = sheetPartOf(unzipSync(before), "Schools");
    const own = (xml: string) => ({
      setup: /<pageSetup[^>]*\/>/.exec(xml)![0],
      margins: /<pageMargins[^>]*\/>/.exec(xml)![0],
      footer: /<headerFooter>.*<\/headerFooter>/.exec(xml)![0],
      fit: /<pageSetUpPr[^>]*>/.exec(xml)?.[0] ?? null,
    });

    const out = file("officer-out.xlsx");
    const run = await runCli([input, "--rules", STAFFS_RULES, "--out", out, "--as-of", AS_OF]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Note: 'Schools' keeps its own page setup (a print scale of 80%, a print area, a header or footer), so it prints as the officer set it.");
    const after = new Uint8Array(fs.readFileSync(out));
    expect(own(textOf(after, sheetPart))).toEqual(own(textOf(before, sheetPart)));
    const names = textOf(after, "xl/workbook.xml");
    expect(names).toContain("_xlnm.Print_Area");
    expect(names).not.toContain("_xlnm.Print_Titles");
    // The results still wrap, and the summary still gets its own layout.
    expect(textOf(after, "xl/styles.xml")).toContain('wrapText="1"');
    const printed = pages(toPdf(out));
    expect(printed[0].height).toBeGreaterThan(printed[0].width);
    expect(printed.filter((p) => p.sheet === SUMMARY_SHEET).every((p) => p.width > p.height)).toBe(true);
  });
});
