// A1 addresses for the Office adapter: turning lists of cells into few, short range addresses.
import { columnLetter, type CellRef } from "../../engine";

/** Excel rejects getRange/getRanges addresses longer than 8,192 characters; stay well under. */
export const MAX_ADDRESS_CHARS = 4000;

/** Address of a rectangle given by 1-based corners: "B2", "B2:D9". */
export function areaAddress(row1: number, col1: number, row2 = row1, col2 = col1): string {
  const a = `${columnLetter(col1)}${row1}`;
  return row1 === row2 && col1 === col2 ? a : `${a}:${columnLetter(col2)}${row2}`;
}

export interface Area {
  row1: number;
  col1: number;
  row2: number;
  col2: number;
}

/**
 * Merges cells into rectangles: runs of consecutive rows within a column, then runs of adjacent
 * columns that share the same row span. Deterministic (sorted) so tests can compare addresses.
 */
export function mergeCells(cells: readonly CellRef[]): Area[] {
  const byColumn = new Map<number, number[]>();
  for (const { row, column } of cells) {
    let rows = byColumn.get(column);
    if (!rows) byColumn.set(column, (rows = []));
    rows.push(row);
  }
  // Vertical runs, keyed by their row span.
  const spans = new Map<string, number[]>();
  for (const [column, rows] of byColumn) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] <= rows[i - 1] + 1) continue;
      const key = `${start}:${rows[i - 1]}`;
      if (!spans.has(key)) spans.set(key, []);
      spans.get(key)!.push(column);
      if (i < rows.length) start = rows[i];
    }
  }
  const areas: Area[] = [];
  for (const [key, columns] of spans) {
    const [row1, row2] = key.split(":").map(Number);
    columns.sort((a, b) => a - b);
    let start = columns[0];
    for (let i = 1; i <= columns.length; i++) {
      if (i < columns.length && columns[i] === columns[i - 1] + 1) continue;
      areas.push({ row1, col1: start, row2, col2: columns[i - 1] });
      if (i < columns.length) start = columns[i];
    }
  }
  return areas.sort((a, b) => a.col1 - b.col1 || a.row1 - b.row1);
}

/** Comma-separated address lists for getRanges, each at most maxChars long. */
export function addressChunks(cells: readonly CellRef[], maxChars = MAX_ADDRESS_CHARS): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const a of mergeCells(cells)) {
    const address = areaAddress(a.row1, a.col1, a.row2, a.col2);
    if (current && current.length + 1 + address.length > maxChars) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current},${address}` : address;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Parses "A1", "B2:D9" (no sheet names) into 1-based corners. */
export function parseArea(address: string): Area {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.trim().replace(/^.*!/, ""));
  if (!m) throw new Error(`Not an A1 address: '${address}'`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row1 = Number(m[2]);
  const col1 = col(m[1]);
  return { row1, col1, row2: m[4] ? Number(m[4]) : row1, col2: m[3] ? col(m[3]) : col1 };
}
