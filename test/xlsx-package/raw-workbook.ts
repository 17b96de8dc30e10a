// Workbooks written by hand, part by part, for what ExcelJS cannot write: inline and rich strings,
// phonetic guides, formulas saved without a value, ISO date cells, prefixed XML, hostile parts.
import { strToU8, zipSync, type Zippable } from "fflate";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface RawSheet {
  name: string;
  /** The inside of <sheetData>. */
  sheetData: string;
  /** After </sheetData> (mergeCells, hyperlinks...). */
  after?: string;
  /** The sheet's relationships: [id, type (after .../relationships/), external target]. */
  externalRels?: [string, string, string][];
}

export interface RawWorkbook {
  sheets: RawSheet[];
  /** Each the inside of one <si>. */
  sharedStrings?: string[];
  /** Custom number formats by id (164 and up). */
  numFmts?: Record<number, string>;
  /** The numFmtId of each cell format (xf), in order; xf 0 first. borderId 1 where bordered is listed. */
  cellFormats?: { numFmtId: number; bordered?: boolean }[];
  date1904?: boolean;
}

const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function rawWorkbookParts(book: RawWorkbook): Record<string, string> {
  const sheetParts = book.sheets.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`);
  const formats = book.cellFormats ?? [{ numFmtId: 0 }];
  const numFmts = Object.entries(book.numFmts ?? {});
  const parts: Record<string, string> = {
    "[Content_Types].xml":
      DECL +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheetParts.map((p) => `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    "_rels/.rels": DECL + `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      DECL +
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><workbookPr${book.date1904 ? ' date1904="1"' : ""}/><sheets>` +
      book.sheets.map((s, i) => `<sheet name="${escapeAttribute(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      DECL +
      `<Relationships xmlns="${PKG_REL}">` +
      sheetParts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${R_NS}/worksheet" Target="${p.slice(3)}"/>`).join("") +
      `<Relationship Id="rIdS" Type="${R_NS}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${R_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/styles.xml":
      DECL +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`).join("")}</numFmts>` : "") +
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${formats.length}">${formats.map((f) => `<xf numFmtId="${f.numFmtId}" fontId="0" fillId="0" borderId="${f.bordered ? 1 : 0}" xfId="0" applyNumberFormat="1"/>`).join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    "xl/sharedStrings.xml": DECL + `<sst xmlns="${MAIN_NS}" count="${book.sharedStrings?.length ?? 0}" uniqueCount="${book.sharedStrings?.length ?? 0}">${(book.sharedStrings ?? []).map((s) => `<si>${s}</si>`).join("")}</sst>`,
  };
  book.sheets.forEach((s, i) => {
    parts[sheetParts[i]] = DECL + `<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><sheetData>${s.sheetData}</sheetData>${s.after ?? ""}</worksheet>`;
    if (s.externalRels) {
      const list = s.externalRels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${R_NS}/${type}" Target="${escapeAttribute(target)}" TargetMode="External"/>`);
      parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = DECL + `<Relationships xmlns="${PKG_REL}">${list.join("")}</Relationships>`;
    }
  });
  return parts;
}

export function rawWorkbook(book: RawWorkbook, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, text] of Object.entries(rawWorkbookParts(book))) files[name] = [strToU8(text), { level }];
  return zipSync(files);
}

/** <row r=…> with the cells given as [ref, attributes, inner XML]. */
export function row(r: number, cells: [string, string, string][], attributes = ""): string {
  return `<row r="${r}"${attributes}>${cells.map(([ref, a, inner]) => (inner ? `<c r="${ref}"${a}>${inner}</c>` : `<c r="${ref}"${a}/>`)).join("")}</row>`;
}
