/// <reference types="office-js" />
// Cell formats through Office.js: fills and fonts on many cells at once (one RangeAreas per style,
// addresses split under Excel's limit), and reading officer cells' fills before we first colour
// them, by segments of a column first and cell by cell only where a segment's fills differ.
import type { CellRef, CellStyle, FillSnapshot } from "../../engine";
import { addressChunks } from "./a1";
import type { Context } from "./read";
import { inBatches, OPERATION_BYTES } from "./request-budget";

/**
 * Rows of one column whose fill is asked for at once: long segments first, then short ones where a
 * long one's fills differ, before any cell is read by itself.
 */
export const FILL_SEGMENT_ROWS = [500, 25];
/** Rows not needed that one per-cell read may span, rather than start another (a range costs more than a few cells). */
const MERGE_GAP = 3;
/** JSON bytes of one range's fill, as Excel answers. */
const RANGE_FILL_BYTES = 150;
/** JSON bytes of one cell's fill properties, as getCellProperties answers (about 80, rounded up). */
const CELL_FILL_BYTES = 100;

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


type FillRead = { color?: string | null; pattern?: string | null; patternColor?: string | null } | undefined;

/** A fill as Office reports it, as the run record keeps it: "None" pattern or no colour is no fill. */
function snapshotOf(fill: FillRead): FillSnapshot {
  if (!fill || !fill.color || fill.pattern === "None") return { color: null };
  if (fill.pattern && fill.pattern !== "Solid") return { color: fill.color, pattern: fill.pattern, patternColor: fill.patternColor ?? undefined };
  return { color: fill.color };
}

/** One fill for the whole range: colour and pattern the same in every cell (Excel answers null where they differ). */
const isUniform = (f: FillRead): boolean => !!f && f.color != null && f.pattern != null && (f.pattern === "None" || f.pattern === "Solid" || f.patternColor != null);

/** Rows of one column read together: `rows` are the cells needed, within first..last. */
interface ColumnRun {
  column: number;
  rows: number[];
}
const height = (r: ColumnRun) => r.rows[r.rows.length - 1] - r.rows[0] + 1;

/** Cuts each column's needed rows (sorted) into runs: a new run where `cut(first, previous, row)` says. */
function columnRuns(runs: ColumnRun[], cut: (first: number, previous: number, row: number) => boolean): ColumnRun[] {
  const out: ColumnRun[] = [];
  for (const { column, rows } of runs) {
    let current: ColumnRun | undefined;
    for (const row of rows) {
      if (!current || cut(current.rows[0], current.rows[current.rows.length - 1], row)) out.push((current = { column, rows: [] }));
      current.rows.push(row);
    }
  }
  return out;
}

/**
 * Reads the current fills of cells (officer cells about to be coloured for the first time), in
 * order. A request asks each column segment of FILL_SEGMENT_ROWS[0] rows for its one fill (an
 * officer's sheet is mostly one fill), the next asks the shorter segments of those whose fills
 * differ; only in short segments with more than one fill are the cells read one by one.
 */
export async function readFills(context: Context, ws: Excel.Worksheet, cells: CellRef[]): Promise<FillSnapshot[]> {
  const out = new Map<string, FillSnapshot>();
  const key = (row: number, column: number) => `${row}:${column}`;
  const byColumn = new Map<number, number[]>();
  for (const c of cells) (byColumn.get(c.column) ?? byColumn.set(c.column, []).get(c.column)!).push(c.row);
  const columns = [...byColumn].map(([column, rows]) => ({ column, rows: [...new Set(rows)].sort((a, b) => a - b) }));
  const range = (r: ColumnRun) => ws.getRangeByIndexes(r.rows[0] - 1, r.column - 1, height(r), 1);

  let mixed = columns;
  for (const size of FILL_SEGMENT_ROWS) {
    const segments = columnRuns(mixed, (first, _previous, row) => row - first >= size);
    mixed = [];
    await inBatches(
      context,
      segments,
      () => 2 * OPERATION_BYTES + RANGE_FILL_BYTES,
      (segment) => {
        const fill = range(segment).format.fill;
        fill.load("color,pattern,patternColor");
        return fill;
      },
      (segment, fill) => {
        if (!isUniform(fill)) {
          mixed.push(segment);
          return;
        }
        const snapshot = snapshotOf(fill);
        for (const row of segment.rows) out.set(key(row, segment.column), snapshot);
      },
    );
  }

  const runs = columnRuns(mixed, (_first, previous, row) => row - previous > MERGE_GAP + 1);
  await inBatches(
    context,
    runs,
    (run) => 2 * OPERATION_BYTES + height(run) * CELL_FILL_BYTES,
    (run) => range(run).getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } }),
    (run, result) => result.value.forEach((row, i) => out.set(key(run.rows[0] + i, run.column), snapshotOf(row[0]?.format?.fill))),
  );
  return cells.map((c) => out.get(key(c.row, c.column)) ?? { color: null });
}
