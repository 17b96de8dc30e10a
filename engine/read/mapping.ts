// Matching a sheet's headers to a ruleset's fields, and reading each row's cells into facts.
import type { SheetData } from "../workbook";
import type { FactValue } from "../results";
import type { Field } from "../ruleset/schema";
import { FieldReader } from "./cell-reader";
import { RowReader, type RowFacts } from "./row-reader";
import { InputError, describeColumn } from "../errors";
import { nearest } from "../util/nearest";
import { normaliseHeader } from "./headers";
import { findRecordedBlock } from "./results-block";

export type { RowFacts };

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

/**
 * Row readers (each field's column, and the distinct cells each has read), made once per run: by
 * its columns, and the fields they are for. The last one asked for is found without a look-up.
 */
const readers = new WeakMap<Map<string, number>, { fields: Field[]; reader: RowReader }>();
let last: { fields: Field[]; columns: Map<string, number>; reader: RowReader } | undefined;

function readerOf(fields: Field[], columns: Map<string, number>): RowReader {
  if (last?.fields === fields && last.columns === columns && last.reader.fields.length === fields.length) return last.reader;
  let made = readers.get(columns);
  if (made?.fields !== fields || made.reader.fields.length !== fields.length) {
    made = { fields, reader: new RowReader(fields.map((f) => new FieldReader(f, columns.get(f.id) ?? -1))) };
    readers.set(columns, made);
  }
  last = { fields, columns, reader: made.reader };
  return made.reader;
}

/**
 * Coerces one data row into facts (into `facts` when given); unreadable cells become missing, each
 * with a problem text.
 */
export function readRow(sheet: SheetData, rowIndex: number, fields: Field[], columns: Map<string, number>, facts: Record<string, FactValue> = {}): RowFacts {
  return readerOf(fields, columns).read(sheet, rowIndex, facts);
}
