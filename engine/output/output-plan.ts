// Turns a run's results into an OutputPlan: results columns at the right of the officer's table,
// the band fill on each Category cell, severity fills on the cells behind each trigger, a summary.
import type { CellRef, CellStyle, CellValue, OutputPlan } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { resultHeaders } from "../read/results-block";
import { summaryRows, SUMMARY_SHEET } from "./summary-sheet";
import { maxOf } from "../util/max-of";

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

export function buildOutputPlan(result: RunResult, ruleset: Ruleset): OutputPlan {
  const headers = resultHeaders(ruleset);
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
    summary: { name: SUMMARY_SHEET, ...summaryRows(result, ruleset) },
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
