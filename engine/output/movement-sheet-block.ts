// The movement since the last run, as the summary sheet shows it: the table of earlier category
// by new category (with the schools that came and went), and the list of schools that moved with
// the triggers that changed. Rows are 0-based from `start`, the summary row they begin at.
import type { CellStyle, CellValue } from "../workbook";
import type { Ruleset } from "../ruleset/schema";
import type { Movement, SchoolMovement } from "../analysis/movement";
import { ukDate } from "../util/dates";

/** A block of summary rows, with its bold rows and coloured cells (summary-relative rows). */
export interface SummaryBlock {
  rows: CellValue[][];
  headerRows: number[];
  cellStyles: { row: number; column: number; style: CellStyle }[];
}

export const NOT_BEFORE = "Not in the last run";
export const NO_LONGER = "No longer in the sheet";

/** Appends a block to the summary's rows, bold rows and coloured cells. */
export function addBlock(to: SummaryBlock, block: SummaryBlock): void {
  for (const r of block.rows) to.rows.push(r);
  to.headerRows.push(...block.headerRows);
  to.cellStyles.push(...block.cellStyles);
}

/** "20 November 2026, Staffordshire school categorisation framework 2014-16.1" */
export function runName(run: Movement["from"]): string {
  return `${ukDate(run.asOf)}, ${run.ruleset.title} ${run.ruleset.version}`;
}

/** One line saying what moved: for the summary, the command line and the pane. */
export function movementLine(m: Movement): string {
  const c = m.counts;
  const parts = [`${c.categoryChanged} changed category`, `${c.stageChanged} changed escalation stage only`, `${c.triggersOnly} changed triggers only`, `${c.unchanged} unchanged`];
  if (c.newSchools) parts.push(`${c.newSchools} not in the last run`);
  if (c.gone) parts.push(`${c.gone} no longer in the sheet`);
  return `${parts.join("; ")}.`;
}

/** The count table: earlier category (rows) by this run's (columns), with totals. */
export function movementTable(m: Movement, ruleset: Ruleset, start: number): SummaryBlock {
  const { rows, columns, counts, newSchools, gone } = m.bands;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const out: CellValue[][] = [
    [],
    [`Movement since the last run (${runName(m.from)}) to this run (${runName(m.to)})`],
    [movementLine(m)],
    ["Last run \\ this run", ...columns, NO_LONGER, "Total"],
  ];
  const header = start + 3;
  const cellStyles: SummaryBlock["cellStyles"] = [];
  columns.forEach((id, j) => fill(ruleset, id, header, j + 1, cellStyles));
  rows.forEach((id, i) => {
    fill(ruleset, id, header + 1 + i, 0, cellStyles);
    const j = columns.indexOf(id);
    if (j >= 0) cellStyles.push({ row: header + 1 + i, column: j + 1, style: { bold: true } });
    out.push([id, ...counts[i], gone[i], sum(counts[i]) + gone[i]]);
  });
  out.push([NOT_BEFORE, ...newSchools, null, sum(newSchools)]);
  const columnTotals = columns.map((_, j) => sum(counts.map((r) => r[j])) + newSchools[j]);
  out.push(["Total", ...columnTotals, sum(gone), sum(columnTotals) + sum(gone)]);
  for (const note of m.notes) out.push([note]);
  return { rows: out, headerRows: [start + 1, header], cellStyles };
}

/**
 * The schools whose category or stage changed, or that came or went, with the triggers that
 * changed; schools whose triggers alone changed are counted, not listed.
 */
export function movedSchools(m: Movement, ruleset: Ruleset, start: number, keyLabel: string): SummaryBlock {
  const listed = m.changes.filter(isMove);
  if (!listed.length) return { rows: [[], ["No school changed category or escalation stage since the last run."]], headerRows: [], cellStyles: [] };
  const out: CellValue[][] = [[], ["Schools that moved", keyLabel, "Last run", "This run", "Stage last run", "Stage this run", "Triggers added", "Triggers removed"]];
  const cellStyles: SummaryBlock["cellStyles"] = [];
  const stage = (id: string | null | undefined) => (id === undefined ? "" : id === null ? "none" : m.labels.stages[id] ?? id);
  const triggers = (ids: string[]) => ids.map((id) => m.labels.triggers[id] ?? id).join("; ") || "none";
  for (const c of listed) {
    const row = start + out.length;
    if (c.from) fill(ruleset, c.from.band, row, 2, cellStyles);
    if (c.to) fill(ruleset, c.to.band, row, 3, cellStyles);
    out.push([c.name ?? "", c.key, c.from?.band ?? NOT_BEFORE, c.to?.band ?? NO_LONGER, stage(c.from?.stage), stage(c.to?.stage), triggers(c.triggersAdded), triggers(c.triggersRemoved)]);
  }
  const more = m.counts.triggersOnly;
  if (more) out.push([`${more} more ${more === 1 ? "school" : "schools"} changed triggers only.`]);
  return { rows: out, headerRows: [start + 1], cellStyles };
}

/** Whether a change is listed on the summary sheet: category or stage changed, or the school came or went. */
export const isMove = (c: SchoolMovement): boolean => !c.from || !c.to || c.from.band !== c.to.band || c.from.stage !== c.to.stage;

function fill(ruleset: Ruleset, id: string, row: number, column: number, to: SummaryBlock["cellStyles"]): void {
  const st = Object.hasOwn(ruleset.styles.bands, id) ? ruleset.styles.bands[id] : undefined;
  if (st?.fill || st?.font) to.push({ row, column, style: { ...(st.fill ? { fill: st.fill } : {}), ...(st.font ? { font: st.font } : {}) } });
}
