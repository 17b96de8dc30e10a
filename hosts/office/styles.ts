/// <reference types="office-js" />
// Cell formats through Office.js: fills and fonts on many cells at once (one RangeAreas per style,
// addresses split under Excel's limit), and reading officer cells' fills before we first colour them.
import type { CellRef, CellStyle, FillSnapshot } from "../../engine";
import { addressChunks } from "./a1";
import { ROWS_PER_BLOCK, type Context } from "./read";

export const FILL_READ_CELLS_PER_SYNC = 40_000;

/** Queues a format change on RangeAreas, returning the number of address characters sent. */
export function queueStyle(ws: Excel.Worksheet, cells: readonly CellRef[], apply: (f: Excel.RangeFormat) => void): number {
  let chars = 0;
  for (const address of addressChunks(cells)) {
    apply(ws.getRanges(address).format);
    chars += address.length;
  }
  return chars;
}


export const applyStyle = (s: CellStyle) => (f: Excel.RangeFormat) => {
  if (s.fill) f.fill.color = s.fill;
  if (s.font) f.font.color = s.font;
  if (s.bold) f.font.bold = true;
};

export const restoreFill = (fill: FillSnapshot) => (f: Excel.RangeFormat) => {
  if (!fill.color) return f.fill.clear();
  f.fill.color = fill.color;
  if (fill.pattern) f.fill.pattern = fill.pattern as Excel.FillPattern;
  if (fill.patternColor) f.fill.patternColor = fill.patternColor;
};


/** Reads the current fills of cells (officer cells about to be coloured for the first time), in order. */
export async function readFills(context: Context, ws: Excel.Worksheet, cells: CellRef[]): Promise<FillSnapshot[]> {
  const out = new Map<string, FillSnapshot>();
  const key = (row: number, column: number) => `${row}:${column}`;
  const byColumn = new Map<number, number[]>();
  for (const c of cells) (byColumn.get(c.column) ?? byColumn.set(c.column, []).get(c.column)!).push(c.row);
  let pending: { column: number; top: number; result: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  let count = 0;
  const flush = async () => {
    if (!pending.length) return;
    await context.sync();
    for (const p of pending) {
      p.result.value.forEach((row, i) => {
        const fill = row[0]?.format?.fill;
        const snapshot: FillSnapshot =
          !fill || !fill.color || fill.pattern === "None"
            ? { color: null }
            : fill.pattern && fill.pattern !== "Solid"
              ? { color: fill.color, pattern: fill.pattern, patternColor: fill.patternColor }
              : { color: fill.color };
        out.set(key(p.top + i, p.column), snapshot);
      });
    }
    pending = [];
    count = 0;
  };
  for (const [column, rows] of byColumn) {
    rows.sort((a, b) => a - b);
    // One range per column and block of rows, spanning the first to the last cell needed.
    for (let i = 0; i < rows.length; ) {
      const top = rows[i];
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] - top < ROWS_PER_BLOCK) j++;
      const height = rows[j] - top + 1;
      if (count && count + height > FILL_READ_CELLS_PER_SYNC) await flush();
      const result = ws
        .getRangeByIndexes(top - 1, column - 1, height, 1)
        .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
      pending.push({ column, top, result });
      count += height;
      i = j + 1;
    }
  }
  await flush();
  return cells.map((c) => out.get(key(c.row, c.column)) ?? { color: null });
}
