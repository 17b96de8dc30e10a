// Percentages written as plain numbers. The rule: a number in a percent column is read as written,
// in percentage points (45.2 is 45.2%); a cell formatted as a percentage, or text with a % sign,
// says so itself (0.452 formatted as % is "45.2%", so 45.2). Nothing is rescaled by guesswork
// (exclusion rates really are below 1%), but two patterns that suggest fractions are warned about:
// a whole column of values from 0 to 1, and a value below 1 in a column of larger percentages.
import type { SheetData } from "../workbook";
import type { Field } from "../ruleset/schema";
import { describeColumn } from "../errors";
import { parseNumber } from "./coerce";

/** The median of this many larger values marks a column of percentage points. */
const POINTS_MEDIAN = 5;

/** A number written without a % sign (as coerce reads it), or undefined. */
function plainNumber(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string" || cell.includes("%")) return undefined;
  return parseNumber(cell.trim());
}

export interface PercentWarnings {
  /** Sheet-level warnings, one per column that looks like fractions. */
  sheet: string[];
  /** Row index (into sheet.rows) -> warnings about single cells. */
  cells: Map<number, string[]>;
}

export function checkPercentColumns(sheet: SheetData, fields: Field[], columns: Map<string, number>): PercentWarnings {
  const out: PercentWarnings = { sheet: [], cells: new Map() };
  const percent = fields.filter((f) => f.type === "percent" && columns.has(f.id)).map((f) => columns.get(f.id)!);
  const numbers = plainNumbers(sheet, percent);
  percent.forEach((c, j) => {
    const { rows, values, count } = numbers[j];
    if (!count) return;
    const column = describeColumn(sheet.headers[c], sheet.firstColumn + c);
    let fractions = true;
    let positive = false;
    for (let k = 0; k < count; k++) {
      if (!(values[k] >= 0 && values[k] <= 1)) fractions = false;
      if (values[k] > 0) positive = true;
    }
    if (fractions && positive) {
      out.sheet.push(
        `Sheet '${sheet.name}', ${column}: every value is between 0 and 1. They are read as written, in percentage points (0.45 is 0.45%, not 45%). ` +
          `If they are fractions, format the column as Percentage in Excel, or type 45 for 45%.`,
      );
      return;
    }
    if (nth(values.slice(0, count), Math.floor(count / 2)) < POINTS_MEDIAN) return;
    for (let k = 0; k < count; k++) {
      const v = values[k];
      const row = rows[k];
      if (v <= 0 || v >= 1) continue;
      const text = `Row ${sheet.headerRow + 1 + row}, ${column}: ${v} is read as ${v}%; the column's other values are percentage points, so if ${Math.round(v * 1000) / 10}% was meant, type ${Math.round(v * 1000) / 10}`;
      (out.cells.get(row) ?? out.cells.set(row, []).get(row)!).push(text);
    }
  });
  return out;
}

/**
 * Each column's plain numbers: row indexes and values in typed arrays (a column can have a million
 * cells), read in one pass over the rows, each row's cells while it is at hand.
 */
function plainNumbers(sheet: SheetData, columns: number[]): { rows: Int32Array; values: Float64Array; count: number }[] {
  const out = columns.map(() => ({ rows: new Int32Array(sheet.rows.length), values: new Float64Array(sheet.rows.length), count: 0 }));
  for (let i = 0; i < sheet.rows.length; i++) {
    const row = sheet.rows[i];
    for (let j = 0; j < columns.length; j++) {
      const v = plainNumber(row[columns[j]]);
      if (v === undefined) continue;
      const o = out[j];
      o.rows[o.count] = i;
      o.values[o.count++] = v;
    }
  }
  return out;
}

/** The value that sorting would put at index k (numbers in ascending order), without sorting: Hoare's selection; reorders `xs`. */
function nth(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i++] = xs[j];
        xs[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}
