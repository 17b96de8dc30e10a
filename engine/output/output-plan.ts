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
  const byRow = new Map(result.rows.map((r) => [r.row, r]));
  const dataRows = maxOf(result.rows, (r) => r.row - result.headerRow);
  const severityRank = Object.keys(ruleset.styles.severities);
  const rank = (s: string) => (severityRank.includes(s) ? severityRank.indexOf(s) : severityRank.length);

  const groups = new Map<string, { style: CellStyle; cells: CellRef[] }>();
  const paint = (style: CellStyle | undefined, cell: CellRef) => {
    const s = style ?? FALLBACK;
    const key = JSON.stringify(s);
    if (!groups.has(key)) groups.set(key, { style: s, cells: [] });
    groups.get(key)!.cells.push(cell);
  };

  const values: CellValue[][] = [];
  for (let i = 0; i < dataRows; i++) {
    const row = result.headerRow + 1 + i;
    const r = byRow.get(row);
    if (!r) {
      values.push(headers.map(() => null));
      continue;
    }
    const ruleBand = ruleset.bands.find((b) => b.id === r.ruleBand)!;
    values.push([
      `${r.band} ${r.bandLabel}${r.moderated ? " (moderated)" : ""}`,
      `${ruleBand.id} ${ruleBand.label}`,
      fitCell(r.triggers.map((t) => t.label).join("; ")) || null,
      r.escalation?.label ?? null,
      r.nextAction || null,
      r.due ? new Date(r.due + "T00:00:00Z") : null,
      fitCell(r.reasons.join("\n")),
      ...(ruleset.outputs ?? []).map((o) => r.outputs[o.id] ?? null),
    ]);
    paint(styleOf(ruleset.styles.bands, r.band), { row, column: firstColumn });
    // Each officer cell takes the colour of the most severe trigger it fed.
    const cellSeverity = new Map<number, string>();
    for (const t of r.triggerCells) {
      for (const c of t.columns) if (!cellSeverity.has(c) || rank(t.severity) < rank(cellSeverity.get(c)!)) cellSeverity.set(c, t.severity);
    }
    for (const [column, severity] of cellSeverity) paint(styleOf(ruleset.styles.severities, severity), { row, column });
    if (r.triggers.length) {
      const worst = [...r.triggers].sort((a, b) => rank(a.severity) - rank(b.severity))[0].severity;
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
    const ours = group.cells.filter((c) => c.column >= plan.firstColumn);
    const theirs = group.cells.filter((c) => c.column < plan.firstColumn);
    if (ours.length) results.push({ style: group.style, cells: ours });
    if (theirs.length && group.style.fill) {
      if (!officer.has(group.style.fill)) officer.set(group.style.fill, []);
      const cells = officer.get(group.style.fill)!;
      for (const c of theirs) cells.push(c);
    }
  }
  return { results, officer: [...officer].map(([fill, cells]) => ({ fill, cells })) };
}
