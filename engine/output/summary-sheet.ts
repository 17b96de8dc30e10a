// The Summary sheet: counts per category, per category by district and phase, triggers and stages,
// and where native charts of those tables go (right of the tables) for hosts that draw them.
import type { CellStyle, CellValue, SummaryChart } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { bandsByField, CHART_FILLS, laSummaryRows, PERCENT_STYLE } from "./la-summary";
import { bandsChartTitle } from "./charts";
import { maxOf } from "../util/max-of";
import { keyLabel, type Movement } from "../analysis/movement";
import { addBlock, movedSchools, movementTable } from "./movement-sheet-block";
import { watchCell, watchCounts, WATCH_HEADER, WATCH_TOTAL } from "./watch-summary";
import { WATCH, watchStyle } from "../ruleset/margins";

export const SUMMARY_SHEET = "Categorisation summary";

export function summaryRows(
  result: RunResult,
  ruleset: Ruleset,
  /** The movement since the last run recorded in the workbook, when there is one. */
  movement?: Movement | null,
): { rows: CellValue[][]; headerRows: number[]; cellStyles: { row: number; column: number; style: CellStyle }[]; charts: SummaryChart[]; columnWidths: number[] } {
  const rows = result.rows;
  const bands = ruleset.bands.map((b) => b.id);
  const count = <T>(items: T[], pick: (x: T) => string) =>
    items.reduce((m, x) => m.set(pick(x), (m.get(pick(x)) ?? 0) + 1), new Map<string, number>());
  const pct = (n: number) => (rows.length ? Math.round((1000 * n) / rows.length) / 10 : 0);

  const out: CellValue[][] = [
    [SUMMARY_SHEET],
    [`${ruleset.title} (${ruleset.id} ${ruleset.version}); sheet '${result.sheet}'; run date ${result.asOf}; ${rows.length} schools`],
  ];
  const headerRows: number[] = [0];
  const charts: Omit<SummaryChart, "place">[] = [];
  // Band colours on the category rows and band columns, percentages with a % sign.
  const cellStyles: { row: number; column: number; style: CellStyle }[] = [];
  const bandStyle = (id: string): CellStyle | undefined => {
    const st = Object.hasOwn(ruleset.styles.bands, id) ? ruleset.styles.bands[id] : undefined;
    return st && { ...(st.fill ? { fill: st.fill } : {}), ...(st.font ? { font: st.font } : {}) };
  };
  const table = (header: CellValue[]) => {
    out.push([]);
    headerRows.push(out.length);
    out.push(header);
  };
  table(["Category", "Label", "Schools", "% of schools", "Moderated by officer"]);
  const byBand = count(rows, (r) => r.band);
  const moderatedByBand = count(rows.filter((r) => r.moderated), (r) => r.band);
  for (const b of ruleset.bands) {
    const fill = bandStyle(b.id);
    for (let column = 0; column < 5; column++) if (fill || column === 3) cellStyles.push({ row: out.length, column, style: { ...fill, ...(column === 3 ? PERCENT_STYLE : {}) } });
    out.push([b.id, b.label, byBand.get(b.id) ?? 0, pct(byBand.get(b.id) ?? 0), moderatedByBand.get(b.id) ?? 0]);
  }
  cellStyles.push({ row: out.length, column: 3, style: PERCENT_STYLE });
  out.push(["Total", "", rows.length, rows.length ? 100 : 0, rows.filter((r) => r.moderated).length]);
  if (movement) addBlock({ rows: out, headerRows, cellStyles }, movementTable(movement, ruleset, out.length));

  for (const by of bandsByField(result, ruleset)) {
    table([by.label, ...bands, "Total"]);
    const tableRow = out.length - 1;
    bands.forEach((id, j) => {
      const fill = bandStyle(id);
      if (fill) cellStyles.push({ row: tableRow, column: j + 1, style: fill });
    });
    for (const g of by.groups) out.push([g.name, ...g.counts, g.total]);
    // Stacked bars of the band columns (not Total), one per group.
    if (by.groups.length) {
      charts.push({
        id: `bands-${by.field}`, title: bandsChartTitle(by.label), kind: "stacked",
        range: { row: tableRow, column: 0, rows: by.groups.length + 1, columns: bands.length + 1 },
        series: by.bands.map((b) => ({ name: `${b.id} ${b.label}`, colour: b.fill ?? CHART_FILLS.noFill })),
      });
    }
  }

  // With margins, a column of watch flags (near misses) beside the triggers', and their total.
  const watched = watchCounts(result, ruleset);
  table(["Trigger", "Severity", "Schools", ...(watched ? [WATCH_HEADER] : [])]);
  if (watched) cellStyles.push({ row: out.length - 1, column: 3, style: { fill: watchStyle(ruleset).fill } });
  const fired = count(rows.flatMap((r) => r.triggers), (t) => t.id);
  for (const t of ruleset.triggers) out.push([t.label, t.severity, fired.get(t.id) ?? 0, ...(watched ? [watchCell(watched, t.id)] : [])]);
  if (watched) out.push([WATCH_TOTAL, WATCH, null, watched.schools]);

  if (ruleset.escalation?.length) {
    table(["Escalation stage", "Schools"]);
    const staged = count(rows.filter((r) => r.escalation), (r) => r.escalation!.stage);
    for (const s of ruleset.escalation) out.push([s.label, staged.get(s.id) ?? 0]);
  }
  const notCategorised = rows.filter((r) => r.notCategorised && !r.moderated);
  if (notCategorised.length) {
    table(["Not categorised: missing", "Schools"]);
    const byFact = count(notCategorised.flatMap((r) => r.notCategorised!.missing), (m) => m);
    for (const [fact, n] of byFact) out.push([fact, n]);
    out.push(["Schools not categorised", notCategorised.length]);
  }
  const moderated = moderatedSchools(result, ruleset);
  if (moderated.length) {
    table(["Moderated by officer", "URN", "Rule category", "Officer category", "Reason", "Goes against the framework"]);
    for (const m of moderated) out.push([m.name ?? "", m.key, m.ruleCategory, m.officerCategory, m.reason ?? "(no reason given)", m.contradicts.join("\n") || null]);
  }
  if (movement) addBlock({ rows: out, headerRows, cellStyles }, movedSchools(movement, ruleset, out.length, keyLabel(ruleset)));
  for (const t of outputTotals(result, ruleset)) {
    table([t.by, "Schools", t.header]);
    for (const g of t.groups) out.push([g.name, g.schools, g.total]);
    out.push(["Total", t.schools, t.total]);
  }
  const la = laSummaryRows(result, ruleset, out.length);
  out.push(...la.rows);
  headerRows.push(...la.headerRows);
  charts.push(...(la.charts ?? []));
  const warned = rows.filter((r) => r.warnings.length).length;
  if (warned || result.warnings.length) out.push([], [`Data warnings: ${warned} rows; ${result.warnings.length} sheet-level (see the report)`]);
  // Labels in the first column, numbers in the rest.
  const width = out.reduce((w, r) => Math.max(w, r.length), 1);
  const columnWidths = Array.from({ length: width }, (_, j) => (j === 0 ? 36 : 14));
  return { rows: out, headerRows, cellStyles: [...cellStyles, ...la.cellStyles], charts: placeCharts(charts, out), columnWidths };
}

/** A line of text longer than this may run on to the right, under a chart (about what the first three columns show). */
const LONG_TEXT = 60;

/**
 * Puts each chart one column right of the widest row, level with its table or just below the
 * chart above it, and never beside a long line of text (a note), which it would hide: below it
 * instead. Sizes in cells: tall enough for a bar per category (two for clustered).
 */
function placeCharts(charts: Omit<SummaryChart, "place">[], rows: CellValue[][]): SummaryChart[] {
  const column = maxOf(rows, (r) => r.length) + 1;
  // Text runs on only from a row's last filled cell.
  const last = (r: CellValue[]) => [...r].reverse().find((v) => v !== null && v !== "");
  const long = rows.flatMap((r, i) => (String(last(r) ?? "").length > LONG_TEXT ? [i] : []));
  let free = 0;
  return [...charts]
    .sort((a, b) => a.range.row - b.range.row)
    .map((c) => {
      const categories = c.range.rows - 1;
      const height = c.kind === "clustered" ? Math.max(15, 2 * categories + 6) : Math.max(12, categories + 7);
      let row = Math.max(c.range.row, free);
      let note: number | undefined;
      while ((note = long.find((i) => i >= row && i < row + height)) !== undefined) row = note + 1;
      free = row + height + 1;
      return { ...c, place: { row, column, rows: height, columns: c.kind === "clustered" ? 10 : 8 } };
    });
}

/** One moderated school, for the audit: the rules' category, the officer's, the reason and what it goes against. */
export interface ModeratedSchool {
  row: number;
  key: string | number | null;
  name: string | null;
  ruleCategory: string;
  officerCategory: string;
  reason: string | null;
  contradicts: string[];
}

/** The schools whose category an officer set, in sheet order: for the summary sheet and the report. */
export function moderatedSchools(result: RunResult, ruleset: Ruleset): ModeratedSchool[] {
  const label = new Map(ruleset.bands.map((b) => [b.id, `${b.id} ${b.label}`]));
  return result.rows
    .filter((r) => r.moderated)
    .map((r) => ({
      row: r.row,
      key: r.key,
      name: r.name,
      ruleCategory: label.get(r.ruleBand) ?? r.ruleBand,
      officerCategory: label.get(r.band) ?? r.band,
      reason: r.moderation?.reason ?? null,
      contradicts: r.moderation?.contradicts ?? [],
    }));
}

/** Totals of an output (funding...) by a field's values: schools with an amount, and the sum. */
export interface OutputTotals {
  output: string;
  header: string;
  /** The field's label. */
  by: string;
  groups: { name: string; schools: number; total: number }[];
  schools: number;
  total: number;
}

/** Each output's totals by each of its `totalsBy` fields; a blank value is its own group, "(blank)". */
export function outputTotals(result: RunResult, ruleset: Ruleset): OutputTotals[] {
  const out: OutputTotals[] = [];
  for (const o of ruleset.outputs ?? []) {
    for (const by of o.totalsBy ?? []) {
      const field = ruleset.fields.find((f) => f.id === by);
      const groups = new Map<string, { name: string; schools: number; total: number }>();
      let schools = 0;
      let total = 0;
      for (const r of result.rows) {
        const amount = r.outputs[o.id];
        if (typeof amount !== "number") continue;
        const v = r.facts[by];
        const name = v === null || v === undefined || v === "" ? "(blank)" : String(v);
        const g = groups.get(name) ?? groups.set(name, { name, schools: 0, total: 0 }).get(name)!;
        g.schools++;
        g.total = round2(g.total + amount);
        schools++;
        total = round2(total + amount);
      }
      const sorted = [...groups.values()].sort((a, b) => (a.name === "(blank)" ? 1 : b.name === "(blank)" ? -1 : a.name.localeCompare(b.name)));
      out.push({ output: o.id, header: o.header, by: field?.label ?? by, groups: sorted, schools, total });
    }
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
