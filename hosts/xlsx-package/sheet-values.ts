// One worksheet's cell values, read by streaming its part: each cell as the ExcelJS host's plainValue
// gives it (numbers, text, booleans, error text such as "#N/A", dates, percentages as "56.4%" text,
// formulas as their saved value). Cells with only formatting take no room, so a bordered empty
// cell at row 1,048,576 does not make a million-row grid. Scanning stops at the end of <sheetData>.
import * as cellReference from "./cell-reference";
import { CellStyles } from "./cell-styles";
import { columnRange } from "./column-widths";
import * as excelDate from "./excel-date";
import { PackageError } from "./package-error";
import type { PartCache } from "./part-cache";
import type { CellValue, ReadNote, SheetGrid } from "./types";
import * as valueFormats from "./value-formats";
import * as xmlBytes from "./xml-bytes";
import { AttributeCursor, attributesOf, EL, scanPart, type XmlByteHandler } from "./xml-bytes";
import { ElementText } from "./xml-text";
import type { ZipEntry } from "./zip-read";

// Imports used once per cell, held here: a bundler's module getters cost more than the cell itself.
const { cellName, columnOf, MAX_COLUMN, MAX_ROW } = cellReference;
const { serialDate } = excelDate;
const { DATE, NUMBER, PERCENT } = valueFormats;
const { digitsOf, columnOfBytes } = xmlBytes;
const { c: C, v: V, f: F, t: T, is: IS, row: ROW, rPh: RPH, sheetData: SHEET_DATA, mergeCell: MERGE_CELL, mergeCells: MERGE_CELLS, cols: COLS, col: COL } = EL;
/** Merged areas larger than this are not spread out cell by cell (their master value stays alone). */
const MAX_MERGE_CELLS = 100_000;

export interface SheetReadContext {
  sharedStrings: string[];
  /** NUMBER, DATE or PERCENT by cell format index (value-formats.ts). */
  formats: Uint8Array;
  date1904: boolean;
  /** The most cells this sheet's grid may hold. */
  maxCells: number;
}

/** The t="…" of a cell. */
const enum CellType {
  Number,
  Shared,
  Text,
  Inline,
  Boolean,
  Error,
  Date,
}

const MAX_NOTES = 1000;
/** The letters r, s and t: the attributes of a cell (reference, style, type) and the type s. */
const CHAR_R = 114;
const CHAR_S = 115;
const CHAR_T = 116;

function cellType(b: Uint8Array, s: number, e: number): CellType {
  switch (b[s]) {
    case CHAR_S:
      return e - s === 1 ? CellType.Shared : CellType.Text; // s, str
    case 105:
      return CellType.Inline; // inlineStr
    case 98:
      return CellType.Boolean;
    case 101:
      return CellType.Error;
    case 100:
      return CellType.Date; // d: ISO 8601 text
    default:
      return CellType.Number;
  }
}

class SheetValues implements XmlByteHandler {
  done = false;
  readonly notes: ReadNote[] = [];
  notesLeftOff = 0;
  /** Rows that hold values, by row number - 1; each holds its values by column - 1. */
  private readonly stored: (CellValue[] | undefined)[] = [];
  private count = 0;
  private firstRow = Infinity;
  private lastRow = 0;
  private firstColumn = Infinity;
  private lastColumn = 0;

  private inSheetData = false;
  private inCols = false;
  /** Every cell's style, as read (for the fills of the cells a run colours). */
  readonly styles = new CellStyles();
  private readonly merges: { top: number; left: number; bottom: number; right: number }[] = [];
  private row = 0;
  private column = 0;
  // The open <c>.
  private inCell = false;
  private style = 0;
  private type = CellType.Number;
  private hasFormula = false;
  private hasValue = false;
  private hasInline = false;
  private inValue = false;
  private inInline = false;
  private inText = false;
  private phonetic = 0;
  private readonly content = new ElementText();
  private readonly attributes = new AttributeCursor();

  constructor(
    private readonly sheet: string,
    private readonly part: string,
    private readonly ctx: SheetReadContext,
  ) {}

  open(id: number, b: Uint8Array, s: number, e: number, selfClosing: boolean): void {
    if (!this.inSheetData) {
      if (id === SHEET_DATA && !selfClosing) this.inSheetData = true;
      else if (id === MERGE_CELL) this.openMerge(b, s, e);
      else if (id === COLS) this.inCols = !selfClosing;
      else if (id === COL && this.inCols) this.styles.ranges.push(columnRange(attributesOf(b, s, e, this.part)));
      return;
    }
    switch (id) {
      case ROW:
        this.openRow(b, s, e);
        return;
      case C:
        this.openCell(b, s, e, selfClosing);
        return;
      case V:
        if (!this.inCell) return;
        this.hasValue = true;
        this.content.clear();
        this.inValue = !selfClosing;
        return;
      case F:
        if (this.inCell) this.hasFormula = true;
        return;
      case IS:
        if (!this.inCell) return;
        this.hasInline = true;
        this.content.clear();
        this.inInline = !selfClosing;
        return;
      case T:
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.inText = true;
        return;
      case RPH:
        if (this.inInline && !selfClosing) this.phonetic++;
        return;
    }
  }

  close(id: number): void {
    switch (id) {
      case V:
        this.inValue = false;
        return;
      case T:
        this.inText = false;
        return;
      case RPH:
        if (this.phonetic) this.phonetic--;
        return;
      case IS:
        this.inInline = false;
        return;
      case C:
        if (this.inCell) this.closeCell();
        return;
      case SHEET_DATA:
        // Merged areas (<mergeCells>) follow <sheetData>; nothing after them is read.
        this.inSheetData = false;
        return;
      case COLS:
        this.inCols = false;
        return;
      case MERGE_CELLS:
        this.done = true;
        return;
    }
  }

  text(b: Uint8Array, start: number, end: number, cdata: boolean): void {
    if (this.inValue || this.inText) this.content.add(b, start, end, cdata);
  }

  private openRow(b: Uint8Array, s: number, e: number): void {
    let row = this.row + 1;
    let style = 0;
    let customFormat = false;
    for (const a = this.attributes.reset(b, s, e); a.next(); ) {
      const n = a.nameEnd - a.nameStart;
      if (n === 1) {
        if (b[a.nameStart] === CHAR_R && a.valueEnd > a.valueStart) row = digitsOf(b, a.valueStart, a.valueEnd);
        else if (b[a.nameStart] === CHAR_S) style = digitsOf(b, a.valueStart, a.valueEnd);
      } else if (n === 12 && b[a.nameStart] === 99 && String.fromCharCode(...b.subarray(a.nameStart, a.nameEnd)) === "customFormat") {
        const v = String.fromCharCode(...b.subarray(a.valueStart, Math.min(a.valueEnd, a.valueStart + 8)));
        customFormat = v === "1" || v === "true";
      }
    }
    if (row < 1 || row > MAX_ROW) throw this.damaged(`has a row ${row.toLocaleString("en-GB")}, beyond Excel's rows (1 to 1,048,576)`);
    this.row = row;
    this.column = 0;
    this.styles.row(row);
    if (customFormat) this.styles.rowStyles.set(row, style);
  }

  private openCell(b: Uint8Array, s: number, e: number, selfClosing: boolean): void {
    let column = this.column + 1;
    this.style = 0;
    this.type = CellType.Number;
    for (const a = this.attributes.reset(b, s, e); a.next(); ) {
      if (a.nameEnd - a.nameStart !== 1) continue;
      const name = b[a.nameStart];
      if (name === CHAR_R) column = columnOfBytes(b, a.valueStart, a.valueEnd) || column;
      else if (name === CHAR_S) this.style = digitsOf(b, a.valueStart, a.valueEnd);
      else if (name === CHAR_T && a.valueEnd > a.valueStart) this.type = cellType(b, a.valueStart, a.valueEnd);
    }
    if (column > MAX_COLUMN) throw this.damaged(`has a cell in column ${column.toLocaleString("en-GB")}, beyond Excel's last column (XFD)`);
    this.column = column;
    this.styles.cell(column, this.style);
    if (selfClosing || this.row === 0) return;
    this.inCell = true;
    this.hasFormula = this.hasValue = this.hasInline = false;
    this.inValue = this.inInline = this.inText = false;
    this.phonetic = 0;
  }

  /** <mergeCell ref="I1:J1"/>: the area shows its top-left cell's value, as Excel (and ExcelJS) show it. */
  private openMerge(b: Uint8Array, s: number, e: number): void {
    for (const a = this.attributes.reset(b, s, e); a.next(); ) {
      if (a.nameEnd - a.nameStart !== 3 || b[a.nameStart] !== CHAR_R || b[a.nameStart + 1] !== 101 || b[a.nameStart + 2] !== 102) continue; // ref
      const ref = String.fromCharCode(...b.subarray(a.valueStart, Math.min(a.valueEnd, a.valueStart + 32)));
      const m = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/.exec(ref);
      if (!m) return;
      const [top, left, bottom, right] = [Number(m[2]), columnOf(`${m[1]}1`), Number(m[4]), columnOf(`${m[3]}1`)];
      if (top <= bottom && left <= right && bottom <= MAX_ROW && right <= MAX_COLUMN) this.merges.push({ top, left, bottom, right });
    }
  }

  /** Spreads each merged area's master value over its cells. */
  private spreadMerges(): void {
    for (const m of this.merges) {
      if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > MAX_MERGE_CELLS) continue;
      const value = this.stored[m.top - 1]?.[m.left - 1];
      if (value === undefined || value === null) continue;
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          if (r === m.top && c === m.left) continue;
          this.row = r;
          this.column = c;
          this.store(value);
        }
      }
    }
  }

  private closeCell(): void {
    this.inCell = false;
    const value = this.value();
    if (value === null) return;
    this.store(value);
  }

  private store(value: CellValue): void {
    const row = this.row;
    const column = this.column;
    let cells = this.stored[row - 1];
    if (!cells) this.stored[row - 1] = cells = [];
    if (cells[column - 1] === undefined && ++this.count > this.ctx.maxCells) throw this.tooManyCells(`more than ${this.ctx.maxCells.toLocaleString("en-GB")} cells with values`);
    cells[column - 1] = value;
    if (row < this.firstRow) this.firstRow = row;
    if (row > this.lastRow) this.lastRow = row;
    if (column < this.firstColumn) this.firstColumn = column;
    if (column > this.lastColumn) this.lastColumn = column;
  }

  /** The open cell's value, as plainValue reads it from ExcelJS. */
  private value(): CellValue {
    const text = this.content;
    if (this.hasInline && this.type === CellType.Inline) return text.toCellText(this.part) || null;
    if (!this.hasValue) {
      if (this.hasFormula) {
        this.note("formula-without-value", "holds a formula saved without its value, as tools other than Excel save them, so it reads as empty. Open the file in Excel and save it, then try again");
      }
      return null;
    }
    if (text.length === 0) return null;
    switch (this.type) {
      case CellType.Shared: {
        const index = text.toNumber();
        const s = Number.isInteger(index) ? this.ctx.sharedStrings[index] : undefined;
        if (s === undefined) throw this.damaged(`has cell ${cellName(this.row, this.column)} refer to shared string ${text.toString(this.part).slice(0, 20)}, which the workbook does not have`);
        return s;
      }
      case CellType.Text:
      case CellType.Inline:
        return text.toCellText(this.part) || null;
      case CellType.Error:
        return text.toString(this.part);
      case CellType.Boolean: {
        const s = text.toString(this.part).trim();
        return !(s === "0" || s === "false");
      }
      case CellType.Date: {
        const s = text.toString(this.part).trim();
        const date = new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(s) || !s.includes("T") ? s : `${s}Z`);
        if (!isNaN(date.getTime())) return date;
        this.note("unreadable-value", `holds '${s.slice(0, 40)}', which is not a date though the cell says it is one, so it reads as empty`);
        return null;
      }
    }
    const n = text.toNumber();
    if (!isFinite(n)) {
      this.note("unreadable-value", `holds '${text.toString(this.part).slice(0, 40)}', which is not a number though the cell says it is one, so it reads as empty`);
      return null;
    }
    switch (this.ctx.formats[this.style] ?? NUMBER) {
      case DATE:
        return serialDate(n, this.ctx.date1904) ?? n;
      case PERCENT:
        return `${Math.round(n * 1e8) / 1e6}%`;
      default:
        return n;
    }
  }

  private note(kind: ReadNote["kind"], what: string): void {
    if (this.notes.length >= MAX_NOTES) {
      this.notesLeftOff++;
      return;
    }
    this.notes.push({ row: this.row, column: this.column, kind, message: `Cell ${cellName(this.row, this.column)} on sheet '${this.sheet}' ${what}.` });
  }

  private damaged(why: string): PackageError {
    return PackageError.damaged(`the sheet '${this.sheet}' ${why}`);
  }

  private tooManyCells(what: string): PackageError {
    return new PackageError(`The sheet '${this.sheet}' holds ${what}, more than this tool will read at once. Delete empty rows and columns between the values, or split the sheet, and try again.`);
  }

  /** The values as a dense grid, from the first row and column holding one to the last. */
  grid(): SheetGrid {
    this.spreadMerges();
    const { notes, notesLeftOff } = this;
    if (this.lastRow === 0) return { name: this.sheet, firstRow: 1, firstColumn: 1, rows: [], notes, notesLeftOff };
    const { firstRow, lastRow, firstColumn, lastColumn } = this;
    const width = lastColumn - firstColumn + 1;
    const height = lastRow - firstRow + 1;
    if (width * height > this.ctx.maxCells) {
      throw this.tooManyCells(`values from ${cellName(firstRow, firstColumn)} to ${cellName(lastRow, lastColumn)}, a table of ${(width * height).toLocaleString("en-GB")} cells`);
    }
    const rows: CellValue[][] = [];
    for (let r = firstRow; r <= lastRow; r++) {
      let cells = this.stored[r - 1] ?? [];
      if (firstColumn > 1 && cells.length) cells = cells.slice(firstColumn - 1);
      for (let c = 0; c < width; c++) if (cells[c] === undefined) cells[c] = null;
      rows.push(cells);
    }
    return { name: this.sheet, firstRow, firstColumn, rows, notes, notesLeftOff };
  }
}

/**
 * Reads one worksheet part's values. With a cache, the part is kept there (when it has room), and so
 * are its cells' styles.
 */
export function readSheetValues(archive: Uint8Array, entry: ZipEntry, sheet: string, ctx: SheetReadContext, cache?: PartCache): SheetGrid {
  const reader = new SheetValues(sheet, entry.name, ctx);
  scanPart(archive, entry, reader, cache);
  if (cache && !reader.styles.full) cache.keepStyles(entry, reader.styles);
  return reader.grid();
}
