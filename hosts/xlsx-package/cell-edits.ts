// The cell edits of one sheet in row and column order, several edits of one cell made one (later
// values win, style patches merge), each checked as it is read. Each edit's fields are read once
// into arrays and the edits sorted by counting rows, so a run's hundreds of thousands of edits cost
// a few passes over arrays, not a map entry or an array per row.
import type { CellEditList } from "./cell-edit-list";
import type { CellStylePatch, CellEdit, CellValue } from "./types";
import * as validateEdits from "./validate-edits";

// Used once per edit, held here: a bundler's module getters cost more than the check itself.
const { checkCellEdit } = validateEdits;

/**
 * Edits by row: the edits of rows[k] are those from rowStart[k] up to rowStart[k + 1], by column;
 * edit i is at columns[i], and sets values[i] (undefined: keeps the value), styles[i] and clears[i].
 */
export interface SortedCellEdits {
  /** The rows that have edits, in order. */
  rows: Int32Array;
  rowStart: Int32Array;
  columns: Int32Array;
  values: (CellValue | undefined)[];
  styles: (CellStylePatch | undefined)[];
  /** 1: the cell loses its value and style first. */
  clears: Uint8Array;
}

/**
 * The edits sorted and merged (cells, then each list's, in order); `where` names the sheet in the
 * message about an edit that cannot be made.
 */
export function sortCellEdits(cells: CellEdit[], where: string, lists: readonly CellEditList[] = []): SortedCellEdits {
  const n = lists.reduce((total, list) => total + list.length, cells.length);
  const rowOf = new Int32Array(n);
  const columnOf = new Int32Array(n);
  const valueOf: (CellValue | undefined)[] = new Array(n);
  const styleOf: (CellStylePatch | undefined)[] = new Array(n);
  /** 0: clear not given, 1: clear, 2: clear given as false. */
  const clearOf = new Uint8Array(n);
  let lastRow = 0;
  /** The last style checked: edits often share one style object, checked once. */
  let checked: CellStylePatch | undefined;
  for (let i = 0; i < cells.length; i++) {
    const e = cells[i];
    const { row, column, value, style, clear } = e;
    checkCellEdit(row, column, value, style === checked ? undefined : style, where);
    checked = style;
    rowOf[i] = row;
    columnOf[i] = column;
    valueOf[i] = value;
    styleOf[i] = style;
    clearOf[i] = clear ? 1 : clear === false ? 2 : 0;
    if (row > lastRow) lastRow = row;
  }
  let i = cells.length;
  for (const list of lists) {
    const { rows, columns, values, styles } = list;
    for (let k = 0; k < list.length; k++, i++) {
      const row = rows[k];
      const style = styles[k];
      checkCellEdit(row, columns[k], values[k], style === checked ? undefined : style, where);
      checked = style;
      rowOf[i] = row;
      columnOf[i] = columns[k];
      valueOf[i] = values[k];
      styleOf[i] = style;
      if (row > lastRow) lastRow = row;
    }
  }
  // Counting sort by row (stable: the edits of one cell stay in the order given).
  const start = new Int32Array(lastRow + 2);
  for (let i = 0; i < n; i++) start[rowOf[i] + 1]++;
  let rowCount = 0;
  for (let r = 1; r <= lastRow + 1; r++) {
    if (r <= lastRow && start[r + 1]) rowCount++;
    start[r] += start[r - 1];
  }
  const order = new Int32Array(n);
  const next = start.slice();
  for (let i = 0; i < n; i++) order[next[rowOf[i]]++] = i;

  const out: SortedCellEdits = { rows: new Int32Array(rowCount), rowStart: new Int32Array(rowCount + 1), columns: new Int32Array(n), values: [], styles: [], clears: new Uint8Array(n) };
  const { rows, rowStart, columns, values, styles, clears } = out;
  let k = 0;
  let m = 0;
  for (let r = 1; r <= lastRow; r++) {
    const from = start[r];
    const to = start[r + 1];
    if (from === to) continue;
    sortByColumn(order, from, to, columnOf);
    rows[k] = r;
    rowStart[k++] = m;
    for (let j = from; j < to; j++) {
      const i = order[j];
      const clear = clearOf[i];
      if (j > from && columnOf[i] === columns[m - 1]) {
        // A later edit of the same cell: merged over the one before.
        const last = m - 1;
        if (clear === 1) [values[last], styles[last], clears[last]] = [valueOf[i], styleOf[i], 1];
        else {
          if (valueOf[i] !== undefined) values[last] = valueOf[i];
          const a = styles[last];
          const b = styleOf[i];
          styles[last] = a && b ? { ...a, ...b } : (a ?? b);
          if (clear === 2) clears[last] = 0;
        }
        continue;
      }
      columns[m] = columnOf[i];
      values[m] = valueOf[i];
      styles[m] = styleOf[i];
      clears[m++] = clear === 1 ? 1 : 0;
    }
  }
  rowStart[rowCount] = m;
  out.columns = columns.subarray(0, m);
  out.clears = clears.subarray(0, m);
  return out;
}

/** The edits by row, merged, in column order (for tests and for callers that want a map). */
export function mergeCellEdits(cells: CellEdit[]): Map<number, CellEdit[]> {
  const { rows, rowStart, columns, values, styles, clears } = sortCellEdits(cells, "Sheet");
  const byRow = new Map<number, CellEdit[]>();
  rows.forEach((row, k) => {
    const list: CellEdit[] = [];
    for (let i = rowStart[k]; i < rowStart[k + 1]; i++) list.push({ row, column: columns[i], value: values[i], style: styles[i], ...(clears[i] ? { clear: true } : {}) });
    byRow.set(row, list);
  });
  return byRow;
}

/** Sorts order[from..to) by column, stably (an insertion sort: rows are short; a row is usually in order already). */
function sortByColumn(order: Int32Array, from: number, to: number, columnOf: Int32Array): void {
  if (to - from > 64) {
    const part = Array.from(order.subarray(from, to)).sort((a, b) => columnOf[a] - columnOf[b] || a - b);
    order.set(part, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = order[i];
    const c = columnOf[x];
    let j = i - 1;
    for (; j >= from && columnOf[order[j]] > c; j--) order[j + 1] = order[j];
    order[j + 1] = x;
  }
}
