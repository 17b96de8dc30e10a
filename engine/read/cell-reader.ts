// Reading one field's cells as coerce does, at the cost of a run's million cells: a number in a
// numeric column is its value as it stands, a long text in a plain text column is itself, and any
// other cell is read by coerce once per distinct text, number or day and remembered.
import type { CellValue } from "../workbook";
import type { FactValue } from "../results";
import type { Field } from "../ruleset/schema";
import { coerce, LONGEST_MARKER, type Coerced } from "./coerce";

/** Distinct texts and numbers remembered per field (a column of ever new texts starts afresh past it). */
const READ_LIMIT = 2_000;
/** Distinct days remembered per field: a column of dates over a century fits. */
const DAYS_LIMIT = 40_000;

const DAY_MS = 86_400_000;

/** A cell's reading (coerce's), every one of one shape so that reading them stays fast. */
export class Reading implements Coerced {
  readonly value: FactValue;
  readonly problem: string | undefined;
  readonly marker: string | undefined;
  readonly unlisted: boolean | undefined;
  constructor(c: Coerced) {
    this.value = c.value;
    this.problem = c.problem;
    this.marker = c.marker;
    this.unlisted = c.unlisted;
  }
}

/** One field's column in a run, and the readings of the distinct cells seen in it. */
export class FieldReader {
  readonly id: string;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly warnIfBlank: boolean;
  /** Numbers stand as they are (finite ones; whole ones only for integers). */
  private readonly numeric: boolean;
  private readonly integer: boolean;
  /** A plain text field (no listed values): a text longer than any missing marker is its value. */
  private readonly plainText: boolean;
  /** What a blank cell reads as. */
  private readonly blank: Reading;
  /** Texts, and numbers where numbers are not the value -> their reading. */
  private readonly cells = new Map<string | number, Reading>();
  /** Dates by their day (a Date reads as its ISO day) -> their reading. */
  private readonly days = new Map<number, Reading>();
  /** The last text or number read here, and its reading. */
  private lastCell: string | number | undefined;
  private lastReading: Reading | undefined;

  constructor(
    readonly field: Field,
    /** 0-based index into the row, or -1 where the sheet has no column for the field. */
    readonly column: number,
  ) {
    this.id = field.id;
    this.min = field.min;
    this.max = field.max;
    this.warnIfBlank = !!field.warnIfBlank;
    this.numeric = field.type === "number" || field.type === "percent" || field.type === "integer";
    this.integer = field.type === "integer";
    this.plainText = field.type === "text" && !field.values;
    this.blank = new Reading(coerce(null, field));
  }

  /** The value of a cell that reads without a problem or marker, or undefined to ask `reading`. */
  quick(cell: CellValue): FactValue | undefined {
    if (typeof cell === "number") {
      if (this.numeric && Number.isFinite(cell) && (!this.integer || Number.isInteger(cell))) return cell;
    } else if (typeof cell === "string" && this.plainText && cell.length > LONGEST_MARKER) {
      const s = cell.trim();
      if (s.length > LONGEST_MARKER) return s;
    }
    return undefined;
  }

  /** What coerce makes of the cell, remembered per distinct text, number or day. */
  reading(cell: CellValue): Reading {
    if (cell === null || cell === undefined) return this.blank;
    if (typeof cell === "string" || (typeof cell === "number" && !this.numeric)) {
      // Columns often repeat a text from row to row: the last is at hand without a look-up.
      if (cell === this.lastCell) return this.lastReading!;
      const r = this.remembered(this.cells, cell, cell, READ_LIMIT);
      this.lastCell = cell;
      this.lastReading = r;
      return r;
    }
    if (cell instanceof Date) return this.remembered(this.days, Math.floor(cell.getTime() / DAY_MS), cell, DAYS_LIMIT);
    return new Reading(coerce(cell, this.field));
  }

  private remembered<K>(memo: Map<K, Reading>, key: K, cell: CellValue, limit: number): Reading {
    let r = memo.get(key);
    if (r === undefined) {
      r = new Reading(coerce(cell, this.field));
      if (memo.size >= limit) memo.clear();
      memo.set(key, r);
    }
    return r;
  }
}
