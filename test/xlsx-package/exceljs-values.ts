// What the ExcelJS host reads from a workbook (ExcelJS load + plainValue, cell by cell), and a cell by
// cell comparison with readWorkbookValues.
import ExcelJS from "exceljs";
import type { CellValue, SheetGrid } from "../../hosts/xlsx-package";
import { plainValue } from "../helpers/exceljs-source";

export async function loadExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export const valueAt = (grid: SheetGrid, row: number, column: number): CellValue => grid.rows[row - grid.firstRow]?.[column - grid.firstColumn] ?? null;

const same = (a: CellValue, b: CellValue) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : Object.is(a, b));

export interface CellDifference {
  sheet: string;
  /** "B7" */
  cell: string;
  exceljs: CellValue;
  reader: CellValue;
}

const ref = (row: number, column: number) => {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s + row;
};

/**
 * Every cell where either side has a value and the two differ: each cell ExcelJS holds (values and
 * formatting alike), and each value in the reader's grids.
 */
export function differences(wb: ExcelJS.Workbook, grids: Map<string, SheetGrid>): CellDifference[] {
  const out: CellDifference[] = [];
  for (const ws of wb.worksheets) {
    const grid = grids.get(ws.name);
    if (!grid) throw new Error(`the reader has no sheet '${ws.name}'`);
    const seen = new Set<string>();
    const check = (r: number, c: number, exceljs: CellValue) => {
      seen.add(`${r}:${c}`);
      const reader = valueAt(grid, r, c);
      if (!same(exceljs, reader)) out.push({ sheet: ws.name, cell: ref(r, c), exceljs, reader });
    };
    ws.eachRow({ includeEmpty: true }, (row, r) => row.eachCell({ includeEmpty: true }, (cell, c) => check(r, c, plainValue(cell))));
    grid.rows.forEach((cells, i) =>
      cells.forEach((v, j) => {
        const r = grid.firstRow + i;
        const c = grid.firstColumn + j;
        if (v !== null && !seen.has(`${r}:${c}`)) check(r, c, plainValue(ws.getCell(r, c)));
      }),
    );
  }
  return out;
}
