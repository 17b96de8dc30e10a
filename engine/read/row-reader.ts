// Reading one row's cells into facts, with a problem text for each cell that cannot be read. Each
// field's value is stored under its id by a function written once per run, one store by name per
// field: V8 keeps each such store fast, where one store taking every field's id in turn is slow.
// Where new Function is not allowed (a Content-Security-Policy without 'unsafe-eval'), a loop
// does the same.
import type { CellValue, SheetData } from "../workbook";
import type { FactValue } from "../results";
import { describeColumn } from "../errors";
import type { FieldReader } from "./cell-reader";

export interface RowFacts {
  facts: Record<string, FactValue>;
  problems: readonly { column: string; message: string }[];
  /** Fields whose cell was filled but gave no value (a SUPP/NE marker or unreadable text) -> that text. */
  withheld: ReadonlyMap<string, string>;
}

/** Most rows have no problem and no withheld cell: they share these (read-only) empty ones. */
const NO_PROBLEMS: RowFacts["problems"] = Object.freeze([]);
const NOTHING_WITHHELD: ReadonlyMap<string, string> = new Map();

type Fill = (row: CellValue[], facts: Record<string, FactValue>, reader: RowReader) => void;

export class RowReader {
  private readonly fill: Fill;
  /** The row being read, and what has been found in it so far. */
  private sheet: SheetData | undefined;
  private problems: { column: string; message: string }[] | undefined;
  private withheld: Map<string, string> | undefined;

  constructor(readonly fields: readonly FieldReader[]) {
    this.fill = writtenFill(fields) ?? loopFill;
  }

  read(sheet: SheetData, rowIndex: number, facts: Record<string, FactValue>): RowFacts {
    this.sheet = sheet;
    this.problems = this.withheld = undefined; // a row that stopped the read (an invalid date) leaves none behind
    this.fill(sheet.rows[rowIndex], facts, this);
    const out: RowFacts = { facts, problems: this.problems ?? NO_PROBLEMS, withheld: this.withheld ?? NOTHING_WITHHELD };
    this.sheet = this.problems = this.withheld = undefined;
    return out;
  }

  /** The value of field i's cell; a problem with it, or a marker in it, is noted for the row. */
  value(i: number, cell: CellValue): FactValue {
    const r = this.fields[i];
    let value = r.quick(cell);
    let problem: string | undefined;
    if (value === undefined) {
      const read = r.reading(cell);
      value = read.value;
      problem = read.problem;
      // A value the ruleset does not list is said in its warning; rules it might change are not each listed as undecided.
      if (read.marker !== undefined || (problem && !read.unlisted)) (this.withheld ??= new Map()).set(r.id, read.marker ?? String(cell));
      if (r.warnIfBlank && value === null && read.marker === undefined) problem ??= `blank: ${r.field.label} is missing`;
    }
    if (typeof value === "number" && ((r.min !== undefined && value < r.min) || (r.max !== undefined && value > r.max))) {
      problem ??= `${value} is outside the expected range ${r.min ?? "-"} to ${r.max ?? "-"} for ${r.field.label}; used as it is`;
    }
    if (problem) this.problem(r.column, problem);
    return value;
  }

  private problem(c: number, message: string): void {
    const sheet = this.sheet!;
    (this.problems ??= []).push({ column: describeColumn(sheet.headers[c], sheet.firstColumn + c), message });
  }
}

/** Each field's value stored by name: `facts["urn"] = reader.value(0, row[0]);`, or null where it has no column. */
function writtenFill(fields: readonly FieldReader[]): Fill | undefined {
  const lines = fields.map((r, i) => `facts[${JSON.stringify(r.id)}] = ${r.column < 0 ? "null" : `reader.value(${i}, row[${r.column}])`};`);
  try {
    return new Function("row", "facts", "reader", lines.join("\n")) as Fill;
  } catch {
    return undefined;
  }
}

function loopFill(row: CellValue[], facts: Record<string, FactValue>, reader: RowReader): void {
  const fields = reader.fields;
  for (let i = 0; i < fields.length; i++) facts[fields[i].id] = fields[i].column < 0 ? null : reader.value(i, row[fields[i].column]);
}
