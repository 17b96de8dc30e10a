// CSV files for command-line tests: rows written as a spreadsheet or DfE table would write them,
// and the example workbook's schools as rows.
import ExcelJS from "exceljs";
import * as path from "node:path";
import type { Cell } from "./workbook";

const ROOT = path.resolve(__dirname, "../..");

/** One field: quoted when it holds a comma, a quote or a line break (quotes doubled); dates as YYYY-MM-DD. */
export function csvField(v: Cell): string {
  if (v === null) return "";
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Cell[][], { bom = false, eol = "\r\n" } = {}): string {
  return (bom ? "\uFEFF" : "") + rows.map((r) => r.map(csvField).join(",")).join(eol) + eol;
}

/** The example workbook's Schools sheet as rows (header first), every row as wide as the header. */
export async function exampleSchools(file = path.join(ROOT, "examples/staffordshire-schools.xlsx")): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Schools")!;
  const width = ws.getRow(1).cellCount;
  const rows: Cell[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(Array.from({ length: width }, (_, j) => (values[j] ?? null) as Cell));
  });
  return rows;
}
