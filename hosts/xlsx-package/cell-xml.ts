// One <c> element for a value: numbers, booleans (t="b"), text as an inline string (t="inlineStr";
// text starting with "=" stays text, never a formula), dates as serial numbers.
import type { CellValue } from "./types";
import * as excelDate from "./excel-date";
import * as xmlEscape from "./xml-escape";

// Used once per cell, held here: a bundler's module getters cost more than the cell itself.
const { dateSerial } = excelDate;
const { escapeCellText } = xmlEscape;

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
