// Checks PackageEdits before anything is written, so a bad edit fails with a message, never a
// workbook Excel has to repair.
import * as cellReference from "./cell-reference";
import { PackageError } from "./package-error";
import type { CellArea, CellStylePatch, ColumnWidth, PackageEdits, PageSetupPatch } from "./types";
import { parseXmlTree } from "./xml-tree";

// Used once per cell, held here: a bundler's module getters cost more than the check itself.
const { MAX_COLUMN, MAX_ROW } = cellReference;

const COLOUR = /^#[0-9A-Fa-f]{6}$/;

function position(row: number, column: number, where: string) {
  if (!(row >= 1 && row <= MAX_ROW && column >= 1 && column <= MAX_COLUMN && Number.isInteger(row) && Number.isInteger(column))) {
    throw new PackageError(`${where}: row ${row}, column ${column} is outside the sheet (rows 1 to ${MAX_ROW}, columns 1 to ${MAX_COLUMN}).`);
  }
}

/** Fills to restore already found to be <fill> elements (a run restores many cells to few fills). */
const goodFills = new Set<string>();

/** The last colour found good: a run gives most cells one of a few. */
let goodColour = "";

function colour(v: string | null | undefined, key: string, where: string) {
  if (v === undefined || v === null || v === goodColour) return;
  if (typeof v !== "string" || !COLOUR.test(v)) throw new PackageError(`${where}: the ${key} colour '${v}' is not of the form #RRGGBB.`);
  goodColour = v;
}

function style(s: CellStylePatch | undefined, where: string) {
  if (!s) return;
  colour(s.fill, "fill", where);
  colour(s.font, "font", where);
  if (s.font === null) throw new PackageError(`${where}: a font colour cannot be null.`);
  if (s.numFmt !== undefined && (typeof s.numFmt !== "string" || !s.numFmt)) throw new PackageError(`${where}: the number format is empty.`);
  if (s.fillXml !== undefined && !goodFills.has(s.fillXml)) {
    let ok = false;
    try {
      ok = parseXmlTree(s.fillXml, "fill").local === "fill";
    } catch {
      ok = false;
    }
    if (!ok) throw new PackageError(`${where}: the fill to restore is not a <fill> element.`);
    if (goodFills.size > 1000) goodFills.clear();
    goodFills.add(s.fillXml);
  }
}

function value(v: unknown, where: string) {
  const type = typeof v;
  const ok = type === "string" || type === "number" || v === undefined || v === null || type === "boolean" || (v instanceof Date && !Number.isNaN(v.getTime()));
  if (!ok) throw new PackageError(`${where}: a cell value must be text, a number, true/false, a date or empty.`);
}

function widths(list: ColumnWidth[] | undefined, where: string) {
  for (const w of list ?? []) {
    position(1, w.column, where);
    if (!(w.width >= 0 && w.width <= 255)) throw new PackageError(`${where}: column width ${w.width} is not between 0 and 255 characters.`);
  }
}

function area(a: CellArea | undefined, where: string) {
  if (!a) return;
  position(a.top, a.left, where);
  position(a.bottom, a.right, where);
  if (a.top > a.bottom || a.left > a.right) throw new PackageError(`${where}: the area to clear is upside down.`);
}

function pageSetup(p: PageSetupPatch | undefined, where: string) {
  if (!p) return;
  const row = (r: number) => position(r, 1, `${where}, page setup`);
  for (const r of p.rowBreaks ?? []) row(r);
  if (p.titleRows) {
    row(p.titleRows.first);
    row(p.titleRows.last);
    if (p.titleRows.first > p.titleRows.last) throw new PackageError(`${where}: the rows to repeat on each page are upside down.`);
  }
  const pages = (n: number) => Number.isInteger(n) && n >= 0 && n <= 32767;
  if (p.fitTo && !(pages(p.fitTo.width) && pages(p.fitTo.height))) throw new PackageError(`${where}: fit to ${p.fitTo.width} by ${p.fitTo.height} pages is not a number of pages.`);
  if (p.margins && !Object.values(p.margins).every((m) => typeof m === "number" && m >= 0 && m < 50)) throw new PackageError(`${where}: a page margin is not between 0 and 50 inches.`);
  if (p.orientation !== undefined && p.orientation !== "landscape" && p.orientation !== "portrait") throw new PackageError(`${where}: orientation '${p.orientation}' is not landscape or portrait.`);
  if (p.paper !== undefined && p.paper !== "A4") throw new PackageError(`${where}: paper '${p.paper}' is not A4.`);
}

/** Excel's rules for sheet names. */
export function checkSheetName(name: string): void {
  if (typeof name !== "string" || name.length < 1 || name.length > 31) throw new PackageError(`A sheet name must be 1 to 31 characters long: '${name}'.`);
  if (/[\\/?*[\]:]/.test(name)) throw new PackageError(`The sheet name '${name}' contains a character Excel does not allow (\\ / ? * [ ] :).`);
  if (name.startsWith("'") || name.endsWith("'")) throw new PackageError(`The sheet name '${name}' cannot start or end with an apostrophe.`);
  if (name.toLowerCase() === "history") throw new PackageError("Excel keeps the sheet name 'History' for itself.");
}

/** One cell edit's position, value and style. */
export function checkCellEdit(row: number, column: number, v: unknown, s: CellStylePatch | undefined, where: string): void {
  position(row, column, where);
  value(v, where);
  style(s, where);
}

/** Checks the edits; with cells false, all but the sheets' cell edits (which patching checks as it reads them). */
export function validateEdits(edits: PackageEdits, { cells = true } = {}): void {
  for (const s of edits.sheets ?? []) {
    const where = `Sheet '${s.sheet}'`;
    if (cells) for (const c of s.cells) checkCellEdit(c.row, c.column, c.value, c.style, where);
    const list = s.cellList;
    if (cells && list) for (let i = 0; i < list.length; i++) checkCellEdit(list.rows[i], list.columns[i], list.values[i], list.styles[i], where);
    area(s.clearArea, where);
    widths(s.columnWidths, where);
    pageSetup(s.pageSetup, where);
    for (const h of s.rowHeights ?? []) {
      position(h.row, 1, where);
      if (!(h.height > 0 && h.height <= 409)) throw new PackageError(`${where}: row ${h.row}'s height ${h.height} is not between 0 and 409 points.`);
    }
  }
  const added = new Set<string>();
  for (const n of edits.addSheets ?? []) {
    checkSheetName(n.name);
    const where = `New sheet '${n.name}'`;
    if (added.has(n.name.toLowerCase())) throw new PackageError(`${where} is added twice.`);
    added.add(n.name.toLowerCase());
    if (n.rows.length > MAX_ROW || n.rows.some((r) => r.length > MAX_COLUMN)) throw new PackageError(`${where} has more rows or columns than a sheet can hold.`);
    n.rows.forEach((r) => r.forEach((v) => value(v, where)));
    for (const c of n.cellStyles ?? []) {
      position(c.row, c.column, where);
      style(c.style, where);
    }
    widths(n.columnWidths, where);
    pageSetup(n.pageSetup, where);
    if (n.state !== undefined && !["visible", "hidden", "veryHidden"].includes(n.state)) throw new PackageError(`${where}: state '${n.state}' is not visible, hidden or veryHidden.`);
  }
}
