// Checks PackageEdits before anything is written, so a bad edit fails with a message, never a
// workbook Excel has to repair.
import { MAX_COLUMN, MAX_ROW } from "./cell-reference";
import { PackageError } from "./package-error";
import type { CellArea, CellStylePatch, ColumnWidth, PackageEdits } from "./types";
import { parseXmlTree } from "./xml-tree";

const COLOUR = /^#[0-9A-Fa-f]{6}$/;

function position(row: number, column: number, where: string) {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROW || !Number.isInteger(column) || column < 1 || column > MAX_COLUMN) {
    throw new PackageError(`${where}: row ${row}, column ${column} is outside the sheet (rows 1 to ${MAX_ROW}, columns 1 to ${MAX_COLUMN}).`);
  }
}

function style(s: CellStylePatch | undefined, where: string) {
  if (!s) return;
  for (const key of ["fill", "font"] as const) {
    const v = s[key];
    if (v !== undefined && v !== null && !COLOUR.test(v)) throw new PackageError(`${where}: the ${key} colour '${v}' is not of the form #RRGGBB.`);
  }
  if (s.font === null) throw new PackageError(`${where}: a font colour cannot be null.`);
  if (s.numFmt !== undefined && (typeof s.numFmt !== "string" || !s.numFmt)) throw new PackageError(`${where}: the number format is empty.`);
  if (s.fillXml !== undefined) {
    let ok = false;
    try {
      ok = parseXmlTree(s.fillXml, "fill").local === "fill";
    } catch {
      ok = false;
    }
    if (!ok) throw new PackageError(`${where}: the fill to restore is not a <fill> element.`);
  }
}

function value(v: unknown, where: string) {
  const ok = v === undefined || v === null || ["string", "number", "boolean"].includes(typeof v) || (v instanceof Date && !Number.isNaN(v.getTime()));
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

/** Excel's rules for sheet names. */
export function checkSheetName(name: string): void {
  if (typeof name !== "string" || name.length < 1 || name.length > 31) throw new PackageError(`A sheet name must be 1 to 31 characters long: '${name}'.`);
  if (/[\\/?*[\]:]/.test(name)) throw new PackageError(`The sheet name '${name}' contains a character Excel does not allow (\\ / ? * [ ] :).`);
  if (name.startsWith("'") || name.endsWith("'")) throw new PackageError(`The sheet name '${name}' cannot start or end with an apostrophe.`);
  if (name.toLowerCase() === "history") throw new PackageError("Excel keeps the sheet name 'History' for itself.");
}

export function validateEdits(edits: PackageEdits): void {
  for (const s of edits.sheets ?? []) {
    const where = `Sheet '${s.sheet}'`;
    for (const c of s.cells) {
      position(c.row, c.column, where);
      value(c.value, where);
      style(c.style, where);
    }
    area(s.clearArea, where);
    widths(s.columnWidths, where);
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
    if (n.state !== undefined && !["visible", "hidden", "veryHidden"].includes(n.state)) throw new PackageError(`${where}: state '${n.state}' is not visible, hidden or veryHidden.`);
  }
}
