// Patches one worksheet part by streaming its XML: cells are inserted or replaced inside their
// <row>, rows created in order, <cols> and <dimension> updated; every other byte is copied as it
// was (sheet views, merged cells, conditional formats, validations, hyperlinks, tables, extLst).
import { cellName, columnOf, rowOf } from "./cell-reference";
import { cellXml } from "./cell-xml";
import { columnRange, colsXml, columnStyle, withWidths, type ColumnRange } from "./column-widths";
import { PackageError } from "./package-error";
import type { StyleSheet } from "./style-sheet";
import type { CellArea, CellEdit, ColumnWidth } from "./types";
import { localName, scanXml } from "./xml-tree";
import { openTag } from "./xml-escape";

export interface SheetChanges {
  /** At most one edit per cell (see mergeCellEdits). */
  cells: CellEdit[];
  clearArea?: CellArea;
  columnWidths?: ColumnWidth[];
}

export interface SheetPatchContext {
  styles: StyleSheet;
  date1904: boolean;
  /** For messages. */
  sheet: string;
}

export interface PatchedSheet {
  xml: string;
  /** A formula was overwritten or cleared, so the calculation chain no longer matches. */
  formulasRemoved: boolean;
}

interface RowState {
  row: number;
  /** The row's own style, when it has one (customFormat). */
  style?: number;
  edits: CellEdit[];
  next: number;
  lastColumn: number;
  /** The part's text already holds the row's end: nothing more to add at </row>. */
  done: boolean;
}

interface OpenCell {
  start: number;
  openEnd: number;
  /** Set at the cell's end tag. */
  end: number;
  column: number;
  attributes: Record<string, string>;
  edit?: CellEdit;
  cleared: boolean;
  formula?: Record<string, string>;
}

/** Several edits of one cell become one: later values win, style patches merge. */
export function mergeCellEdits(cells: CellEdit[]): Map<number, CellEdit[]> {
  const byCell = new Map<string, CellEdit>();
  for (const e of cells) {
    const key = `${e.row}:${e.column}`;
    const old = byCell.get(key);
    byCell.set(key, old ? mergeTwo(old, e) : e);
  }
  const byRow = new Map<number, CellEdit[]>();
  for (const e of byCell.values()) {
    const list = byRow.get(e.row);
    if (list) list.push(e);
    else byRow.set(e.row, [e]);
  }
  for (const list of byRow.values()) list.sort((a, b) => a.column - b.column);
  return byRow;
}

function mergeTwo(a: CellEdit, b: CellEdit): CellEdit {
  if (b.clear) return b;
  const merged: CellEdit = { ...a, ...b, style: a.style || b.style ? { ...a.style, ...b.style } : undefined };
  if (b.value === undefined) merged.value = a.value;
  return merged;
}

const STYLE_ATTRIBUTE = /\ss\s*=\s*(["'])[^"']*\1/;
const REF_ATTRIBUTE = /\sr\s*=\s*(["'])[^"']*\1/;

/** A cell's start tag with style s (0: no s attribute), placed after r as Excel writes it. */
function withStyle(openTagText: string, s: number): string {
  const bare = openTagText.replace(STYLE_ATTRIBUTE, "");
  if (!s) return bare;
  const anchor = REF_ATTRIBUTE.exec(bare);
  const at = anchor ? anchor.index + anchor[0].length : bare.search(/[\s/>]/);
  return `${bare.slice(0, at)} s="${s}"${bare.slice(at)}`;
}

function spanOf(spans: string): [number, number] {
  const numbers = spans.split(/[\s:]+/).map(Number).filter((n) => n > 0);
  return [Math.min(...numbers), Math.max(...numbers)];
}

export function patchSheetXml(xml: string, part: string, changes: SheetChanges, ctx: SheetPatchContext): PatchedSheet {
  const byRow = mergeCellEdits(changes.cells);
  const editRows = [...byRow.keys()].sort((a, b) => a - b);
  const area = changes.clearArea;
  const widths = changes.columnWidths ?? [];
  const { styles, date1904 } = ctx;

  const out: string[] = [];
  let cursor = 0;
  const copyTo = (pos: number) => {
    if (pos > cursor) out.push(xml.slice(cursor, pos));
    cursor = pos;
  };
  const replace = (start: number, end: number, text: string) => {
    copyTo(start);
    out.push(text);
    cursor = end;
  };

  let p = "";
  const stack: string[] = [];
  const ranges: ColumnRange[] = [];
  let colsStart = -1;
  let colsSeen = false;
  let sheetDataWasEmpty = false;
  let dimension: DimensionTag | undefined;
  let nextEditRow = 0;
  let lastRow = 0;
  let row: RowState | undefined;
  let cell: OpenCell | undefined;
  let formulasRemoved = false;
  const used = { top: Infinity, left: Infinity, bottom: 0, right: 0 };

  const cleared = (r: number, c: number) => !!area && area.top <= r && r <= area.bottom && area.left <= c && c <= area.right;
  const grow = (r: number, c: number) => {
    used.top = Math.min(used.top, r);
    used.bottom = Math.max(used.bottom, r);
    used.left = Math.min(used.left, c);
    used.right = Math.max(used.right, c);
  };

  /** The new text of a cell: existing is the cell as it stands (undefined when there is none). */
  const editedCell = (r: number, edit: CellEdit | undefined, existing: OpenCell | undefined, rowStyle: number | undefined): string => {
    const c = edit?.column ?? existing!.column;
    const ref = cellName(r, c);
    const wipe = !!existing && (existing.cleared || !!edit?.clear);
    if (existing?.formula && (wipe || edit?.value !== undefined)) {
      if (existing.formula.t === "shared" && existing.formula.ref) {
        throw new PackageError(`Cell ${ref} on the sheet '${ctx.sheet}' holds a formula that other cells share, so it cannot be overwritten. Clear or move those formulas in Excel and try again.`);
      }
      formulasRemoved = true;
    }
    if (!edit) return "";
    const base = existing && !wipe ? existing : undefined;
    const s0 = base ? Number(base.attributes.s ?? 0) : (rowStyle ?? columnStyle(ranges, c));
    const s = edit.style ? styles.patched(s0, edit.style) : s0;
    let text: string;
    if (edit.value !== undefined) {
      text = cellXml(p, ref, edit.value instanceof Date ? styles.withDateFormat(s) : s, edit.value, date1904);
    } else if (base) {
      const open = xml.slice(base.start, base.openEnd);
      text = (s === s0 ? open : withStyle(open, s)) + xml.slice(base.openEnd, base.end);
    } else {
      text = s ? `<${p}c r="${ref}" s="${s}"/>` : "";
    }
    if (text) grow(r, c);
    return text;
  };

  /** New cells of the row (those before column `before`) as text. */
  const pendingCells = (state: RowState, before: number): string => {
    let text = "";
    while (state.next < state.edits.length && state.edits[state.next].column < before) {
      text += editedCell(state.row, state.edits[state.next++], undefined, state.style);
    }
    return text;
  };

  const newRow = (r: number): string => {
    const state: RowState = { row: r, edits: byRow.get(r)!, next: 0, lastColumn: 0, done: true };
    const cells = pendingCells(state, Infinity);
    return cells ? `<${p}row r="${r}">${cells}</${p}row>` : "";
  };

  /** New rows before row r (all remaining ones for Infinity). */
  const rowsBefore = (r: number): string => {
    let text = "";
    while (nextEditRow < editRows.length && editRows[nextEditRow] < r) text += newRow(editRows[nextEditRow++]);
    if (editRows[nextEditRow] === r) nextEditRow++;
    return text;
  };

  const openRow = (name: string, attributes: Record<string, string>, start: number, end: number, selfClosing: boolean) => {
    const r = attributes.r ? Number(attributes.r) : lastRow + 1;
    lastRow = r;
    const before = rowsBefore(r);
    if (before) replace(start, start, before);
    const edits = byRow.get(r);
    const inArea = !!area && area.top <= r && r <= area.bottom;
    if (!edits && !inArea) {
      row = undefined;
      if (!attributes.r) replace(start, end, openTag(name, { r: String(r), ...attributes }, selfClosing));
      return;
    }
    const customFormat = attributes.customFormat === "1" || attributes.customFormat === "true";
    row = { row: r, style: customFormat ? Number(attributes.s ?? 0) : undefined, edits: edits ?? [], next: 0, lastColumn: 0, done: selfClosing };
    const changed: Record<string, string> = { r: String(r), ...attributes };
    if (attributes.spans && row.edits.length) {
      const [lo, hi] = spanOf(attributes.spans);
      changed.spans = `${Math.min(lo, row.edits[0].column)}:${Math.max(hi, row.edits[row.edits.length - 1].column)}`;
    }
    if (selfClosing) {
      const cells = pendingCells(row, Infinity);
      replace(start, end, cells ? `${openTag(name, changed)}${cells}</${name}>` : openTag(name, changed, true));
    } else if (changed.spans !== attributes.spans || !attributes.r) {
      replace(start, end, openTag(name, changed));
    }
  };

  const openCell = (attributes: Record<string, string>, start: number, end: number) => {
    const state = row!;
    const column = attributes.r ? columnOf(attributes.r) : state.lastColumn + 1;
    state.lastColumn = column;
    const before = pendingCells(state, column);
    if (before) replace(start, start, before);
    const edit = state.next < state.edits.length && state.edits[state.next].column === column ? state.edits[state.next++] : undefined;
    const inArea = cleared(state.row, column);
    cell = edit || inArea || !attributes.r ? { start, openEnd: end, end, column, attributes, edit, cleared: inArea } : undefined;
  };

  const closeCell = (end: number) => {
    const c = cell!;
    cell = undefined;
    c.end = end;
    if (!c.edit && !c.cleared) {
      // Only the reference was missing: write it, keep the rest.
      const open = xml.slice(c.start, c.openEnd).replace(/^<[^\s/>]+/, (m) => `${m} r="${cellName(row!.row, c.column)}"`);
      replace(c.start, end, open + xml.slice(c.openEnd, end));
      return;
    }
    replace(c.start, end, editedCell(row!.row, c.edit, c, row!.style));
  };

  scanXml(xml, part, {
    open(name, attributes, start, end, selfClosing) {
      const local = localName(name);
      const depth = stack.length;
      stack.push(local);
      if (depth === 0) {
        p = name.slice(0, name.length - local.length);
      } else if (depth === 1) {
        if (local === "dimension") {
          copyTo(start);
          dimension = { slot: out.length, name, attributes, selfClosing };
          out.push(xml.slice(start, end));
          cursor = end;
        } else if (local === "cols") {
          colsStart = start;
          colsSeen = true;
        } else if (local === "sheetData") {
          if (widths.length && !colsSeen) replace(start, start, colsXml(p, withWidths([], widths)));
          if (selfClosing) {
            replace(start, end, `<${name}>${rowsBefore(Infinity)}</${name}>`);
            sheetDataWasEmpty = true;
          }
        }
      } else if (depth === 2) {
        if (local === "col" && stack[1] === "cols") ranges.push(columnRange(attributes));
        else if (local === "row" && stack[1] === "sheetData") openRow(name, attributes, start, end, selfClosing);
      } else if (depth === 3 && row && stack[1] === "sheetData") {
        if (local === "c") openCell(attributes, start, end);
        else if (!row.done) {
          // A row's extLst follows its cells: new cells go before it.
          const rest = pendingCells(row, Infinity);
          if (rest) replace(start, start, rest);
        }
      } else if (cell && local === "f") {
        cell.formula = attributes;
      }
    },
    close(_name, start, end) {
      const local = stack.pop();
      const depth = stack.length;
      if (depth === 1) {
        if (local === "cols" && widths.length) replace(colsStart, end, colsXml(p, withWidths(ranges, widths)));
        else if (local === "sheetData" && !sheetDataWasEmpty) {
          const rest = rowsBefore(Infinity);
          if (rest) replace(start, start, rest);
        }
      } else if (depth === 2 && local === "row" && row) {
        if (!row.done) {
          const rest = pendingCells(row, Infinity);
          if (rest) replace(start, start, rest);
        }
        row = undefined;
      } else if (depth === 3 && local === "c" && cell) {
        closeCell(end);
      }
    },
  });
  copyTo(xml.length);

  if (dimension && used.bottom > 0) out[dimension.slot] = dimensionXml(dimension, used) ?? out[dimension.slot];
  return { xml: out.join(""), formulasRemoved };
}

interface DimensionTag {
  /** Where its start tag sits in the output pieces. */
  slot: number;
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
}

/** The <dimension> start tag grown to cover the cells written (undefined: it already does). */
function dimensionXml(d: DimensionTag, used: { top: number; left: number; bottom: number; right: number }): string | undefined {
  const [a, b = a] = (d.attributes.ref ?? "A1").split(":");
  const top = Math.min(rowOf(a) || used.top, used.top);
  const left = Math.min(columnOf(a) || used.left, used.left);
  const bottom = Math.max(rowOf(b), used.bottom);
  const right = Math.max(columnOf(b), used.right);
  const ref = top === bottom && left === right ? cellName(top, left) : `${cellName(top, left)}:${cellName(bottom, right)}`;
  return ref === d.attributes.ref ? undefined : openTag(d.name, { ...d.attributes, ref }, d.selfClosing);
}
