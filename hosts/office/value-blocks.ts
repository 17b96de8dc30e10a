// Cutting the results values into write requests by their measured size: rows are taken while
// the block's JSON (values and number formats) stays within the budget, whatever the order of
// long and short rows. A row too big alone is cut by columns; a cell too big alone is refused.
import { NotWrittenError } from "../../engine";
import { jsonCellBytes, jsonStringBytes, MAX_REQUEST_BYTES, OPERATION_BYTES } from "./request-budget";

/** A value as Office.js writes it, with the number format it needs (if any). */
export interface OfficeCell {
  value: string | number | boolean;
  format?: string;
}

/** One write request: a rectangle of the values grid, 0-based within it. */
export interface ValueBlock {
  top: number;
  rows: number;
  left: number;
  columns: number;
}

export interface BlockLimits {
  /** Most rows in one block. */
  maxRows: number;
  /** Most bytes in one request (MAX_REQUEST_BYTES unless a test says otherwise). */
  budget?: number;
  /** Names a cell (0-based within the grid) for the message when one alone is too big. */
  describe: (row: number, column: number) => string;
}

const size = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.ceil(n / 1e3)} KB`);

/**
 * Blocks covering the grid in order, each request at most the budget. Every row is measured
 * once: its values, plus the number format sent for each column that has one anywhere.
 */
export function valueBlocks(cells: readonly OfficeCell[][], width: number, limits: BlockLimits): ValueBlock[] {
  const budget = limits.budget ?? MAX_REQUEST_BYTES;
  const formatted = Array.from({ length: width }, (_, j) => cells.some((r) => r[j].format !== undefined));
  const formattedCount = formatted.filter(Boolean).length;
  // The range, its values, one numberFormat per formatted column, and the screen-updating call.
  const room = budget - OPERATION_BYTES * (3 + 2 * formattedCount);
  // A cell: its value and comma; in a formatted column also its format, bracketed as a row of one.
  const cellBytes = (c: OfficeCell, j: number) => jsonCellBytes(c.value) + 1 + (formatted[j] ? jsonStringBytes(c.format ?? "General") + 3 : 0);

  const blocks: ValueBlock[] = [];
  let top = 0;
  let bytes = 0;
  const close = (end: number) => {
    if (end > top) blocks.push({ top, rows: end - top, left: 0, columns: width });
    top = end;
    bytes = 0;
  };
  for (let i = 0; i < cells.length; i++) {
    let row = 2;
    for (let j = 0; j < width; j++) row += cellBytes(cells[i][j], j);
    if (row > room) {
      close(i);
      blocks.push(...columnPieces(cells[i], i, room, cellBytes, limits, budget));
      top = i + 1;
      continue;
    }
    if (bytes + row > room || i - top >= limits.maxRows) close(i);
    bytes += row;
  }
  close(cells.length);
  return blocks;
}

/** One row too big for a request, cut into runs of columns that each fit. */
function columnPieces(
  row: readonly OfficeCell[],
  i: number,
  room: number,
  cellBytes: (c: OfficeCell, j: number) => number,
  limits: BlockLimits,
  budget: number,
): ValueBlock[] {
  const pieces: ValueBlock[] = [];
  let left = 0;
  let bytes = 2;
  for (let j = 0; j < row.length; j++) {
    const b = cellBytes(row[j], j);
    if (b + 2 > room) {
      throw new NotWrittenError(
        "too-large",
        `The results cell ${limits.describe(i, j)} holds ${size(b)}, more than one request to Excel may carry (${size(budget)}), so no results were written.`,
      );
    }
    if (bytes + b > room) {
      pieces.push({ top: i, rows: 1, left, columns: j - left });
      left = j;
      bytes = 2;
    }
    bytes += b;
  }
  pieces.push({ top: i, rows: 1, left, columns: row.length - left });
  return pieces;
}
