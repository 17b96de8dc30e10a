// Finding the table on a sheet: hosts hand over the used range as a grid, and this picks the
// header row (officers often put a title or notes above the table) and trims empty edges.
import type { CellValue, SheetData } from "../workbook";
import { maxOf } from "../util/max-of";

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/**
 * Builds SheetData from a grid whose top-left cell is at (firstRow, firstColumn), both 1-based.
 * The header row is the first of the top 20 rows whose filled cells are mostly text and cover at
 * least half of the widest row.
 */
export function tableFromGrid(name: string, grid: CellValue[][], firstRow = 1, firstColumn = 1): SheetData {
  const width = maxOf(grid, (r) => lastFilled(r) + 1);
  let headerIndex = -1;
  for (let i = 0; i < Math.min(grid.length, 20) && headerIndex < 0; i++) {
    const filled = grid[i].filter((v) => !isBlank(v));
    const texts = filled.filter((v) => typeof v === "string");
    if (filled.length >= Math.max(1, Math.ceil(width / 2)) && texts.length >= filled.length * 0.8) headerIndex = i;
  }
  if (headerIndex < 0) return { name, headers: [], rows: [], headerRow: firstRow, firstColumn };
  const headers = Array.from({ length: width }, (_, c) => {
    const h = grid[headerIndex][c];
    return isBlank(h) ? "" : String(h).trim();
  });
  let rows = grid.slice(headerIndex + 1).map((r) => Array.from({ length: width }, (_, c) => (r[c] === undefined ? null : r[c])));
  while (rows.length && rows[rows.length - 1].every(isBlank)) rows = rows.slice(0, -1);
  return { name, headers, rows, headerRow: firstRow + headerIndex, firstColumn };
}

function lastFilled(row: CellValue[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (!isBlank(row[c])) return c;
  return -1;
}

export { isBlank };
