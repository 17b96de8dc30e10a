// Many cell edits without an object for each: a run writes hundreds of thousands (its results and
// fills), and one object per edit costs more to make and collect than the patch that uses them.
// Edit i is at rows[i], columns[i] and sets values[i] (undefined: keeps the value) and styles[i].
import type { CellStylePatch, CellValue } from "./types";

export class CellEditList {
  rows: Float64Array;
  columns: Float64Array;
  readonly values: (CellValue | undefined)[] = [];
  readonly styles: (CellStylePatch | undefined)[] = [];
  length = 0;

  /** expected: about how many edits will be added (the list grows past it). */
  constructor(expected = 1024) {
    this.rows = new Float64Array(Math.max(16, expected));
    this.columns = new Float64Array(Math.max(16, expected));
  }

  add(row: number, column: number, value?: CellValue, style?: CellStylePatch): void {
    const i = this.length++;
    if (i === this.rows.length) {
      const rows = new Float64Array(2 * i);
      rows.set(this.rows);
      this.rows = rows;
      const columns = new Float64Array(2 * i);
      columns.set(this.columns);
      this.columns = columns;
    }
    this.rows[i] = row;
    this.columns[i] = column;
    this.values.push(value);
    this.styles.push(style);
  }
}
