// The output copy's dropdowns (issue 11): the columns whose values the ruleset lists get Excel list
// validations (warning style), on the schools sheet and the history sheets; long lists are kept on
// the hidden record sheet; an officer's own validation is never replaced; re-runs and Clear keep
// exactly one. Real files through the command line, re-read with ExcelJS.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { STORE_SHEET } from "../engine";
import { runCli, tempDir, STAFFS_BOOK } from "./helpers/cli";

const dir = tempDir("dropdowns-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

async function validations(f: string, sheet: string): Promise<Record<string, { type: string; formulae: string[]; errorStyle?: string }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return (wb.getWorksheet(sheet) as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[]; errorStyle?: string }> } }).dataValidations.model;
}

const headerColumn = async (f: string, sheet: string, header: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return (wb.getWorksheet(sheet)!.getRow(1).values as unknown[]).indexOf(header);
};

test("a run puts list dropdowns on the listed columns; re-runs and Clear keep exactly one", async () => {
  const out = file("out.xlsx");
  expect((await runCli([STAFFS_BOOK, "--out", out, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
  const type = await headerColumn(out, "Schools", "Type");
  const letter = String.fromCharCode(64 + type);
  const schools = await validations(out, "Schools");
  expect(schools[`${letter}2`]).toMatchObject({ type: "list", errorStyle: "warning", formulae: [expect.stringMatching(/^'_categorisation'!\$D\$2:\$D\$\d+$/)] });
  expect(schools[`${letter}400`]).toBeDefined();
  const notice = await headerColumn(out, "Notices", "Notice");
  const notices = await validations(out, "Notices");
  expect(notices[`${String.fromCharCode(64 + notice)}2`].formulae[0]).toMatch(/^"Notice of Concern,Warning notice \(s60\)/);
  // The long list is on the hidden sheet, under the cells it serves.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const store = wb.getWorksheet(STORE_SHEET)!;
  expect(store.state).toBe("veryHidden");
  expect(store.getCell("D1").value).toBe(`Dropdown on 'Schools'!${letter}2:${letter}901`);
  expect(store.getCell("D2").value).toBe("Community school");

  const again = file("again.xlsx");
  expect((await runCli([out, "--out", again, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
  const cleared = file("cleared.xlsx");
  expect((await runCli(["clear", again, "--out", cleared])).code).toBe(0);
  for (const f of [again, cleared]) {
    const text = execUnzip(f);
    expect(text.match(/<dataValidation /g)).toHaveLength(1);
    expect(await validations(f, "Schools")).toEqual(schools);
  }
  const clearedBook = new ExcelJS.Workbook();
  await clearedBook.xlsx.readFile(cleared);
  expect(clearedBook.getWorksheet(STORE_SHEET)!.getCell("D2").value).toBe("Community school");
});

test("an officer's own validation on a listed column is kept, and ours is not added over it", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(STAFFS_BOOK);
  const ws = wb.getWorksheet("Schools")!;
  const type = (ws.getRow(1).values as unknown[]).indexOf("Type");
  ws.getCell(3, type).dataValidation = { type: "list", allowBlank: true, formulae: ['"Mine,Yours"'] };
  const input = file("own-validation.xlsx");
  await wb.xlsx.writeFile(input);
  const out = file("own-validation-out.xlsx");
  expect((await runCli([input, "--out", out, "--as-of", "2026-11-20", "--quiet"])).code).toBe(0);
  const schools = await validations(out, "Schools");
  const letter = String.fromCharCode(64 + type);
  expect(schools[`${letter}3`]).toMatchObject({ type: "list", formulae: ['"Mine,Yours"'] });
  expect(schools[`${letter}2`]).toBeUndefined();
});

function execUnzip(f: string): string {
  return strFromU8(unzipSync(new Uint8Array(fs.readFileSync(f)))["xl/worksheets/sheet1.xml"]);
}
