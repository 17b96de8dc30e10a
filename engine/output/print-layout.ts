// How the output sheets print, decided once for every host: landscape, every column one page wide,
// the header row at the top of every page, a footer with the sheet's name and the page number, the
// long results texts wrapped, and on the summary sheet a page break wherever a table (or a chart
// beside it) would otherwise run across two pages. An officer's own page setup is never replaced.
import type { OutputPlan } from "../workbook";
import { RESULT_HEADERS } from "../read/results-block";

/** Margins in inches, as Excel's Page Setup shows them. */
export interface PageMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

/** Excel's "Narrow" margins: the width goes to the columns, the footer keeps its room. */
export const NARROW_MARGINS: PageMargins = { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
/** Excel's "Normal" margins, what a new sheet has: replacing them takes nothing of the officer's. */
export const NORMAL_MARGINS: PageMargins = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };

/** One sheet's page setup. */
export interface SheetPrintLayout {
  orientation: "landscape" | "portrait";
  /** English councils print on A4; a sheet that already names its paper keeps it. */
  paper: "A4";
  /** Pages wide and tall the sheet is fitted to; 0 tall: as many pages as it takes. */
  fitTo: { width: number; height: number };
  /** null: the sheet keeps its own margins. */
  margins: PageMargins | null;
  /** The footer in Excel's codes (&A the sheet's name, &P the page, &N the pages). */
  footer: HeaderFooterText;
  /** 1-based rows printed at the top of every page, or null. */
  titleRows: { first: number; last: number } | null;
  /** 1-based rows that start a new page (a manual page break above each). */
  rowBreaks: number[];
}

export interface PrintLayout {
  /** The schools sheet's page setup, or null when it keeps the officer's own (see schoolsNote). */
  schools: SheetPrintLayout | null;
  /** Why the schools sheet keeps its own page setup, for the run's notes; null when ours is applied. */
  schoolsNote: string | null;
  /** 1-based sheet columns of the results whose cells wrap (Triggers, Next action, Reasons). */
  wrapColumns: number[];
  /**
   * The height each data row's wrapped text needs, in points, for hosts that cannot measure text
   * (rows that need one line are left out). Excel fits rows itself; LibreOffice keeps what it is given.
   */
  rowHeights: { row: number; height: number }[];
  summary: SheetPrintLayout;
}

/** A header or footer's three parts, in Excel's codes. */
export interface HeaderFooterText {
  left: string;
  center: string;
  right: string;
}

/** What a host found of the schools sheet's own page setup, before the run writes. */
export interface PrintSetupFound {
  orientation: "landscape" | "portrait";
  /** Print scale in percent, 100 when not set; ignored when fitted to pages. */
  scale: number;
  /** Fitted to pages wide and tall (0: as many as it takes), or null. */
  fitTo: { width: number; height: number } | null;
  /** Rows repeated at the top of every page, or null. */
  titleRows: { first: number; last: number } | null;
  /** Columns repeated at the left of every page. */
  titleColumns: boolean;
  printArea: boolean;
  /** Manual page breaks. */
  pageBreaks: boolean;
  /** The header and footer, null when they are empty. */
  header: HeaderFooterText | null;
  footer: HeaderFooterText | null;
  /** null when not set. */
  margins: PageMargins | null;
}

/** A sheet with nothing set (a new one; ExcelJS's and LibreOffice's sheets look like this too). */
export const NO_PRINT_SETUP: PrintSetupFound = {
  orientation: "portrait", scale: 100, fitTo: null, titleRows: null, titleColumns: false, printArea: false, pageBreaks: false, header: null, footer: null, margins: null,
};

/** Results columns whose text runs long: they wrap within their width. */
const WRAPPED = new Set(["Triggers", "Next action", "Reasons"]);
export const FOOTER: HeaderFooterText = { left: "&A", center: "", right: "Page &P of &N" };
/**
 * Rows a landscape page holds at 100% and the default row height (15 pt): A4 is 8.27 in tall, less
 * 1.5 in of margins, is 487 pt, 32 rows; US Letter 33. Two spare for a taller title row.
 */
export const ROWS_PER_PAGE = 30;

const same = <T>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
const sameMargins = (a: PageMargins, b: PageMargins) => (Object.keys(a) as (keyof PageMargins)[]).every((k) => Math.abs(a[k] - b[k]) < 0.005);

/**
 * What of the officer's own page setup the schools sheet has, in words (empty when none). A setup
 * exactly like ours (an earlier run's) is not the officer's: a re-run applies it again.
 */
export function officerPrintSetup(found: PrintSetupFound, headerRow: number): string[] {
  const ours =
    found.orientation === "landscape" && same(found.fitTo, { width: 1, height: 0 }) && same(found.titleRows, { first: headerRow, last: headerRow }) &&
    !found.titleColumns && !found.printArea && !found.pageBreaks && !found.header && (!found.footer || same(found.footer, FOOTER));
  if (ours) return [];
  const own: [boolean, string][] = [
    [found.orientation === "landscape", "landscape"],
    [!found.fitTo && found.scale !== 100, `a print scale of ${found.scale}%`],
    [!!found.fitTo, "fit to pages"],
    [!!found.titleRows || found.titleColumns, "rows or columns to repeat"],
    [found.printArea, "a print area"],
    [found.pageBreaks, "page breaks"],
    [!!found.header || !!found.footer, "a header or footer"],
  ];
  return own.filter(([set]) => set).map(([, words]) => words);
}

/**
 * The output sheets' page setup. `schoolsFound` is what the schools sheet already has (read by the
 * host); `withCharts` says whether the host draws the summary's charts (they keep their page too).
 * The schools sheet keeps an officer's own setup whole; their own margins are kept in any case.
 */
export function printLayout(plan: OutputPlan, schoolsFound: PrintSetupFound, withCharts: boolean): PrintLayout {
  const own = officerPrintSetup(schoolsFound, plan.headerRow);
  const m = schoolsFound.margins;
  const replaceable = !m || sameMargins(m, NORMAL_MARGINS) || sameMargins(m, NARROW_MARGINS);
  const base = { orientation: "landscape" as const, paper: "A4" as const, fitTo: { width: 1, height: 0 }, footer: FOOTER };
  const wrapColumns = plan.headers.flatMap((h, j) => (j < RESULT_HEADERS.length && WRAPPED.has(h) ? [plan.firstColumn + j] : []));
  return {
    schools: own.length ? null : { ...base, margins: replaceable ? NARROW_MARGINS : null, titleRows: { first: plan.headerRow, last: plan.headerRow }, rowBreaks: [] },
    schoolsNote: own.length ? `'${plan.sheet}' keeps its own page setup (${own.join(", ")}), so it prints as the officer set it.` : null,
    wrapColumns,
    rowHeights: wrappedRowHeights(plan, wrapColumns),
    summary: { ...base, margins: NARROW_MARGINS, titleRows: null, rowBreaks: summaryBreaks(plan.summary, withCharts) },
  };
}

/** Points to a line of the default font (Calibri 11), and Excel's tallest row. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;
/**
 * Characters of prose to a line, per character of column width (widths count the digit 0, wider
 * than most letters); a little under what fits, for words wrap whole.
 */
const CHARACTERS_PER_WIDTH = 1.05;

/** The lines each data row's wrapped texts take in their columns' widths, as heights in points. */
export function wrappedRowHeights(plan: OutputPlan, wrapColumns: number[]): { row: number; height: number }[] {
  const columns = wrapColumns.map((c) => c - plan.firstColumn);
  const out: { row: number; height: number }[] = [];
  plan.values.forEach((values, i) => {
    let lines = 1;
    for (const j of columns) {
      const text = values[j];
      if (typeof text !== "string") continue;
      const perLine = Math.max(1, Math.floor(plan.columnWidths[j] * CHARACTERS_PER_WIDTH));
      lines = Math.max(lines, text.split("\n").reduce((n, p) => n + Math.max(1, Math.ceil(p.length / perLine)), 0));
    }
    if (lines > 1) out.push({ row: plan.headerRow + 1 + i, height: Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT) });
  });
  return out;
}

/**
 * Page breaks for the summary sheet: its blocks (a table, with any chart beside it; blocks are
 * parted by empty rows) are laid on pages of ROWS_PER_PAGE rows, and one that would run over the
 * page's end starts a new page. A block longer than a page starts one and runs on.
 */
export function summaryBreaks(summary: OutputPlan["summary"], withCharts: boolean): number[] {
  const blocks: [number, number][] = [];
  summary.rows.forEach((row, i) => {
    if (!row.some((v) => v !== null && v !== undefined && v !== "")) return;
    const last = blocks[blocks.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else blocks.push([i, i]);
  });
  for (const c of withCharts ? (summary.charts ?? []) : []) blocks.push([c.place.row, c.place.row + c.place.rows - 1]);
  // Blocks that overlap (a chart and its table) are one.
  blocks.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const b of blocks) {
    const last = merged[merged.length - 1];
    if (last && b[0] <= last[1] + 1) last[1] = Math.max(last[1], b[1]);
    else merged.push([...b]);
  }
  // Fitted to the page's width, a wide sheet prints smaller, and more rows fit on a page.
  const perPage = Math.floor(ROWS_PER_PAGE / Math.min(1, PAGE_WIDTH / summaryWidth(summary, withCharts)));
  const breaks: number[] = [];
  let pageStart = 0;
  for (const [first, last] of merged) {
    if (last - pageStart + 1 > perPage && first > pageStart) {
      breaks.push(first + 1);
      pageStart = first;
    }
    // A block longer than a page: the next page starts where it overflows.
    while (last - pageStart + 1 > perPage) pageStart += perPage;
  }
  return breaks;
}

/**
 * A landscape page's printable width at 100%, in characters of column width (A4 less narrow
 * margins is 806 pt, US Letter 756 pt; a character is about 5.25 pt), kept a little under.
 */
export const PAGE_WIDTH = 140;
/** Default column width, and prose's width per character (Calibri's letters are narrower than its digits). */
const DEFAULT_WIDTH = 8.43;
const TEXT_WIDTH = 0.85;

/**
 * How wide the summary prints, in characters of column width: its columns, a text that runs on
 * past its cell (printed whole), and the charts. Underestimated rather than over, so that breaks
 * come early rather than late.
 */
function summaryWidth(summary: OutputPlan["summary"], withCharts: boolean): number {
  const widths = summary.columnWidths ?? [];
  const left = (column: number) => Array.from({ length: column }, (_, j) => widths[j] ?? DEFAULT_WIDTH).reduce((a, b) => a + b, 0);
  let width = left(widths.length);
  for (const row of summary.rows) {
    const last = row.reduce<number>((at, v, j) => (v !== null && v !== undefined && v !== "" ? j : at), -1);
    if (last >= 0 && typeof row[last] === "string") width = Math.max(width, left(last) + (row[last] as string).length * TEXT_WIDTH);
  }
  for (const c of withCharts ? (summary.charts ?? []) : []) width = Math.max(width, left(c.place.column) + c.place.columns * DEFAULT_WIDTH);
  return width;
}
