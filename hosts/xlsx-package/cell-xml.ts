// One <c> element for a value: numbers, booleans (t="b"), text as an inline string (t="inlineStr";
// text starting with "=" stays text, never a formula), dates as serial numbers.
import type { ByteOutput } from "./byte-output";
import * as cellReference from "./cell-reference";
import type { CellValue } from "./types";
import * as excelDate from "./excel-date";
import * as xmlEscape from "./xml-escape";

// Used once per cell, held here: a bundler's module getters cost more than the cell itself.
const { dateSerial } = excelDate;
const { escapeCellText } = xmlEscape;
const { columnLetters } = cellReference;

/** Excel's limit on the characters in one cell; longer text is cut there. */
export const MAX_TEXT = 32767;

/**
 * p is the element prefix of the sheet ("" or "x:"); s the style index (0 is left out). A date
 * must already have a date style in s. An empty value gives a bare styled cell, or "" if unstyled.
 */
export function cellXml(p: string, ref: string, s: number, value: CellValue, date1904: boolean): string {
  const style = s ? ` s="${s}"` : "";
  if (value === null || value === "") return s ? `<${p}c r="${ref}"${style}/>` : "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return `<${p}c r="${ref}"${style} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
    return `<${p}c r="${ref}"${style}><${p}v>${value}</${p}v></${p}c>`;
  }
  if (typeof value === "boolean") return `<${p}c r="${ref}"${style} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (value instanceof Date) {
    const serial = dateSerial(value, date1904);
    return Number.isFinite(serial) ? `<${p}c r="${ref}"${style}><${p}v>${serial}</${p}v></${p}c>` : (s ? `<${p}c r="${ref}"${style}/>` : "");
  }
  const text = escapeCellText(String(value).slice(0, MAX_TEXT));
  return `<${p}c r="${ref}"${style} t="inlineStr"><${p}is><${p}t xml:space="preserve">${text}</${p}t></${p}is></${p}c>`;
}

/** Whether cellXml gives this value and style any text ("" for an empty, unstyled cell). */
export function cellXmlWritten(s: number, value: CellValue, date1904: boolean): boolean {
  if (s) return true;
  if (value === null || value === "") return false;
  return !(value instanceof Date) || Number.isFinite(dateSerial(value, date1904));
}

/**
 * cellXml's text for the cell at row, column, written straight into out (no string is made for
 * the cell); nothing when cellXmlWritten is false.
 */
export function writeCellXml(out: ByteOutput, p: string, row: number, column: number, s: number, value: CellValue, date1904: boolean): void {
  if (!cellXmlWritten(s, value, date1904)) return;
  out.text("<");
  out.text(p);
  out.text('c r="');
  out.text(columnLetters(column));
  out.integer(row);
  if (s) {
    out.text('" s="');
    out.integer(s);
  }
  if (value === null || value === "") {
    out.text('"/>');
    return;
  }
  let v: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return closeValue(out, p, '" t="e"', "#NUM!");
    v = String(value);
  } else if (typeof value === "boolean") {
    return closeValue(out, p, '" t="b"', value ? "1" : "0");
  } else if (value instanceof Date) {
    const serial = dateSerial(value, date1904);
    if (!Number.isFinite(serial)) {
      out.text('"/>');
      return;
    }
    v = String(serial);
  } else {
    out.text('" t="inlineStr"><');
    out.text(p);
    out.text("is><");
    out.text(p);
    out.text('t xml:space="preserve">');
    out.text(escapeCellText(String(value).slice(0, MAX_TEXT)));
    out.text("</");
    out.text(p);
    out.text("t></");
    out.text(p);
    out.text("is></");
    out.text(p);
    out.text("c>");
    return;
  }
  closeValue(out, p, '"', v);
}

/** The rest of a cell holding <v>: what ends its start tag, the value, the end tags. */
function closeValue(out: ByteOutput, p: string, tagEnd: string, v: string): void {
  out.text(tagEnd);
  out.text("><");
  out.text(p);
  out.text("v>");
  out.text(v);
  out.text("</");
  out.text(p);
  out.text("v></");
  out.text(p);
  out.text("c>");
}
