// Turns a run's results into an OutputPlan: results columns at the right of the officer's table,
// the band fill on each Category cell, severity fills on the cells behind each trigger, a summary,
// and (given the workbook) the dropdowns on the columns whose values the ruleset lists.
import type { CellRef, CellStyle, CellValue, OutputPlan, PlannedDropdown, WorkbookSource } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { resultHeaders } from "../read/results-block";
import { columnLetter } from "../errors";
import { summaryRows, SUMMARY_SHEET } from "./summary-sheet";
import { dropdowns, type Dropdown } from "./dropdowns";
import { STORE_SHEET } from "./run-record";
import { maxOf } from "../util/max-of";
import type { StoreContents } from "./run-record";
import { recordRun } from "./run-record-history";
import { movement } from "../analysis/movement";
import { watchStyle } from "../ruleset/margins";
import { watchColumns, withWatchLabels, withWatchReasons } from "./watch-cells";

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;
const CUT = "\n… (cut at Excel's limit of 32,767 characters; the full text is in the report)";

/** Text that fits in one cell: a longer text is cut, and says so at its end. */
export function fitCell(text: string): string {
  return text.length <= MAX_CELL_TEXT ? text : text.slice(0, MAX_CELL_TEXT - CUT.length) + CUT;
}

/** Used when a ruleset gives a band or severity no style. */
const FALLBACK: CellStyle = { fill: "#D9D9D9" };
/** A band's or severity's own style: a band named toString or constructor gets the fallback, not what objects inherit. */
const styleOf = (styles: Record<string, CellStyle>, id: string): CellStyle | undefined => (Object.hasOwn(styles, id) ? styles[id] : undefined);
/** The results header row's style. */
const HEADER_STYLE: CellStyle = { fill: "#DDEBF7", bold: true };
/** Results column widths in characters: the long texts wide, the rest narrow. */
const widthOf = (header: string) => (header === "Reasons" ? 80 : header === "Next action" ? 50 : 22);

/** The store sheet's first column for dropdown lists: columns A and B hold the ruleset and the run record. */
export const LIST_FIRST_COLUMN = 4;
/** Excel's limits on a data validation's texts: titles, the input message, the error message. */
export const VALIDATION_TITLE_LIMIT = 32;
export const PROMPT_LIMIT = 255;
export const ERROR_LIMIT = 225;

const LIST_HEADER = "Dropdown on ";
/** A sheet name as a formula names it: always quoted, quotes doubled. */
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const cut = (text: string, limit: number) => (text.length <= limit ? text : text.slice(0, limit - 1) + "…");

/** The cells a dropdown is on, as row 1 of its list column names them: "Dropdown on 'Schools'!E2:E906". */
export function listHeader(d: { sheet: string; letter: string; firstRow: number; lastRow: number }): string {
  return `${LIST_HEADER}${quoted(d.sheet)}!${d.letter}${d.firstRow}:${d.letter}${d.lastRow}`;
}

/** A list column's row 1 read back (a later run finds the cells an earlier one validated), or null. */
export function parseListHeader(text: unknown): { sheet: string; letter: string; firstRow: number; lastRow: number } | null {
  const m = typeof text === "string" && text.startsWith(LIST_HEADER) ? /^'((?:[^']|'')+)'!([A-Z]{1,3})(\d+):\2(\d+)$/.exec(text.slice(LIST_HEADER.length)) : null;
  return m ? { sheet: m[1].replace(/''/g, "'"), letter: m[2], firstRow: Number(m[3]), lastRow: Number(m[4]) } : null;
}

/**
 * Where each dropdown's list is kept and what its validation lists: one store column each, in
 * order from column D (row 1 names the cells, the values below); an inline list is typed in.
 * Titles and messages are cut to Excel's limits; a field listing no values gets no dropdown.
 */
export function planDropdowns(found: Dropdown[]): PlannedDropdown[] {
  return found.filter((d) => d.values.length).map((d, i) => {
    const listColumn = LIST_FIRST_COLUMN + i;
    const letter = columnLetter(listColumn);
    // A typed-in list that starts with "=" would be taken for a formula: keep it in cells instead.
    const inline = d.inline && !d.values.join(",").startsWith("=");
    return {
      ...d,
      inline,
      prompt: cut(d.prompt, PROMPT_LIMIT),
      error: cut(d.error, ERROR_LIMIT),
      title: cut(d.header, VALIDATION_TITLE_LIMIT),
      listHeader: listHeader(d),
      listColumn,
      source: inline ? d.values.join(",") : `=${quoted(STORE_SHEET)}!$${letter}$2:$${letter}$${d.values.length + 1}`,
    };
  });
}

/**
 * The plan for a run's results. Given the workbook the run read (`source`), it also says where the
 * dropdowns go (engine/output/dropdowns.ts), so every host puts the same ones. Given the workbook's
 * store as read before the run, the summary shows the movement since the last run recorded in it.
 */
export function buildOutputPlan(result: RunResult, ruleset: Ruleset, source?: WorkbookSource, store?: StoreContents): OutputPlan {
  const headers = resultHeaders(ruleset);
  const run = recordRun(result, ruleset);
  const firstColumn = result.firstColumn + result.tableColumns;
  const dataRows = maxOf(result.rows, (r) => r.row - result.headerRow);
  // Each data row's result by its place below the header (a row given twice: the last).
  const byRow: (RunResult["rows"][number] | undefined)[] = new Array(Math.max(0, dataRows));
  for (const r of result.rows) if (r.row > result.headerRow) byRow[r.row - result.headerRow - 1] = r;
  const severityRank = new Map(Object.keys(ruleset.styles.severities).map((s, i) => [s, i]));
  const rank = (s: string) => severityRank.get(s) ?? severityRank.size;
  const bands = new Map<string, Ruleset["bands"][number]>();
  for (const b of ruleset.bands) if (!bands.has(b.id)) bands.set(b.id, b);

  // One group per style as written (JSON); the group of a style object is looked up by the object first.
  const groups = new Map<string, { style: CellStyle; cells: CellRef[] }>();
  const groupOf = new Map<CellStyle, { style: CellStyle; cells: CellRef[] }>();
  const paint = (style: CellStyle | undefined, cell: CellRef) => {
    const s = style ?? FALLBACK;
    let group = groupOf.get(s);
    if (!group) {
      const key = JSON.stringify(s);
      group = groups.get(key) ?? groups.set(key, { style: s, cells: [] }).get(key)!;
      groupOf.set(s, group);
    }
    group.cells.push(cell);
  };
  const cellSeverity = new Map<number, string>();
  const watch = watchStyle(ruleset);
  const outputs = ruleset.outputs ?? [];
  // The band texts repeat from row to row: each is made once.
  const texts = [new Map<string, Map<string, string>>(), new Map<string, Map<string, string>>()];
  const bandText = (band: string, label: string, moderated: boolean) => {
    const byBand = texts[moderated ? 1 : 0];
    const byLabel = byBand.get(band) ?? byBand.set(band, new Map()).get(band)!;
    let text = byLabel.get(label);
    if (text === undefined) byLabel.set(label, (text = `${band} ${label}${moderated ? " (moderated)" : ""}`));
    return text;
  };
  const ruleBandTexts = new Map<Ruleset["bands"][number], string>();
  const ruleBandText = (b: Ruleset["bands"][number]) => {
    let text = ruleBandTexts.get(b);
    if (text === undefined) ruleBandTexts.set(b, (text = `${b.id} ${b.label}`));
    return text;
  };

  const values: CellValue[][] = [];
  for (let i = 0; i < dataRows; i++) {
    const row = result.headerRow + 1 + i;
    const r = byRow[i];
    if (!r) {
      values.push(headers.map(() => null));
      continue;
    }
    const ruleBand = bands.get(r.ruleBand)!;
    const cells: CellValue[] = [
      bandText(r.band, r.bandLabel, r.moderated),
      ruleBandText(ruleBand),
      fitCell(withWatchLabels(r.triggers.map((t) => t.label).join("; "), r)) || null,
      r.escalation?.label ?? null,
      r.nextAction || null,
      r.due ? new Date(r.due + "T00:00:00Z") : null,
      fitCell(withWatchReasons(r).join("\n")),
    ];
    for (const o of outputs) cells.push(r.outputs[o.id] ?? null);
    values.push(cells);
    paint(styleOf(ruleset.styles.bands, r.band), { row, column: firstColumn });
    // Each officer cell takes the colour of the most severe trigger it fed.
    cellSeverity.clear();
    for (const t of r.triggerCells) {
      for (const c of t.columns) {
        const before = cellSeverity.get(c);
        if (before === undefined || rank(t.severity) < rank(before)) cellSeverity.set(c, t.severity);
      }
    }
    cellSeverity.forEach((severity, column) => paint(styleOf(ruleset.styles.severities, severity), { row, column }));
    // Near misses (watch flags): their own colour where no trigger's is.
    if (r.watch) for (const column of watchColumns(r, cellSeverity, r.triggers.length ? undefined : firstColumn + 2)) paint(watch, { row, column });
    if (r.triggers.length) {
      // The first of the most severe (as a stable sort by rank would put first).
      let worst = r.triggers[0].severity;
      for (const t of r.triggers) if (rank(t.severity) < rank(worst)) worst = t.severity;
      paint(styleOf(ruleset.styles.severities, worst), { row, column: firstColumn + 2 });
    }
  }
  return {
    sheet: result.sheet,
    headerRow: result.headerRow,
    firstColumn,
    headers,
    headerStyle: HEADER_STYLE,
    columnWidths: headers.map(widthOf),
    values,
    styles: [...groups.values()],
    summary: { name: SUMMARY_SHEET, ...summaryRows(result, ruleset, store && movement(store, result, ruleset, run)) },
    ...(source ? { dropdowns: planDropdowns(dropdowns(source, ruleset, result.sheet)) } : {}),
    run,
  };
}

export interface StyleSplit {
  /** Results cells: the whole style. */
  results: { style: CellStyle; cells: CellRef[] }[];
  /** Officer cells (left of the results): a fill only, the one thing Clear can restore exactly. */
  officer: { fill: string; cells: CellRef[] }[];
}

/** Splits the plan's styles between results cells and officer cells. */
export function splitStyles(plan: OutputPlan): StyleSplit {
  const results: StyleSplit["results"] = [];
  const officer = new Map<string, CellRef[]>();
  for (const group of plan.styles) {
    const ours: CellRef[] = [];
    const theirs: CellRef[] = [];
    const cells = group.cells;
    for (let i = 0; i < cells.length; i++) (cells[i].column >= plan.firstColumn ? ours : theirs).push(cells[i]);
    if (ours.length) results.push({ style: group.style, cells: ours });
    const fill = group.style.fill;
    if (theirs.length && fill) {
      const list = officer.get(fill);
      if (!list) officer.set(fill, theirs);
      else for (let i = 0; i < theirs.length; i++) list.push(theirs[i]);
    }
  }
  const split: StyleSplit["officer"] = [];
  officer.forEach((cells, fill) => split.push({ fill, cells }));
  return { results, officer: split };
}
