// Reading a CSV file (RFC 4180, as the DfE performance tables and Excel write them): UTF-8 with or
// without a byte-order mark, commas between fields, quoted fields that hold commas, doubled quotes
// and line breaks, and lines ending in CRLF, LF or CR. A file that is not UTF-8 is read as
// Windows-1252 (what Excel on Windows saves), and the caller is told.
import type { CellValue } from "../engine";

export class CsvError extends Error {}

export interface CsvText {
  text: string;
  /** Set when the bytes were not UTF-8 and were read as Windows-1252. */
  note?: string;
}

/** The file's text: the byte-order mark removed; Windows-1252 when the bytes are not UTF-8. */
export function decodeCsv(bytes: Uint8Array): CsvText {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvError("is saved as UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8 (comma delimited)' and try again");
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    return { text: windows1252(body), note: "is not UTF-8; it was read as Windows-1252 (Excel's 'CSV (comma delimited)'): check any accented letters" };
  }
}

/** Windows-1252's characters for bytes 0x80-0x9F (the rest are Latin-1); Node's own decoder gives control characters there. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function windows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...chunk).replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  }
  return text;
}

/**
 * The field separator: a comma, unless the first line has none and has semicolons (as Excel writes
 * CSV where the decimal mark is a comma) or tabs (text copied out of a spreadsheet).
 */
export function csvSeparator(text: string): string {
  const first = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, "");
  if (first.includes(",")) return ",";
  const semicolons = first.split(";").length - 1;
  const tabs = first.split("\t").length - 1;
  return tabs > semicolons ? "\t" : semicolons ? ";" : ",";
}

/** The records of a CSV text, each a list of fields as written (quotes removed). */
export function parseCsv(text: string, sep = csvSeparator(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  const n = text.length;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === "") {
      // A quoted field: up to the closing quote, "" inside being one quote.
      const opened = line;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw new CsvError(`a quoted field opened on line ${opened} is never closed`);
        field += text.slice(i, close);
        for (let k = i; k < close; k++) if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n")) line++;
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Anything between the closing quote and the next comma or line end is kept, as Excel does.
      while (i < n && text[i] !== sep && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      continue;
    }
    if (ch === sep) {
      endField();
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      // An unquoted run of text, up to the next comma or line end.
      let j = i;
      while (j < n && text[j] !== sep && text[j] !== "\n" && text[j] !== "\r") j++;
      field += text.slice(i, j);
      i = j;
    }
  }
  // The last record, unless the file ends with a line break.
  if (field !== "" || record.length) endRecord();
  return records;
}

/** Whole numbers and decimals as a spreadsheet would take them, with no leading zeros (codes such as 0123 stay text) and at most 15 digits. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A field as a cell: empty is blank, a plain number is a number, an ISO date (2019-12-12) is a
 * date, anything else (SUPP, NE, x, 56.4%, 0123) stays text for the engine to read.
 */
export function csvCell(field: string): CellValue {
  if (field === "") return null;
  if (NUMBER.test(field) && field.replace(/[-.]/g, "").replace(/^0+/, "").length <= 15) return Number(field) || 0;
  const d = ISO_DATE.exec(field);
  if (d) {
    const date = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
    if (date.getUTCFullYear() === +d[1] && date.getUTCMonth() === +d[2] - 1 && date.getUTCDate() === +d[3]) return date;
  }
  return field;
}
