// Matching a sheet's headers to a ruleset's fields, and reading each row's cells into facts.
import type { CellValue, SheetData } from "../workbook";
import type { FactValue } from "../results";
import type { Field } from "../ruleset/schema";
import { coerce, type Coerced } from "./coerce";
import { InputError, describeColumn } from "../errors";
import { nearest } from "../util/nearest";
import { normaliseHeader } from "./headers";
import { findRecordedBlock } from "./results-block";

/**
 * How many columns (from the first) are the officer's table: up to the last headed column, or up
 * to an earlier run's results block where the run record finds it on the header row.
 */
export function officerColumnCount(sheet: SheetData, recordedHeaders?: { headers: string[]; firstColumn: number }): number {
  const at = recordedHeaders ? findRecordedBlock(sheet.headers, recordedHeaders.headers, recordedHeaders.firstColumn - sheet.firstColumn) : null;
  if (at !== null) return at;
  let end = sheet.headers.length;
  while (end > 0 && sheet.headers[end - 1] === "") end--;
  return end;
}

export interface ColumnMap {
  /** field id -> 0-based index into sheet.headers */
  index: Map<string, number>;
  warnings: string[];
}

/** Finds each field's column; a required field without one stops the run with a clear message. */
export function mapColumns(sheet: SheetData, fields: Field[], width: number): ColumnMap {
  const byHeader = new Map<string, number>();
  const warnings: string[] = [];
  for (let c = 0; c < width; c++) {
    const key = normaliseHeader(sheet.headers[c]);
    if (!key) continue;
    if (byHeader.has(key)) {
      warnings.push(`Sheet '${sheet.name}': ${describeColumn(sheet.headers[c], sheet.firstColumn + c)} repeats the header of column ${sheet.firstColumn + byHeader.get(key)!}; the first is used`);
    } else byHeader.set(key, c);
  }
  const index = new Map<string, number>();
  for (const f of fields) {
    const c = f.headers.map((h) => byHeader.get(normaliseHeader(h))).find((x) => x !== undefined);
    if (c !== undefined) index.set(f.id, c);
  }
  // Suggestions for the fields left without a column come only from headers no field reads.
  const used = new Set(index.values());
  const unused = sheet.headers.slice(0, width).filter((h, c) => h && !used.has(c));
  const missing: string[] = [];
  for (const f of fields) {
    if (index.has(f.id)) continue;
    const near = nearest(f.headers[0], unused);
    const hint = near ? `; nearest header found: '${near}'` : "";
    const text = `${f.label} (looked for ${f.headers.map((h) => `'${h}'`).join(", ")}${hint})`;
    if (f.required) missing.push(text);
    else warnings.push(`Sheet '${sheet.name}': no column for ${text}; rules using it treat it as missing`);
  }
  if (missing.length) {
    throw new InputError(
      `Sheet '${sheet.name}' (header row ${sheet.headerRow}) has no column for required field${missing.length > 1 ? "s" : ""}:\n  - ${missing.join("\n  - ")}`,
    );
  }
  return { index, warnings };
}

export interface RowFacts {
  facts: Record<string, FactValue>;
  problems: readonly { column: string; message: string }[];
  /** Fields whose cell was filled but gave no value (a SUPP/NE marker or unreadable text) -> that text. */
  withheld: ReadonlyMap<string, string>;
}

/** Most rows have no problem and no withheld cell: they share these (read-only) empty ones. */
const NO_PROBLEMS: RowFacts["problems"] = Object.freeze([]);
const NOTHING_WITHHELD: ReadonlyMap<string, string> = new Map();

/**
 * The column of each field, worked out once for a run's rows (the last fields and columns asked
 * about); and for fields whose cells repeat (grades, listed values, yes/no, dates), each distinct
 * text or date read once: a cell's reading depends on its value and field alone.
 */
let lastColumns: { fields: Field[]; columns: Map<string, number>; at: (number | undefined)[]; read: (Map<string | number, Coerced> | undefined)[] } | undefined;

function columnsOf(fields: Field[], columns: Map<string, number>): NonNullable<typeof lastColumns> {
  if (lastColumns?.fields !== fields || lastColumns.columns !== columns || lastColumns.at.length !== fields.length) {
    lastColumns = { fields, columns, at: fields.map((f) => columns.get(f.id)), read: fields.map((f) => (f.type !== "text" || f.values ? new Map() : undefined)) };
  }
  return lastColumns;
}

/** Distinct cells remembered per field (a column of ever new texts starts afresh past it). */
const READ_LIMIT = 2_000;

/** coerce, remembered per distinct text or date (by its time) where the field keeps a memo. */
function coerceCell(cell: CellValue, f: Field, read: Map<string | number, Coerced> | undefined): Coerced {
  const key = read === undefined ? undefined : typeof cell === "string" ? cell : cell instanceof Date ? cell.getTime() : undefined;
  if (key === undefined) return coerce(cell, f);
  let c = read!.get(key);
  if (c === undefined) {
    c = coerce(cell, f);
    if (read!.size >= READ_LIMIT) read!.clear();
    read!.set(key, c);
  }
  return c;
}

/**
 * Coerces one data row into facts (into `facts` when given); unreadable cells become missing, each
 * with a problem text.
 */
export function readRow(sheet: SheetData, rowIndex: number, fields: Field[], columns: Map<string, number>, facts: Record<string, FactValue> = {}): RowFacts {
  const row = sheet.rows[rowIndex];
  let problems: { column: string; message: string }[] | undefined;
  let withheld: Map<string, string> | undefined;
  const { at, read } = columnsOf(fields, columns);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const c = at[i];
    if (c === undefined) {
      facts[f.id] = null;
      continue;
    }
    const cell = row[c];
    let value: FactValue;
    let unread: string | undefined;
    let marker: string | undefined;
    let unlisted: boolean | undefined;
    if (typeof cell === "number" && Number.isFinite(cell) && (f.type === "number" || f.type === "percent" || (f.type === "integer" && Number.isInteger(cell)))) {
      value = cell; // coerce's first case, without making an object per cell
    } else {
      ({ value, problem: unread, marker, unlisted } = coerceCell(cell, f, read[i]));
    }
    const problem = unread ?? (f.warnIfBlank && value === null && marker === undefined ? `blank: ${f.label} is missing` : undefined);
    facts[f.id] = value;
    // A value the ruleset does not list is said in its warning; rules it might change are not each listed as undecided.
    if (marker !== undefined || (unread && !unlisted)) (withheld ??= new Map()).set(f.id, marker ?? String(cell));
    const outOfRange = typeof value === "number" && ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max));
    if (!problem && !outOfRange) continue;
    const column = describeColumn(sheet.headers[c], sheet.firstColumn + c);
    (problems ??= []).push({ column, message: problem ?? `${value} is outside the expected range ${f.min ?? "-"} to ${f.max ?? "-"} for ${f.label}; used as it is` });
  }
  return { facts, problems: problems ?? NO_PROBLEMS, withheld: withheld ?? NOTHING_WITHHELD };
}
