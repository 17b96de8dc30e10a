// Converting between Office.js cell values and the engine's CellValue.
// Office hands over numbers plus a number format; the engine wants "56.4%" text for percentages
// and JS Dates for dates, as the ExcelJS host gives it.
import type { CellValue } from "../../engine";

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system (serial 1 = 1 Jan 1900, allowing for the 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Day 0 in the 1904 date system (old Mac workbooks): serial 0 = 1 Jan 1904. */
const EXCEL_1904_EPOCH_MS = Date.UTC(1904, 0, 1);

export const DATE_FORMAT = "dd/mm/yyyy";

/** Drops quoted text, escaped characters and [..] sections (colours, locales, conditions). */
function formatTokens(format: string): string {
  return format.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/_./g, "");
}

export function isPercentFormat(format: string | undefined): boolean {
  return !!format && formatTokens(format).includes("%");
}

/** A date format shows days or years (month-only "m" alone could be minutes). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || /^general$/i.test(format) || format === "@") return false;
  return /[dy]/i.test(formatTokens(format).split(";")[0]);
}

export function serialToDate(serial: number, date1904 = false): Date {
  return new Date((date1904 ? EXCEL_1904_EPOCH_MS : EXCEL_EPOCH_MS) + Math.round(serial * DAY_MS));
}

export function dateToSerial(d: Date): number {
  return (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - EXCEL_EPOCH_MS) / DAY_MS;
}

/** One Office cell (value + number format) as the engine reads it. */
export function fromOffice(value: unknown, format: string | undefined, date1904 = false): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (isPercentFormat(format)) return `${Number((value * 100).toPrecision(12))}%`;
    if (isDateFormat(format)) return serialToDate(value, date1904);
    return value;
  }
  if (typeof value === "boolean") return value;
  return String(value);
}

/** One engine value as Office.js can write it, with the number format it needs (if any). */
export function toOffice(value: CellValue): { value: string | number | boolean; format?: string } {
  if (value === null) return { value: "" };
  if (value instanceof Date) return { value: dateToSerial(value), format: DATE_FORMAT };
  // Text Excel would take for a formula (=, +, - or @ first) is written as literal text: the
  // leading apostrophe is Excel's own "this is text" mark, and it does not show in the cell.
  if (typeof value === "string" && /^[=+\-@]/.test(value)) return { value: `'${value}` };
  return { value };
}
