// The one workbook interface every host adapter (ExcelJS file, Office.js, browser upload) speaks.
// The engine reads SheetData and returns an OutputPlan; it never touches a host API itself.
import type { Dropdown } from "./output/dropdowns";
import type { RecordedRun } from "./output/run-record-history";

/** A cell value as hosts hand it over. Percent-formatted numbers arrive as strings such as "56.4%". */
export type CellValue = string | number | boolean | Date | null;

/** A rectangular table read from one sheet: a header row and the data rows under it. */
export interface SheetData {
  /** Sheet (worksheet) name, used in every message. */
  name: string;
  /** Header texts, one per column, left to right from firstColumn. */
  headers: string[];
  /** Data rows; each row has headers.length cells (shorter rows are padded with null). */
  rows: CellValue[][];
  /** 1-based sheet row number of the header row (data row i is at headerRow + 1 + i). */
  headerRow: number;
  /** 1-based sheet column number of the first column. */
  firstColumn: number;
  /** Cells the host could not give a value (a formula saved without one...), 1-based; row 0 for the sheet. */
  notes?: { row: number; column: number; message: string }[];
}

/** Read access to a workbook: the sheets a ruleset may need (the schools table and history sheets). */
export interface WorkbookSource {
  sheetNames(): string[];
  /** The used table on a sheet, or undefined when no such sheet exists. */
  readSheet(name: string): SheetData | undefined;
}

/** 1-based sheet coordinates. */
export interface CellRef {
  row: number;
  column: number;
}

/** Colours are 6-digit hex strings with a leading '#', e.g. "#FFC7CE". */
export interface CellStyle {
  fill?: string;
  font?: string;
  bold?: boolean;
  /** Excel number format code, e.g. '0.0"%"' (a percentage kept as a number of percent). */
  numberFormat?: string;
}

/** Everything a host writes back after a run; hosts apply it without any logic of their own. */
export interface OutputPlan {
  sheet: string;
  headerRow: number;
  /** 1-based sheet column of the first results column (right of the officer's table). */
  firstColumn: number;
  /** Results column headers (Category, Triggers, Escalation, Next action, Due, Reasons, ...). */
  headers: string[];
  /** The style of the results header cells. */
  headerStyle: CellStyle;
  /** Width of each results column, in characters (hosts convert to their own unit). */
  columnWidths: number[];
  /** One array per data row, aligned with SheetData.rows; same length as headers. */
  values: CellValue[][];
  /** Style groups: one entry per distinct style, listing every cell that takes it. */
  styles: { style: CellStyle; cells: CellRef[] }[];
  /**
   * Summary sheet content: rows of cells; headerRows are 0-based indices of rows to show in bold;
   * cellStyles colour single cells (0-based row and column), e.g. the red/amber/green ratings;
   * columnWidths are in characters, left to right.
   */
  summary: { name: string; rows: CellValue[][]; headerRows?: number[]; cellStyles?: { row: number; column: number; style: CellStyle }[]; charts?: SummaryChart[]; columnWidths?: number[] };
  /**
   * The dropdowns (list data validation) on the columns whose values the ruleset lists, on the
   * schools sheet and the history sheets. Absent when the plan was built without the workbook.
   */
  dropdowns?: PlannedDropdown[];
  /** This run's categories by school key, for the run record (the next run's movement table compares with it). */
  run?: RecordedRun;
}

/**
 * A dropdown as hosts write it. Each list is kept on the store sheet, one column per dropdown from
 * column D (A and B hold the store): row 1 names the cells the dropdown is on, the values are below.
 */
export interface PlannedDropdown extends Dropdown {
  /** The prompt's and the error alert's title: the column's header (cut to Excel's 32 characters). */
  title: string;
  /** Row 1 of its list column: the cells the dropdown is on, "Dropdown on 'Schools'!E2:E906". */
  listHeader: string;
  /** 1-based column of the store sheet that keeps the list. */
  listColumn: number;
  /** The validation's list as Excel takes it: the values ("a,b,c") when inline, else their cells ("='_categorisation'!$D$2:$D$35"). */
  source: string;
}

/** A rectangle of cells, 0-based. */
export interface CellBlock {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * A native chart of one summary table, for hosts that can draw charts (the ExcelJS host cannot and
 * ignores them). Series are the table's columns after the first; categories its rows after the header.
 */
export interface SummaryChart {
  /** Unique on the sheet; hosts name the chart after it so a re-run can replace it. */
  id: string;
  title: string;
  /** clustered: a bar per series within each category; stacked: one bar per category. */
  kind: "clustered" | "stacked";
  /** The table charted, header row and category column included. */
  range: CellBlock;
  /** The cells the chart covers: right of every table, clear of the other charts. */
  place: CellBlock;
  /** One per column after the first, left to right: legend name, fill, and optionally a fill per bar
   *  (one per category, e.g. the authority's bars by rating). */
  series: { name: string; colour: string; pointColours?: string[] }[];
  /** The value axis maximum (100 for percentages). */
  max?: number;
}
