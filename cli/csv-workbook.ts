// A CSV file as a workbook, so it takes the same path as an .xlsx (openWorkbook, then runOnFile) and
// the output is a normal categorised workbook. A minimal empty package (one empty sheet, named after
// the file) is built here, and the package writer puts the CSV's values into it: the header row
// bold, dates formatted as dates, columns wide enough to read.
import { zipSync, strToU8 } from "fflate";
import type { CellValue } from "../engine";
import { patchWorkbook, type CellEdit } from "../hosts/xlsx-package";
import { csvCell, CsvError, decodeCsv, parseCsv } from "./csv";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const DATE_FORMAT = "dd/mm/yyyy";
/** Sheet names Excel or this tool keep for themselves. */
const RESERVED = ["history", "categorisation summary", "_categorisation"];

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The parts of an .xlsx with one empty sheet. */
export function emptyWorkbook(sheetName: string): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(`${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews>` +
        `<sheets><sheet name="${escapeAttr(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
    ),
    "xl/styles.xml": strToU8(
      `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    ),
  });
}

/** A sheet name from the file's name: Excel's forbidden characters replaced, at most 31 characters; "Schools" if nothing is left or the name is taken. */
export function sheetNameFor(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.csv$/i, "");
  const name = base.replace(/[\\/?*[\]:]/g, " ").replace(/\s+/g, " ").slice(0, 31).replace(/^[\s']+|[\s']+$/g, "");
  return name && !RESERVED.includes(name.toLowerCase()) ? name : "Schools";
}

/** Why a name given with --sheet cannot name the CSV's sheet, or undefined if it can. */
export function badSheetName(name: string): string | undefined {
  if (name.length < 1 || name.length > 31) return "a sheet name has 1 to 31 characters";
  if (/[\\/?*[\]:]/.test(name)) return "a sheet name cannot hold \\ / ? * [ ] or :";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot start or end with an apostrophe";
  if (RESERVED.includes(name.toLowerCase())) return `'${name}' is kept for ${name.toLowerCase() === "history" ? "Excel" : "this tool's own sheets"}`;
  return undefined;
}

export interface CsvWorkbook {
  bytes: Uint8Array;
  sheet: string;
  rows: number;
  /** Something the user should know about how the file was read. */
  note?: string;
}

/** The CSV's bytes as an .xlsx holding its values on one sheet. Throws CsvError with plain words. */
export function csvWorkbook(csv: Uint8Array, sheet: string): CsvWorkbook {
  const { text, note } = decodeCsv(csv);
  const records = parseCsv(text);
  if (records.length > MAX_ROWS) throw new CsvError(`has ${records.length.toLocaleString("en-GB")} lines; a sheet holds at most ${MAX_ROWS.toLocaleString("en-GB")}`);
  const widest = records.reduce((m, r) => Math.max(m, r.length), 0);
  if (widest > MAX_COLUMNS) throw new CsvError(`has ${widest.toLocaleString("en-GB")} fields on one line; a sheet holds at most ${MAX_COLUMNS.toLocaleString("en-GB")} columns`);

  const cells: CellEdit[] = [];
  const widths = new Array<number>(widest).fill(0);
  records.forEach((record, r) =>
    record.forEach((field, c) => {
      const value: CellValue = r === 0 ? field || null : csvCell(field);
      if (value === null) return;
      if (r < 1000) widths[c] = Math.max(widths[c], value instanceof Date ? 10 : Math.min(String(value).split("\n")[0].length, 50));
      const style = r === 0 ? { bold: true } : value instanceof Date ? { numFmt: DATE_FORMAT } : undefined;
      cells.push({ row: r + 1, column: c + 1, value, ...(style ? { style } : {}) });
    }),
  );
  const bytes = patchWorkbook(emptyWorkbook(sheet), {
    sheets: [{ sheet, cells, columnWidths: widths.flatMap((w, j) => (w ? [{ column: j + 1, width: Math.max(8, w + 2) }] : [])) }],
  });
  return { bytes, sheet, rows: records.length, ...(note ? { note } : {}) };
}
