// Writing small real .xlsx files with ExcelJS for command-line tests.
import ExcelJS from "exceljs";

export type Cell = string | number | boolean | Date | null;

/** Writes sheets given as rows (the first row is the header) to an .xlsx file. */
export async function writeBook(file: string, sheets: Record<string, Cell[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** Rows from header -> value records (headers in first-seen order). */
export function rowsOf(records: Record<string, Cell>[]): Cell[][] {
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return [headers, ...records.map((r) => headers.map((h) => r[h] ?? null))];
}
