// The edits patchWorkbook applies to a workbook package, and what it reports about one.
import type { CellValue, PageMargins, PrintSetupFound } from "../../engine";
import type { CellEditList } from "./cell-edit-list";
import type { PartCache } from "./part-cache";

export type { CellValue };

/** Merged over a cell's existing style: a cell given only a fill keeps its font, border and format. */
export interface CellStylePatch {
  /** "#RRGGBB" solid fill, or null for no fill. */
  fill?: string | null;
  /** An exact <fill>…</fill> element (as readCellFills returns it) to restore; wins over fill. */
  fillXml?: string;
  /** Font colour "#RRGGBB". */
  font?: string;
  bold?: boolean;
  /** Number format code, e.g. "dd/mm/yyyy" or "0.0%". */
  numFmt?: string;
  /** Wrap the text within the column's width. */
  wrap?: boolean;
}

/** 1-based coordinates. */
export interface CellPosition {
  row: number;
  column: number;
}

export interface CellEdit extends CellPosition {
  /** The new value; omitted keeps the cell's value; null (or "") empties the cell but keeps its style. */
  value?: CellValue;
  /** Remove the value and the style first (then value and style, if given, apply to the bare cell). */
  clear?: boolean;
  style?: CellStylePatch;
}

export interface ColumnWidth {
  column: number;
  /** In characters, as Excel's Column Width box shows it. */
  width: number;
}

/** 1-based, inclusive. */
export interface CellArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A list dropdown (data validation) on an area: offered values, shown as a warning when another is typed. */
export interface ListValidation {
  area: CellArea;
  /** The values ("a,b,c"), or a reference to the cells holding them ("'Lists'!$A$1:$A$9"). */
  list: string;
  /** Whether `list` is the values themselves (written in quotes) rather than a reference. */
  inline: boolean;
  title: string;
  prompt: string;
  error: string;
}

/** Page margins in inches: the engine's, as the print layout decides them. */
export type PageMarginsPatch = PageMargins;

/**
 * A sheet's page setup. What is given replaces the sheet's own (<pageSetup>'s other attributes,
 * such as the paper size, are kept); what is left out stays as it is.
 */
export interface PageSetupPatch {
  orientation?: "landscape" | "portrait";
  /** Paper to use when the sheet names none (OOXML's default is Letter): A4. */
  paper?: "A4";
  /** Fit to pages wide and tall (0: as many as it takes); turns on sheetPr/pageSetUpPr fitToPage. */
  fitTo?: { width: number; height: number };
  margins?: PageMarginsPatch;
  /** The footer's left, centre and right parts in Excel's codes (&A sheet name, &P page, &N pages). */
  footer?: { left?: string; center?: string; right?: string };
  /** 1-based rows that start a new page. */
  rowBreaks?: number[];
  /** 1-based rows repeated at the top of every page: the sheet's _xlnm.Print_Titles in the workbook. */
  titleRows?: { first: number; last: number };
}

/** A sheet's own page setup as read (readPrintSetup): what the engine's print layout asks of a host. */
export type PrintSetupRead = PrintSetupFound;

export interface SheetEdit {
  sheet: string;
  cells: CellEdit[];
  /** More cell edits, after `cells`, as a list (cheaper than objects when there are many). */
  cellList?: CellEditList;
  /**
   * List dropdowns to add. One that overlaps a validation the sheet already has is left out (the
   * officer's own, or ours from an earlier run), so the officer's are never replaced.
   */
  validations?: ListValidation[];
  /** Every cell in the area loses its value and style before the cell edits apply. */
  clearArea?: CellArea;
  columnWidths?: ColumnWidth[];
  pageSetup?: PageSetupPatch;
  /**
   * Automatic heights in points for existing rows (what wrapped text needs, as Excel would fit it):
   * never over a height the officer set (customHeight), and never lower than the row's own.
   */
  rowHeights?: { row: number; height: number }[];
}

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface NewSheet {
  name: string;
  /** Rows from row 1, cells from column A; null leaves a cell empty. */
  rows: CellValue[][];
  cellStyles?: { row: number; column: number; style: CellStylePatch }[];
  columnWidths?: ColumnWidth[];
  state?: SheetState;
  pageSetup?: PageSetupPatch;
}

export interface PackageEdits {
  sheets?: SheetEdit[];
  /** Appended after the last sheet, or in the place of a sheet of the same name listed in removeSheets. */
  addSheets?: NewSheet[];
  removeSheets?: string[];
}

/** A cell's fill: color is "#RRGGBB" for a solid RGB fill; fillXml is the exact fill, absent when there is none. */
export interface CellFill {
  color: string | null;
  fillXml?: string;
}

export interface PackageInfo {
  sheets: { name: string; part: string; state: SheetState }[];
  /** Dates count from 1904 (old Mac workbooks) rather than 1900. */
  date1904: boolean;
  /** An .xlsm: the workbook part is macro-enabled or the package holds a VBA project. */
  macroEnabled: boolean;
}

/** What readWorkbookValues reads. */
export interface ReadOptions {
  /** Only these sheets (Excel ignores case); by default every worksheet (chart sheets have no cells). */
  sheets?: string[];
  /** Refuse, in plain words, a read that would hold more cells than this in all (default 60 million). */
  maxCells?: number;
  /** Keeps the sheets inflated, for the fills, page setup and patch of a run that follows (part-cache.ts). */
  parts?: PartCache;
}

/** A cell read as something other than what it holds, and why, so the run can say so. */
export interface ReadNote {
  /** 1-based. */
  row: number;
  column: number;
  /**
   * formula-without-value: a formula saved without its value (as tools other than Excel save them),
   * read as empty. unreadable-value: a cell whose value does not fit its type (a number cell holding
   * text), read as empty.
   */
  kind: "formula-without-value" | "unreadable-value";
  message: string;
}

/** A sheet's values, from the first row and column holding one to the last. */
export interface SheetGrid {
  name: string;
  firstRow: number;
  firstColumn: number;
  /** rows[0][0] is the cell at firstRow, firstColumn; every row has the same length; null is empty. */
  rows: CellValue[][];
  notes: ReadNote[];
  /** Notes left out after the first thousand. */
  notesLeftOff: number;
}

export interface WorkbookValues {
  info: PackageInfo;
  /** By sheet name, as the workbook spells it. */
  sheets: Map<string, SheetGrid>;
}
