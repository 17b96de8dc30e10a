// readCellFills: the fill each cell shows now, read before a run colours it, so a later patch can
// put it back exactly (fillXml). The cells' styles come from those noted when the sheet's values
// were read (PartCache); without them the sheet is scanned on its bytes as it is inflated, and only
// up to the last row asked about.
import { columnRange, columnStyle, type ColumnRange } from "./column-widths";
import type { PartCache } from "./part-cache";
import type { CellFill, CellPosition } from "./types";
import { WorkbookPackage } from "./workbook-package";
import * as xmlBytes from "./xml-bytes";
import { AttributeCursor, attributesOf, EL, scanPart, type XmlByteHandler } from "./xml-bytes";

// Used once per cell, held here: a bundler's module getters cost more than the cell itself.
const { digitsOf, columnOfBytes } = xmlBytes;
const { c: C, row: ROW, col: COL, cols: COLS, sheetData: SHEET_DATA } = EL;
const CHAR_R = 114;
const CHAR_S = 115;

/** Fills by "row:column". A cell that does not exist shows its row's or its column's fill. */
export function readCellFills(bytes: Uint8Array, sheet: string, cells: CellPosition[], parts?: PartCache): Map<string, CellFill> {
  const list = readCellFillList(bytes, sheet, cells, parts);
  const fills = new Map<string, CellFill>();
  cells.forEach((c, i) => {
    const fill = list[i];
    fills.set(`${c.row}:${c.column}`, fill.fillXml === undefined ? { color: fill.color } : { color: fill.color, fillXml: fill.fillXml });
  });
  return fills;
}

/**
 * The fill of each cell asked about, in the same order. Cells of one style share one object: it
 * must not be changed.
 */
export function readCellFillList(bytes: Uint8Array, sheet: string, cells: CellPosition[], parts?: PartCache): readonly CellFill[] {
  const pkg = new WorkbookPackage(bytes, parts);
  const part = pkg.worksheetPart(pkg.sheet(sheet));
  const styles = pkg.styles().sheet;
  const rows = new Int32Array(cells.length);
  const columns = new Int32Array(cells.length);
  cells.forEach((c, i) => {
    rows[i] = c.row;
    columns[i] = c.column;
  });
  // The styles noted when the sheet's values were read, else the sheet read again for them.
  const noted = pkg.cache?.cellStyles(pkg.entry(part)!);
  const reader = noted ? undefined : new CellStyleReader(part, rows, columns);
  if (reader && cells.length) scanPart(bytes, pkg.entry(part)!, reader, pkg.cache);
  const styleOf = (i: number) => {
    if (noted) return noted.styleOf(rows[i], columns[i]);
    const own = reader!.cellStyles[i];
    return own >= 0 ? own : (reader!.rowStyles.get(rows[i]) ?? columnStyle(reader!.ranges, columns[i]));
  };

  const byStyle = new Map<number, CellFill>();
  const fills: CellFill[] = new Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const s = styleOf(i);
    let fill = byStyle.get(s);
    if (!fill) {
      const fillXml = styles.fillXml(s);
      fill = fillXml === undefined ? { color: null } : { color: styles.solidColor(s), fillXml };
      byStyle.set(s, fill);
    }
    fills[i] = fill;
  }
  return fills;
}

/** The style index of each cell asked about that exists, with the row and column styles around them. */
class CellStyleReader implements XmlByteHandler {
  done = false;
  /** By the index of the cell in the list asked about; -1 when the sheet has no such cell. */
  readonly cellStyles: Int32Array;
  /** The styles of rows that have one (customFormat). */
  readonly rowStyles = new Map<number, number>();
  readonly ranges: ColumnRange[] = [];
  /** Indices of the cells asked about, by row, in column order. */
  private readonly wanted = new Map<number, number[]>();
  private readonly lastRow: number;
  private depth = 0;
  private inCols = false;
  private inSheetData = false;
  private row = 0;
  private column = 0;
  /** The open row's cells asked about, or undefined when it has none. */
  private rowCells: number[] | undefined;
  private readonly attributes = new AttributeCursor();

  /** The cells asked about: cell i is at rows[i], columns[i]. */
  constructor(
    private readonly part: string,
    rows: Int32Array,
    private readonly columns: Int32Array,
  ) {
    this.cellStyles = new Int32Array(rows.length).fill(-1);
    let lastRow = 0;
    rows.forEach((r, i) => {
      const list = this.wanted.get(r);
      if (list) list.push(i);
      else this.wanted.set(r, [i]);
      lastRow = Math.max(lastRow, r);
    });
    for (const list of this.wanted.values()) if (list.length > 1) list.sort((a, b) => columns[a] - columns[b]);
    this.lastRow = lastRow;
  }

  open(id: number, b: Uint8Array, as: number, ae: number, selfClosing: boolean): void {
    const depth = this.depth;
    if (!selfClosing) this.depth = depth + 1;
    if (depth === 3) {
      if (id === C && this.rowCells) this.openCell(b, as, ae);
    } else if (depth === 2) {
      if (id === ROW && this.inSheetData) this.openRow(b, as, ae);
      else if (id === COL && this.inCols) this.ranges.push(columnRange(attributesOf(b, as, ae, this.part)));
    } else if (depth === 1 && !selfClosing) {
      this.inCols = id === COLS;
      this.inSheetData = id === SHEET_DATA;
    }
  }

  close(id: number): void {
    const depth = --this.depth;
    if (depth === 2 && id === ROW) this.rowCells = undefined;
    else if (depth === 1) {
      this.inCols = false;
      // Nothing after <sheetData> is needed.
      if (this.inSheetData) this.done = true;
    }
  }

  text(): void {}

  private openRow(b: Uint8Array, as: number, ae: number): void {
    let r = 0;
    let s = 0;
    let customFormat = false;
    for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
      const n = a.nameEnd - a.nameStart;
      if (n === 1 && b[a.nameStart] === CHAR_R) r = digitsOf(b, a.valueStart, a.valueEnd);
      else if (n === 1 && b[a.nameStart] === CHAR_S) s = digitsOf(b, a.valueStart, a.valueEnd);
      else if (n === 12 && b[a.nameStart] === 99 && String.fromCharCode(...b.subarray(a.nameStart, a.nameEnd)) === "customFormat") {
        const v = String.fromCharCode(...b.subarray(a.valueStart, Math.min(a.valueEnd, a.valueStart + 8)));
        customFormat = v === "1" || v === "true";
      }
    }
    this.row = r > 0 ? r : this.row + 1;
    this.column = 0;
    if (this.row > this.lastRow) {
      this.done = true;
      return;
    }
    if (customFormat) this.rowStyles.set(this.row, s);
    this.rowCells = this.wanted.get(this.row);
  }

  private openCell(b: Uint8Array, as: number, ae: number): void {
    let column = 0;
    let s = 0;
    for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
      if (a.nameIs(CHAR_R)) column = columnOfBytes(b, a.valueStart, a.valueEnd);
      else if (a.nameIs(CHAR_S)) s = digitsOf(b, a.valueStart, a.valueEnd);
    }
    this.column = column || this.column + 1;
    // The first cell asked about at this column or after it.
    const list = this.rowCells!;
    const columns = this.columns;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (columns[list[mid]] < this.column) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length && columns[list[k]] === this.column; k++) this.cellStyles[list[k]] = s;
  }
}
