// Patches one worksheet part on its bytes: cells are inserted or replaced inside their <row>, rows
// created in order, <cols> and <dimension> updated. Every other byte is copied as it was (sheet
// views, merged cells, conditional formats, validations, hyperlinks, tables, extLst), and so is every
// row without an edit, in long runs; in an edited row, only the cells that change are written anew.
// The output from <sheetData> on can be handed on as it is made (to be deflated), so a big sheet is
// never held whole; what comes before it is held, for the <dimension> is known only at the end.
import { ByteOutput, piecesText, type PieceSink } from "./byte-output";
import type { CellEditList } from "./cell-edit-list";
import { mergeCellEdits, sortCellEdits, type SortedCellEdits } from "./cell-edits";
import * as cellReference from "./cell-reference";
import { cellXmlWritten, writeCellXml } from "./cell-xml";
import { columnRange, colsXml, columnStyle, withWidths, type ColumnRange } from "./column-widths";
import { PackageError } from "./package-error";
import { fitToPageAttributes, pageSetupAttributes, printElements, printElementXml, worksheetRank, type PrintElement } from "./page-setup-xml";
import { escapeText, openTag } from "./xml-escape";
import type { StyleSheet } from "./style-sheet";
import type { CellArea, CellEdit, ColumnWidth, ListValidation, PageSetupPatch } from "./types";
import * as xmlBytes from "./xml-bytes";
import { AttributeCursor, attributesOf, EL, XmlByteScanner, type XmlByteHandler } from "./xml-bytes";

export { mergeCellEdits };

// Used once per cell, held here: a bundler's module getters cost more than the cell itself.
const { cellName, columnOf, rowOf } = cellReference;
const { digitsOf, columnOfBytes } = xmlBytes;
const { c: C, f: F, row: ROW, col: COL, cols: COLS, sheetData: SHEET_DATA, dimension: DIMENSION } = EL;
const CHAR_R = 114;
const CHAR_S = 115;
const CHAR_T = 116;
const encoder = new TextEncoder();

export interface SheetChanges {
  /** Several edits of one cell are merged, in order (see mergeCellEdits). */
  cells: CellEdit[];
  /** More edits, after cells, in order. */
  cellLists?: CellEditList[];
  clearArea?: CellArea;
  columnWidths?: ColumnWidth[];
  validations?: ListValidation[];
  /** Written in schema order; the sheet's own page setup elements are replaced, <pageSetup> merged. */
  pageSetup?: PageSetupPatch;
  /** Automatic row heights in points, by row (see SheetEdit.rowHeights). */
  rowHeights?: Map<number, number>;
}

export interface SheetPatchContext {
  styles: StyleSheet;
  date1904: boolean;
  /** For messages. */
  sheet: string;
}

export interface PatchedSheet {
  /**
   * The new part's bytes, piece by piece (long unchanged runs are views of the old part); only those
   * before <sheetData> when the rest went to a sink.
   */
  pieces: Uint8Array[];
  /** A formula was overwritten or cleared, so the calculation chain no longer matches. */
  formulasRemoved: boolean;
}

/** Patches a sheet part given as UTF-8 bytes; with a sink, the bytes from <sheetData> on go to it as they are made. */
export function patchSheet(part: Uint8Array, partName: string, changes: SheetChanges, ctx: SheetPatchContext, sink?: PieceSink): PatchedSheet {
  const patcher = new SheetPatcher(partName, changes, ctx, sink);
  const data = new XmlByteScanner(patcher, partName).scanAll(part);
  return { pieces: patcher.finish(data), formulasRemoved: patcher.formulasRemoved };
}

/** patchSheet on text, for new sheets and tests. */
export function patchSheetXml(xml: string, partName: string, changes: SheetChanges, ctx: SheetPatchContext): { xml: string; formulasRemoved: boolean } {
  const patched = patchSheet(encoder.encode(xml), partName, changes, ctx);
  return { xml: piecesText(patched.pieces), formulasRemoved: patched.formulasRemoved };
}

/** The index of row r in rows (in order), or -1. */
function rowIndex(rows: Int32Array, r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo] === r ? lo : -1;
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let k = s; k < e; k++) out += String.fromCharCode(b[k]);
  return out;
}

function nameIs(b: Uint8Array, s: number, e: number, name: string): boolean {
  if (e - s !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (b[s + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** The row's spans ("1:5") grown to cover columns first to last. */
function spansWith(spans: string, first: number, last: number): string {
  const colon = spans.indexOf(":");
  const low = colon > 0 ? digitsOnly(spans, 0, colon) : -1;
  const high = low > 0 ? digitsOnly(spans, colon + 1, spans.length) : -1;
  // The usual "low:high"; anything else (several ranges, spaces) the slow way.
  if (high > 0) return `${Math.min(first, low, high)}:${Math.max(last, low, high)}`;
  const numbers = spans.split(/[\s:]+/).map(Number).filter((n) => n > 0);
  return `${Math.min(first, ...numbers)}:${Math.max(last, ...numbers)}`;
}

/** The number the characters from s to e spell when they are all decimal digits (at most 9), else -1. */
function digitsOnly(text: string, s: number, e: number): number {
  if (e <= s || e - s > 9) return -1;
  let n = 0;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/** The worksheet's elements that come after <dataValidations> (CT_Worksheet's order). */
const AFTER_VALIDATIONS = new Set([
  "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
  "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
]);

/** The areas of a sqref ("A1:B5 D7"). */
function sqrefAreas(sqref: string): CellArea[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((ref) => {
      const [a, b = a] = ref.replace(/\$/g, "").split(":");
      return { top: rowOf(a), left: columnOf(a), bottom: rowOf(b), right: columnOf(b) };
    })
    .filter((r) => r.top > 0 && r.left > 0);
}

const overlaps = (a: CellArea, b: CellArea) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

class SheetPatcher implements XmlByteHandler {
  formulasRemoved = false;
  private readonly out = new ByteOutput();
  /** The part, set at its root element. */
  private data: Uint8Array = new Uint8Array(0);
  /** The source bytes up to here are in the output. */
  private cursor = 0;
  private depth = 0;
  /** The element prefix of the sheet ("" or "x:"). */
  private p = "";
  private readonly attributes = new AttributeCursor();
  private readonly edits: SortedCellEdits;
  /** The next row with edits not yet written (an index in edits.rows). */
  private nextEditRow = 0;
  private lastRow = 0;
  private readonly area: CellArea | undefined;
  private readonly widths: ColumnWidth[];
  private readonly ranges: ColumnRange[] = [];
  private readonly columnStyles = new Map<number, number>();
  /** The styles of a row's new cells, worked out before the row is written. */
  private scratch = new Int32Array(64);
  private inCols = false;
  private colsStart = -1;
  private colsSeen = false;
  private inSheetData = false;
  private sheetDataSeen = false;
  /** List dropdowns still to write; the areas of the validations the sheet has. */
  private readonly validations: ListValidation[];
  private validationsDone: boolean;
  private inValidations = false;
  private readonly validated: CellArea[] = [];
  /** The page setup to write; its elements still to write, in schema order. */
  private readonly pageSetup: PageSetupPatch | undefined;
  private readonly rowHeights: Map<number, number> | undefined;
  private readonly printPending: PrintElement[];
  /** <sheetPr> must ask for the fit (pageSetUpPr fitToPage) until it has. */
  private fitPending: boolean;
  private topLevelSeen = false;
  private inSheetPr = false;
  /** One of the sheet's own page setup elements being replaced whole: where it starts. */
  private replacing: { element: PrintElement; start: number } | undefined;
  /** The output goes to the sink (from <sheetData> on). */
  private streaming = false;
  private dimension: { slot: number; ref: string | undefined; valueStart: number; valueEnd: number } | undefined;
  private readonly used = { top: Infinity, left: Infinity, bottom: 0, right: 0 };

  // The row being patched (one with edits, or in the area cleared).
  private inRow = false;
  private row = 0;
  /** The row's own style, when it has one (customFormat). */
  private rowStyle: number | undefined;
  /** The row's edits not yet written: from next up to (not including) rowEnd. */
  private next = 0;
  private rowEnd = 0;
  private lastColumn = 0;
  private rowInArea = false;
  /** The row's cells are all written: nothing more to add before its end. */
  private rowDone = false;

  // The cell being replaced whole (a value written, or cleared).
  private inCell = false;
  private cellStart = 0;
  private cellColumn = 0;
  private cellStyle = 0;
  /** The cell's edit (an index in edits), or -1. */
  private cellEdit = -1;
  private cellCleared = false;
  /** 0: no formula; 1: a formula; 2: the master of a shared formula. */
  private cellFormula = 0;

  constructor(
    private readonly part: string,
    changes: SheetChanges,
    private readonly ctx: SheetPatchContext,
    private readonly sink: PieceSink | undefined,
  ) {
    this.edits = sortCellEdits(changes.cells, `Sheet '${ctx.sheet}'`, changes.cellLists);
    this.area = changes.clearArea;
    this.widths = changes.columnWidths ?? [];
    this.validations = changes.validations ?? [];
    this.validationsDone = this.validations.length === 0;
    this.pageSetup = changes.pageSetup;
    this.rowHeights = changes.rowHeights?.size ? changes.rowHeights : undefined;
    this.printPending = changes.pageSetup ? printElements(changes.pageSetup) : [];
    this.fitPending = !!changes.pageSetup?.fitTo;
  }

  open(id: number, b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): void {
    const depth = this.depth;
    if (!selfClosing) this.depth = depth + 1;
    switch (depth) {
      case 3:
        if (!this.inRow) return;
        if (id === C) this.openCell(b, as, ae, selfClosing, ts, te);
        // A row's extLst follows its cells: new cells go before it.
        else if (!this.rowDone) this.pendingCells(Infinity, ts);
        return;
      case 4:
        if (id === F && this.inCell) this.openFormula(b, as, ae);
        return;
      case 2:
        if (this.inValidations) this.validated.push(...sqrefAreas(attributesOf(b, as, ae, this.part).sqref ?? ""));
        else if (this.inSheetPr) this.sheetPrChild(b, as, ae, selfClosing, ts, te);
        else if (id === ROW && this.inSheetData) this.openRow(b, as, ae, selfClosing, ts, te);
        else if (id === COL && this.inCols) this.ranges.push(columnRange(attributesOf(b, as, ae, this.part)));
        return;
      case 1:
        this.openTopLevel(id, b, as, ae, selfClosing, ts, te);
        return;
      case 0: {
        this.data = b;
        const colon = b.subarray(ts + 1, as).indexOf(58);
        this.p = colon < 0 ? "" : latin1(b, ts + 1, ts + 2 + colon);
      }
    }
  }

  close(id: number, ts: number, te: number): void {
    const depth = --this.depth;
    if (depth === 0 && !this.validationsDone) {
      // The root's end: no element after where <dataValidations> goes.
      this.insert(ts, this.validationsXml(true));
      this.validationsDone = true;
    } else if (depth === 1 && this.inValidations) {
      this.inValidations = false;
      this.insert(ts, this.validationsXml(false));
      this.validationsDone = true;
      return;
    }
    if (depth === 0 && this.printPending.length) this.insert(ts, this.printXml(Infinity));
    if (depth === 3) {
      if (this.inCell && id === C) this.closeCell(te);
    } else if (depth === 2) {
      if (this.inRow && id === ROW) {
        if (!this.rowDone) this.pendingCells(Infinity, ts);
        this.inRow = false;
      }
    } else if (depth === 1) {
      if (this.inSheetPr) {
        this.inSheetPr = false;
        if (this.fitPending) this.insert(ts, `<${this.p}pageSetUpPr fitToPage="1"/>`);
        this.fitPending = false;
      } else if (this.replacing) {
        this.replace(this.replacing.start, te, printElementXml(this.p, this.replacing.element, this.pageSetup!));
        this.replacing = undefined;
      } else if (id === COLS && this.inCols) {
        this.inCols = false;
        if (this.widths.length) this.replace(this.colsStart, te, colsXml(this.p, withWidths(this.ranges, this.widths)));
      } else if (id === SHEET_DATA && this.inSheetData) {
        this.inSheetData = false;
        this.rowsBefore(Infinity, ts);
      }
    }
  }

  text(): void {}

  /** The output, once the whole part is scanned. */
  finish(data: Uint8Array): Uint8Array[] {
    this.copyTo(data.length);
    const d = this.dimension;
    if (d) {
      const ref = this.used.bottom > 0 ? this.dimensionRef(d.ref) : undefined;
      if (ref === undefined) this.out.setSlot(d.slot, data.subarray(d.valueStart, d.valueEnd));
      else this.out.setSlot(d.slot, encoder.encode(d.valueStart === d.valueEnd && d.ref === undefined ? ` ref="${ref}"` : ref));
    }
    return this.out.finish();
  }

  /** Our list dropdowns that overlap none the sheet has, as <dataValidation> elements (in their parent when `wrap`). */
  private validationsXml(wrap: boolean): string {
    const p = this.p;
    const fresh = this.validations.filter((v) => !this.validated.some((a) => overlaps(a, v.area)));
    if (!fresh.length) return "";
    const items = fresh
      .map((v) => {
        const sqref = v.area.top === v.area.bottom && v.area.left === v.area.right ? cellName(v.area.top, v.area.left) : `${cellName(v.area.top, v.area.left)}:${cellName(v.area.bottom, v.area.right)}`;
        const formula = v.inline ? `"${v.list.replace(/"/g, '""')}"` : v.list.replace(/^=/, "");
        const attributes = { type: "list", errorStyle: "warning", allowBlank: "1", showInputMessage: "1", showErrorMessage: "1", errorTitle: v.title, error: v.error, promptTitle: v.title, prompt: v.prompt, sqref };
        return `${openTag(`${p}dataValidation`, attributes)}<${p}formula1>${escapeText(formula)}</${p}formula1></${p}dataValidation>`;
      })
      .join("");
    return wrap ? `<${p}dataValidations count="${fresh.length}">${items}</${p}dataValidations>` : items;
  }

  // Output: the source is copied up to each change.

  private copyTo(pos: number): void {
    if (pos < this.cursor) throw new Error(`sheet patch out of order at ${pos}`);
    this.out.bytes(this.data, this.cursor, pos);
    this.cursor = pos;
  }

  private insert(pos: number, text: string): void {
    this.copyTo(pos);
    this.out.text(text);
  }

  private replace(start: number, end: number, text: string): void {
    this.copyTo(start);
    this.out.text(text);
    this.cursor = end;
  }

  /** The page setup elements still to write that go before an element of rank `before`. */
  private printXml(before: number): string {
    let text = "";
    while (this.printPending.length && worksheetRank(this.printPending[0]) < before) text += printElementXml(this.p, this.printPending.shift()!, this.pageSetup!);
    return text;
  }

  /** Page setup at a top-level element: ours before it, or in its place; true when it is replaced. */
  private printAt(b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): boolean {
    const name = latin1(b, ts + 1, as).trim();
    const local = name.slice(name.indexOf(":") + 1);
    const first = !this.topLevelSeen;
    this.topLevelSeen = true;
    if (first && this.fitPending && local !== "sheetPr") {
      this.insert(ts, `<${this.p}sheetPr><${this.p}pageSetUpPr fitToPage="1"/></${this.p}sheetPr>`);
      this.fitPending = false;
    }
    if (local === "sheetPr" && this.fitPending) {
      const attributes = attributesOf(b, as, ae, this.part);
      if (!selfClosing) this.inSheetPr = true;
      else {
        this.replace(ts, te, `${openTag(name, attributes)}<${this.p}pageSetUpPr fitToPage="1"/></${name}>`);
        this.fitPending = false;
      }
      return true;
    }
    const rank = worksheetRank(local);
    if (rank < 0) return false;
    const before = this.printXml(rank);
    if (before) this.insert(ts, before);
    if (this.printPending[0] !== local) return false;
    const element = this.printPending.shift()!;
    if (element === "pageSetup") this.replace(ts, te, openTag(name, pageSetupAttributes(attributesOf(b, as, ae, this.part), this.pageSetup!), selfClosing));
    else if (selfClosing) this.replace(ts, te, printElementXml(this.p, element, this.pageSetup!));
    else this.replacing = { element, start: ts };
    return true;
  }

  /** A child of <sheetPr>: its <pageSetUpPr> (the last child) asks for the fit. */
  private sheetPrChild(b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): void {
    const name = latin1(b, ts + 1, as).trim();
    if (name.slice(name.indexOf(":") + 1) !== "pageSetUpPr") return;
    this.replace(ts, te, openTag(name, fitToPageAttributes(attributesOf(b, as, ae, this.part)), selfClosing));
    this.fitPending = false;
  }

  private openTopLevel(id: number, b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): void {
    if (!this.validationsDone && this.sheetDataSeen) {
      const name = latin1(b, ts + 1, as).trim();
      const local = name.slice(name.indexOf(":") + 1);
      if (local === "dataValidations") {
        // The sheet's own list: ours join it (its count dropped: it is optional, and ours may be skipped).
        const attributes = attributesOf(b, as, ae, this.part);
        delete attributes.count;
        if (selfClosing) {
          this.replace(ts, te, `${openTag(name, attributes)}${this.validationsXml(false)}</${name}>`);
          this.validationsDone = true;
        } else {
          this.replace(ts, te, openTag(name, attributes));
          this.inValidations = true;
        }
        return;
      }
      if (AFTER_VALIDATIONS.has(local)) {
        this.insert(ts, this.validationsXml(true));
        this.validationsDone = true;
      }
    }
    if (this.pageSetup && this.printAt(b, as, ae, selfClosing, ts, te)) return;
    // A <dimension> after <sheetData> (not where the schema puts it) is left as it is.
    if (id === DIMENSION && !this.streaming) {
      let valueStart = ae;
      let valueEnd = ae;
      for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
        if (nameIs(b, a.nameStart, a.nameEnd, "ref")) [valueStart, valueEnd] = [a.valueStart, a.valueEnd];
      }
      this.copyTo(valueStart);
      this.dimension = { slot: this.out.slot(), ref: attributesOf(b, as, ae, this.part).ref, valueStart, valueEnd };
      this.cursor = valueEnd;
    } else if (id === COLS) {
      this.colsStart = ts;
      this.colsSeen = true;
      if (!selfClosing) this.inCols = true;
      else if (this.widths.length) this.replace(ts, te, colsXml(this.p, withWidths(this.ranges, this.widths)));
    } else if (id === SHEET_DATA) {
      this.sheetDataSeen = true;
      if (this.widths.length && !this.colsSeen) this.insert(ts, colsXml(this.p, withWidths([], this.widths)));
      if (this.sink && !this.streaming) {
        this.copyTo(ts);
        this.out.streamTo(this.sink);
        this.streaming = true;
      }
      if (!selfClosing) {
        this.inSheetData = true;
        return;
      }
      const name = latin1(b, ts + 1, as);
      this.replace(ts, te, `<${name}>`);
      this.rowsBefore(Infinity, te);
      this.out.text(`</${name}>`);
    }
  }

  /** Writes the new rows before row r (all remaining ones for Infinity) at pos; row r itself is taken. */
  private rowsBefore(r: number, pos: number): void {
    const { rows, rowStart, columns } = this.edits;
    while (this.nextEditRow < rows.length && rows[this.nextEditRow] < r) {
      const k = this.nextEditRow++;
      const row = rows[k];
      const from = rowStart[k];
      const end = rowStart[k + 1];
      const styles = this.stylesFor(from, end, (i) => this.columnStyle(columns[i]));
      if (!styles) continue;
      this.insert(pos, `<${this.p}row r="${row}">`);
      this.writeCells(row, from, end, styles);
      this.out.text(`</${this.p}row>`);
    }
    if (rows[this.nextEditRow] === r) this.nextEditRow++;
  }

  private openRow(b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): void {
    let r = 0;
    let s = 0;
    let customFormat = false;
    let spansStart = -1;
    let spansEnd = -1;
    let htStart = -1;
    let htEnd = -1;
    let customHeight = false;
    for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
      const n = a.nameEnd - a.nameStart;
      if (n === 1) {
        if (b[a.nameStart] === CHAR_R && a.valueEnd > a.valueStart) r = digitsOf(b, a.valueStart, a.valueEnd);
        else if (b[a.nameStart] === CHAR_S) s = digitsOf(b, a.valueStart, a.valueEnd);
      } else if (n === 5 && nameIs(b, a.nameStart, a.nameEnd, "spans")) {
        spansStart = a.valueStart;
        spansEnd = a.valueEnd;
      } else if (n === 12 && nameIs(b, a.nameStart, a.nameEnd, "customFormat")) {
        const v = latin1(b, a.valueStart, a.valueEnd);
        customFormat = v === "1" || v === "true";
      } else if (n === 2 && nameIs(b, a.nameStart, a.nameEnd, "ht")) {
        htStart = a.valueStart;
        htEnd = a.valueEnd;
      } else if (n === 12 && nameIs(b, a.nameStart, a.nameEnd, "customHeight")) {
        const v = latin1(b, a.valueStart, a.valueEnd);
        customHeight = v === "1" || v === "true";
      }
    }
    const hasR = r > 0;
    if (!hasR) r = this.lastRow + 1;
    this.lastRow = r;
    const { rows, rowStart, columns } = this.edits;
    if (this.nextEditRow < rows.length && rows[this.nextEditRow] <= r) this.rowsBefore(r, ts);
    const k = rowIndex(rows, r);
    const area = this.area;
    const inArea = !!area && area.top <= r && r <= area.bottom;
    // A row given its number, so new rows before it do not renumber it.
    if (!hasR) this.insert(as, ` r="${r}"`);
    if (k < 0 && !inArea) return;

    this.inRow = !selfClosing;
    this.row = r;
    this.rowStyle = customFormat ? s : undefined;
    this.next = k < 0 ? 0 : rowStart[k];
    this.rowEnd = k < 0 ? 0 : rowStart[k + 1];
    this.lastColumn = 0;
    this.rowInArea = inArea;
    this.rowDone = selfClosing;
    // The start tag's changes, in the order they come: spans grown, an automatic height raised.
    let spans: string | undefined;
    if (spansStart >= 0 && this.next < this.rowEnd) {
      const old = latin1(b, spansStart, spansEnd);
      spans = spansWith(old, columns[this.next], columns[this.rowEnd - 1]);
      if (spans === old) spans = undefined;
    }
    const height = this.rowHeights?.get(r);
    // A height the officer set (customHeight) is theirs; an automatic one only ever grows.
    const raise = height !== undefined && !customHeight && !(htStart >= 0 && Number(latin1(b, htStart, htEnd)) >= height);
    const heightStart = htStart >= 0 ? htStart : as;
    const heightEnd = htStart >= 0 ? htEnd : as;
    if (spans !== undefined && !(raise && heightStart < spansStart)) this.replace(spansStart, spansEnd, spans);
    if (raise) this.replace(heightStart, heightEnd, htStart >= 0 ? String(height) : ` ht="${height}"`);
    if (spans !== undefined && raise && heightStart < spansStart) this.replace(spansStart, spansEnd, spans);
    if (selfClosing) {
      // Opened up when it gets cells.
      const styles = this.stylesFor(this.next, this.rowEnd, (i) => this.rowStyle ?? this.columnStyle(columns[i]));
      if (!styles) return;
      this.insert(ae, ">");
      this.writeCells(r, this.next, this.rowEnd, styles);
      this.out.text(`</${latin1(b, ts + 1, as)}>`);
      this.cursor = te;
    }
  }

  /** Writes the new cells of the open row before column `before`, at pos. */
  private pendingCells(before: number, pos: number): void {
    const columns = this.edits.columns;
    while (this.next < this.rowEnd && columns[this.next] < before) {
      const i = this.next++;
      const s = this.styleFor(i, this.rowStyle ?? this.columnStyle(columns[i]));
      if (!this.written(i, s)) continue;
      this.copyTo(pos);
      this.writeCell(this.row, i, s);
    }
  }

  private openCell(b: Uint8Array, as: number, ae: number, selfClosing: boolean, ts: number, te: number): void {
    let column = 0;
    let refEnd = -1;
    let s = 0;
    let styleStart = -1;
    let styleEnd = -1;
    let attributeStart = -1;
    let previousEnd = as;
    for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
      if (a.nameEnd - a.nameStart === 1) {
        const name = b[a.nameStart];
        if (name === CHAR_R) {
          column = columnOfBytes(b, a.valueStart, a.valueEnd);
          refEnd = a.valueEnd + 1;
        } else if (name === CHAR_S) {
          s = digitsOf(b, a.valueStart, a.valueEnd);
          styleStart = a.valueStart;
          styleEnd = a.valueEnd;
          attributeStart = previousEnd;
        }
      }
      previousEnd = a.valueEnd + 1;
    }
    const hasRef = column > 0;
    if (!hasRef) column = this.lastColumn + 1;
    this.lastColumn = column;
    const { columns, values, styles, clears } = this.edits;
    if (this.next < this.rowEnd && columns[this.next] < column) this.pendingCells(column, ts);
    const edit = this.next < this.rowEnd && columns[this.next] === column ? this.next++ : -1;
    const inArea = this.rowInArea && this.area!.left <= column && column <= this.area!.right;
    if (edit < 0 && !inArea) {
      if (!hasRef) this.insert(as, ` r="${cellName(this.row, column)}"`);
      return;
    }
    if (edit >= 0 && !inArea && !clears[edit] && values[edit] === undefined) {
      // Only the style changes: the start tag is rewritten, the value kept as it is.
      const style = styles[edit];
      const patched = style ? this.ctx.styles.patched(s, style) : s;
      if (!hasRef) this.insert(as, ` r="${cellName(this.row, column)}"`);
      if (patched !== s) {
        if (styleStart < 0) this.insert(hasRef ? refEnd : as, ` s="${patched}"`);
        else if (patched) this.replace(styleStart, styleEnd, String(patched));
        else this.replace(attributeStart, styleEnd + 1, "");
      }
      this.grow(this.row, column);
      return;
    }
    this.inCell = true;
    this.cellStart = ts;
    this.cellColumn = column;
    this.cellStyle = s;
    this.cellEdit = edit;
    this.cellCleared = inArea;
    this.cellFormula = 0;
    if (selfClosing) this.closeCell(te);
  }

  private openFormula(b: Uint8Array, as: number, ae: number): void {
    let shared = false;
    let ref = false;
    for (const a = this.attributes.reset(b, as, ae); a.next(); ) {
      if (a.nameIs(CHAR_T)) shared = nameIs(b, a.valueStart, a.valueEnd, "shared");
      else if (nameIs(b, a.nameStart, a.nameEnd, "ref")) ref = a.valueEnd > a.valueStart;
    }
    this.cellFormula = shared && ref ? 2 : 1;
  }

  /** The end of a cell replaced whole: its new text, or nothing when it is cleared. */
  private closeCell(te: number): void {
    this.inCell = false;
    const edit = this.cellEdit;
    const { values, clears } = this.edits;
    const wipe = this.cellCleared || (edit >= 0 && clears[edit] === 1);
    if (this.cellFormula && (wipe || (edit >= 0 && values[edit] !== undefined))) {
      if (this.cellFormula === 2) {
        throw new PackageError(`Cell ${cellName(this.row, this.cellColumn)} on the sheet '${this.ctx.sheet}' holds a formula that other cells share, so it cannot be overwritten. Clear or move those formulas in Excel and try again.`);
      }
      this.formulasRemoved = true;
    }
    this.copyTo(this.cellStart);
    if (edit >= 0) {
      const s = this.styleFor(edit, wipe ? (this.rowStyle ?? this.columnStyle(this.cellColumn)) : this.cellStyle);
      if (this.written(edit, s)) this.writeCell(this.row, edit, s);
    }
    this.cursor = te;
  }

  /** The style index a cell written by edit (an index in edits) takes, over base style s0. */
  private styleFor(edit: number, s0: number): number {
    const styles = this.ctx.styles;
    const style = this.edits.styles[edit];
    const s = style ? styles.patched(s0, style) : s0;
    return this.edits.values[edit] instanceof Date ? styles.withDateFormat(s) : s;
  }

  /** Whether the cell written by edit with style s has any XML (an empty cell without a style has none). */
  private written(edit: number, s: number): boolean {
    return cellXmlWritten(s, this.edits.values[edit] ?? null, this.ctx.date1904);
  }

  /** Writes the cell of edit with style s at the end of the output (written(edit, s) is true). */
  private writeCell(r: number, edit: number, s: number): void {
    const c = this.edits.columns[edit];
    writeCellXml(this.out, this.p, r, c, s, this.edits.values[edit] ?? null, this.ctx.date1904);
    this.grow(r, c);
  }

  /**
   * The styles of the cells of edits from to end (over the base style base(i) each), in order; null
   * when none of them has any XML, so the row they would go in is not written either.
   */
  private stylesFor(from: number, end: number, base: (i: number) => number): Int32Array | null {
    if (end - from > this.scratch.length) this.scratch = new Int32Array(Math.max(end - from, 2 * this.scratch.length));
    const styles = this.scratch;
    let any = false;
    for (let i = from; i < end; i++) {
      const s = this.styleFor(i, base(i));
      styles[i - from] = s;
      if (!any && this.written(i, s)) any = true;
    }
    return any ? styles : null;
  }

  /** Writes the cells of edits from to end that have XML, with the styles stylesFor gave. */
  private writeCells(r: number, from: number, end: number, styles: Int32Array): void {
    for (let i = from; i < end; i++) if (this.written(i, styles[i - from])) this.writeCell(r, i, styles[i - from]);
  }

  /** The style of a new cell in this column, before its patch (from <cols>). */
  private columnStyle(column: number): number {
    let s = this.columnStyles.get(column);
    if (s === undefined) {
      s = columnStyle(this.ranges, column);
      this.columnStyles.set(column, s);
    }
    return s;
  }

  private grow(r: number, c: number): void {
    const used = this.used;
    if (r < used.top) used.top = r;
    if (r > used.bottom) used.bottom = r;
    if (c < used.left) used.left = c;
    if (c > used.right) used.right = c;
  }

  /** The <dimension> reference grown to cover the cells written (undefined: it already does). */
  private dimensionRef(old: string | undefined): string | undefined {
    const used = this.used;
    const [a, b = a] = (old ?? "A1").split(":");
    const top = Math.min(rowOf(a) || used.top, used.top);
    const left = Math.min(columnOf(a) || used.left, used.left);
    const bottom = Math.max(rowOf(b), used.bottom);
    const right = Math.max(columnOf(b), used.right);
    const ref = top === bottom && left === right ? cellName(top, left) : `${cellName(top, left)}:${cellName(bottom, right)}`;
    return ref === old ? undefined : ref;
  }
}
