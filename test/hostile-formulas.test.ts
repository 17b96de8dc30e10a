// A workbook saved by a tool that does not calculate: formulas with no saved value. The run reads
// those cells as missing and says so on the school's row, naming the cell; nothing is decided as if
// the value were there. Real files through the command line.
import * as fs from "fs";
import * as path from "path";
import { rawWorkbook } from "./xlsx-package/raw-workbook";
import { runCli, tempDir } from "./helpers/cli";

const dir = tempDir("formulas-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;

test("a formula saved without its value is missing, with a warning naming the cell on its row", async () => {
  const rows = [
    `<row r="1">${text("A1", "URN")}${text("B1", "School name")}${text("C1", "Ofsted grade")}</row>`,
    `<row r="2"><c r="A2"><v>100001</v></c>${text("B2", "Abbey")}<c r="C2"><f>4</f><v>4</v></c></row>`,
    `<row r="3"><c r="A3"><v>100002</v></c>${text("B3", "Brook")}<c r="C3"><f>VLOOKUP(A3,Grades!A:B,2,FALSE)</f></c></row>`,
  ];
  const input = path.join(dir, "uncalculated.xlsx");
  fs.writeFileSync(input, rawWorkbook({ sheets: [{ name: "Schools", sheetData: rows.join("") }] }));
  const report = path.join(dir, "report.json");
  const run = await runCli([input, "--out", path.join(dir, "out.xlsx"), "--report", report, "--as-of", "2026-11-20", "--quiet"]);
  expect(run).toMatchObject({ code: 0, err: "" });
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const [abbey, brook] = json.rows;
  expect(abbey.band).toBe("D"); // the saved value 4 is read
  expect(abbey.warnings).toEqual([]);
  expect(brook.warnings).toEqual([
    "Row 3: Cell C3 on sheet 'Schools' holds a formula saved without its value, as tools other than Excel save them, so it reads as empty. Open the file in Excel and save it, then try again.",
  ]);
  expect(brook.reasons.join("\n")).not.toMatch(/Ofsted grade is .* \(actual 4\)/);
});
