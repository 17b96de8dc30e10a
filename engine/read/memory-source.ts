// An in-memory workbook: for ruleset test cases, unit tests and benchmarks.
import type { CellValue, SheetData, WorkbookSource } from "../workbook";

export function memorySource(sheets: Record<string, { headers: string[]; rows: CellValue[][] }>): WorkbookSource {
  const data = new Map<string, SheetData>(
    Object.entries(sheets).map(([name, s]) => [
      name,
      { name, headers: s.headers, rows: s.rows.map((r) => s.headers.map((_, i) => r[i] ?? null)), headerRow: 1, firstColumn: 1 },
    ]),
  );
  return { sheetNames: () => [...data.keys()], readSheet: (name) => data.get(name) };
}

/** Rows given as header -> value records become one sheet (headers in first-seen order). */
export function sheetFromRecords(records: Record<string, CellValue>[]): { headers: string[]; rows: CellValue[][] } {
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return { headers, rows: records.map((r) => headers.map((h) => r[h] ?? null)) };
}
