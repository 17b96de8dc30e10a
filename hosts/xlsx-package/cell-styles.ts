// The style index (s="…") of every cell of a worksheet, noted as the values are read, so the fills
// of the cells a run colours are looked up afterwards without reading the sheet again. A cell that
// is not in the sheet shows its row's style (customFormat) or its column's (<cols>), as in Excel.
import { columnStyle, type ColumnRange } from "./column-widths";

/** Cells noted at most, in all; beyond that the notes are dropped and the sheet is read again. */
const MAX_CELLS = 8_000_000;

export class CellStyles {
  /** The styles of rows that have one (customFormat). */
  readonly rowStyles = new Map<number, number>();
  readonly ranges: ColumnRange[] = [];
  /** Each row's cells as pairs (column, style), from rowStart[k] to rowStart[k + 1]. */
  private pairs = new Int32Array(1 << 16);
  private length = 0;
  private readonly rowNumbers: number[] = [];
  private readonly rowStart: number[] = [];
  private byRow: Map<number, number[]> | undefined;
  /** Too many cells to note: styleOf is not to be asked. */
  full = false;

  /** A row starts (its cells follow). */
  row(r: number): void {
    if (this.full) return;
    this.rowNumbers.push(r);
    this.rowStart.push(this.length);
  }

  cell(column: number, style: number): void {
    if (this.full || !this.rowNumbers.length) return;
    if (this.length + 2 > this.pairs.length) {
      if (this.length >= 2 * MAX_CELLS) {
        this.drop();
        return;
      }
      const grown = new Int32Array(2 * this.pairs.length);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[this.length++] = column;
    this.pairs[this.length++] = style;
  }

  /** The style a cell shows: its own, else its row's, else its column's. */
  styleOf(row: number, column: number): number {
    if (!this.byRow) {
      this.byRow = new Map();
      this.rowNumbers.forEach((r, k) => {
        const list = this.byRow!.get(r);
        if (list) list.push(k);
        else this.byRow!.set(r, [k]);
      });
    }
    let style = -1;
    // The last of the row's cells at that column counts (a sheet may repeat one).
    for (const k of this.byRow.get(row) ?? []) {
      const end = k + 1 < this.rowStart.length ? this.rowStart[k + 1] : this.length;
      for (let i = this.rowStart[k]; i < end; i += 2) if (this.pairs[i] === column) style = this.pairs[i + 1];
    }
    return style >= 0 ? style : (this.rowStyles.get(row) ?? columnStyle(this.ranges, column));
  }

  private drop(): void {
    this.full = true;
    this.pairs = new Int32Array(0);
    this.length = 0;
    this.rowNumbers.length = this.rowStart.length = 0;
  }
}
