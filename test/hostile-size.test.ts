// Excel's whole sheet through the command line: a workbook with a school on every one of its
// 1,048,576 rows is refused with a clear message, quickly and within a 4 GB heap, in a process of
// its own; the input is untouched and no output is written.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { rawWorkbookParts } from "./xlsx-package/raw-workbook";
import { ROOT, tempDir } from "./helpers/cli";

const ROWS = 1_048_576;

function sheetXml(): Uint8Array {
  const pieces: Uint8Array[] = [strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')];
  pieces.push(strToU8('<row r="1"><c r="A1" t="inlineStr"><is><t>URN</t></is></c><c r="B1" t="inlineStr"><is><t>School name</t></is></c><c r="C1" t="inlineStr"><is><t>Ofsted grade</t></is></c></row>'));
  for (let start = 2; start <= ROWS; start += 10_000) {
    let s = "";
    for (let r = start; r < start + 10_000 && r <= ROWS; r++) s += `<row r="${r}"><c r="A${r}"><v>${100000 + r}</v></c><c r="B${r}" t="inlineStr"><is><t>S${r}</t></is></c><c r="C${r}"><v>${1 + (r % 4)}</v></c></row>`;
    pieces.push(strToU8(s));
  }
  pieces.push(strToU8("</sheetData></worksheet>"));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

test("a school on each of Excel's 1,048,576 rows is refused, naming the sheet and the limit", () => {
  const dir = tempDir("size-");
  try {
    const parts = rawWorkbookParts({ sheets: [{ name: "Schools", sheetData: "" }] });
    const files: Zippable = {};
    for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
    files["xl/worksheets/sheet1.xml"] = [sheetXml(), { level: 1 }];
    const input = path.join(dir, "all-rows.xlsx");
    fs.writeFileSync(input, zipSync(files));
    const out = path.join(dir, "out.xlsx");
    const started = Date.now();
    let result: { status: number; stderr: string };
    try {
      execFileSync(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", "cli/main.ts", input, "--out", out], { cwd: ROOT, encoding: "utf8", stdio: "pipe", timeout: 240_000 });
      result = { status: 0, stderr: "" };
    } catch (e) {
      const err = e as { status: number; stderr: string };
      result = { status: err.status, stderr: err.stderr };
    }
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "categorise: Sheet 'Schools' has 1,048,575 rows of data; one run categorises at most 200,000 (England has about 24,000 state schools). Remove rows that are not schools, or split the sheet, and run again.",
    ]);
    expect(fs.existsSync(out)).toBe(false);
    console.log(`1,048,576 rows refused in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
