// The local-authority summary: how the authority's schools stand against Ofsted's risk factors for
// inspecting a local authority (% of schools and of pupils in good or better schools, % inadequate,
// % not good), each beside the national figure held in the ruleset and rated red, amber or green;
// counts by grade; bands by district and phase. Pure data for the Summary sheet and the add-in's chart.
import type { CellStyle, CellValue, SummaryChart } from "../workbook";
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { LA_MEASURES, type LaMeasureId } from "../ruleset/la-measures";

export type Rag = "red" | "amber" | "green";

export interface LaMeasure {
  id: LaMeasureId;
  label: string;
  basis: "schools" | "pupils";
  /** Schools (or pupils) meeting the measure, out of `of`. */
  count: number;
  of: number;
  /** Percent, 1 decimal place; null when there is nothing to count. */
  value: number | null;
  national: number | null;
  /** value - national, in percentage points. */
  difference: number | null;
  higherIsBetter: boolean;
  /** Red: worse than national by more than the margin; amber: worse; green: in line or better. */
  rag: Rag | null;
  margin: number;
}

export interface LaSummary {
  source: string;
  schools: number;
  /** Schools with an Ofsted grade (the others are left out of every percentage). */
  inspected: number;
  notInspected: number;
  measures: LaMeasure[];
  grades: { grade: number; label: string; schools: number; pupils: number | null }[];
  /** Bands by each summaryBy field (district, phase...). */
  bandsBy: { field: string; label: string; bands: { id: string; label: string; fill: string | null }[]; groups: { name: string; counts: number[]; total: number }[] }[];
}

/** Percentages on the summary sheet stay numbers of percent (56.4, as the charts read them), shown with a % sign. */
export const PERCENT_STYLE: CellStyle = { numberFormat: '0.0"%"' };

export const RAG_STYLES: Record<Rag, CellStyle> = {
  red: { fill: "#FFC7CE", font: "#9C0006", bold: true },
  amber: { fill: "#FFEB9C", font: "#9C5700" },
  green: { fill: "#C6EFCE", font: "#006100" },
};

/** Chart fills shared by the pane's charts and the summary sheet's: an unrated authority bar, national, a band without a fill. */
export const CHART_FILLS = { noRating: "#5B9BD5", national: "#A5A5A5", noFill: "#D9D9D9" };
export const RISK_CHART_TITLE = "Local authority against national (Ofsted risk factors)";
/** The authority's bar for one measure: its rating's fill. */
export const ratingFill = (m: LaMeasure) => (m.rag ? RAG_STYLES[m.rag].fill! : CHART_FILLS.noRating);

const MEASURE_TEXT: Record<LaMeasureId, { label: string; grades: number[]; higherIsBetter: boolean }> = {
  goodOrBetterSchools: { label: "% of schools good or better", grades: [1, 2], higherIsBetter: true },
  goodOrBetterPupils: { label: "% of pupils in good or better schools", grades: [1, 2], higherIsBetter: true },
  inadequateSchools: { label: "% of schools inadequate", grades: [4], higherIsBetter: false },
  inadequatePupils: { label: "% of pupils in inadequate schools", grades: [4], higherIsBetter: false },
  notGoodSchools: { label: "% of schools not good (requires improvement or inadequate)", grades: [3, 4], higherIsBetter: false },
  notGoodPupils: { label: "% of pupils in schools that are not good", grades: [3, 4], higherIsBetter: false },
};
const GRADE_LABELS = ["", "Outstanding", "Good", "Requires improvement", "Inadequate"];
const DEFAULT_MARGIN = 5;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The summary, or null when the ruleset has no laSummary block. */
export function laSummary(result: RunResult, ruleset: Ruleset): LaSummary | null {
  const s = ruleset.laSummary;
  if (!s) return null;
  const grade = (r: RunResult["rows"][number]) => (typeof r.facts[s.grade] === "number" ? (r.facts[s.grade] as number) : null);
  const pupils = (r: RunResult["rows"][number]) => (s.pupils && typeof r.facts[s.pupils] === "number" ? (r.facts[s.pupils] as number) : null);
  const inspected = result.rows.filter((r) => grade(r) !== null);
  // Pupil measures count schools with both a grade and a number of pupils.
  const withPupils = inspected.filter((r) => pupils(r) !== null);
  const totalPupils = withPupils.reduce((a, r) => a + pupils(r)!, 0);
  const national = s.national as Partial<Record<LaMeasureId, number>>;

  const measures: LaMeasure[] = LA_MEASURES.filter((id) => s.pupils || !id.endsWith("Pupils")).map((id) => {
    const m = MEASURE_TEXT[id];
    const basis = id.endsWith("Pupils") ? "pupils" : "schools";
    const meets = inspected.filter((r) => m.grades.includes(grade(r)!));
    const count = basis === "schools" ? meets.length : meets.reduce((a, r) => a + (pupils(r) ?? 0), 0);
    const of = basis === "schools" ? inspected.length : totalPupils;
    const exact = of ? (100 * count) / of : null;
    const nat = national[id] ?? null;
    const margin = typeof s.margin === "number" ? s.margin : s.margin?.[id] ?? DEFAULT_MARGIN;
    let rag: Rag | null = null;
    if (exact !== null && nat !== null) {
      // Rated on the value as shown (1 dp), so 86.0% beside 86% is never "worse".
      const shown = round1(exact);
      const worseBy = round1(m.higherIsBetter ? nat - shown : shown - nat);
      rag = worseBy > margin ? "red" : worseBy > 0 ? "amber" : "green";
    }
    return {
      id, label: m.label, basis, count, of,
      value: exact === null ? null : round1(exact),
      national: nat,
      difference: exact === null || nat === null ? null : round1(round1(exact) - nat) || 0, // || 0: never -0
      higherIsBetter: m.higherIsBetter, rag, margin,
    };
  });

  const grades = [1, 2, 3, 4].map((g) => {
    const at = inspected.filter((r) => grade(r) === g);
    return { grade: g, label: GRADE_LABELS[g], schools: at.length, pupils: s.pupils ? at.reduce((a, r) => a + (pupils(r) ?? 0), 0) : null };
  });

  const bandsBy = bandsByField(result, ruleset);

  return { source: s.national.source, schools: result.rows.length, inspected: inspected.length, notInspected: result.rows.length - inspected.length, measures, grades, bandsBy };
}

export type BandsBy = LaSummary["bandsBy"][number];

/** Schools in each band, by each summaryBy field (district, phase...): for the summary and the pane's chart. */
export function bandsByField(result: RunResult, ruleset: Ruleset): BandsBy[] {
  return (ruleset.summaryBy ?? []).map((field) => {
    const groups = new Map<string, number[]>();
    for (const r of result.rows) {
      const v = r.facts[field];
      const name = v === null || v === undefined || v === "" ? "(blank)" : String(v);
      if (!groups.has(name)) groups.set(name, ruleset.bands.map(() => 0));
      groups.get(name)![ruleset.bands.findIndex((b) => b.id === r.band)]++;
    }
    return {
      field,
      label: ruleset.fields.find((f) => f.id === field)?.label ?? field,
      bands: ruleset.bands.map((b) => ({ id: b.id, label: b.label, fill: ruleset.styles.bands[b.id]?.fill ?? null })),
      groups: [...groups.keys()].sort().map((name) => ({ name, counts: groups.get(name)!, total: groups.get(name)!.reduce((a, b) => a + b, 0) })),
    };
  });
}

export interface SheetBlock {
  rows: CellValue[][];
  /** 0-based indices into the whole sheet's rows. */
  headerRows: number[];
  /** 0-based sheet row and column of each styled cell. */
  cellStyles: { row: number; column: number; style: CellStyle }[];
  /** Charts of the block's tables; the summary places them. */
  charts?: Omit<SummaryChart, "place">[];
}

const RAG_TEXT: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

/** Summary-sheet rows for the LA summary, to go after `offset` existing rows (empty without laSummary). */
export function laSummaryRows(result: RunResult, ruleset: Ruleset, offset: number): SheetBlock {
  const la = laSummary(result, ruleset);
  const block: SheetBlock = { rows: [], headerRows: [], cellStyles: [] };
  if (!la) return block;
  const push = (row: CellValue[], header = false) => {
    if (header) block.headerRows.push(offset + block.rows.length);
    block.rows.push(row);
  };
  push([]);
  push(["Local authority summary: Ofsted risk factors"], true);
  const tableRow = offset + block.rows.length;
  push(["Measure", "Local authority", "National", "Difference (points)", "Rating", "Counted"], true);
  for (const m of la.measures) {
    if (m.rag) block.cellStyles.push({ row: offset + block.rows.length, column: 4, style: RAG_STYLES[m.rag] });
    for (const column of [1, 2]) block.cellStyles.push({ row: offset + block.rows.length, column, style: PERCENT_STYLE });
    push([m.label, m.value, m.national, m.difference, m.rag ? RAG_TEXT[m.rag] : "no national figure", `${m.count} of ${m.of} ${m.basis}`]);
  }
  // Chart Measure | Local authority (| National, when there is any national figure).
  if (la.measures.some((m) => m.value !== null)) {
    const national = la.measures.some((m) => m.national !== null);
    block.charts = [{
      id: "risk", title: RISK_CHART_TITLE, kind: "clustered", max: 100,
      range: { row: tableRow, column: 0, rows: la.measures.length + 1, columns: national ? 3 : 2 },
      series: [
        { name: "Local authority", colour: CHART_FILLS.noRating, pointColours: la.measures.map(ratingFill) },
        ...(national ? [{ name: "National", colour: CHART_FILLS.national }] : []),
      ],
    }];
  }
  const margins = [...new Set(la.measures.map((m) => m.margin))];
  push([
    `National: ${la.source}. Red: worse than national by more than ${margins.join("/")} points; amber: worse by less; green: in line or better.` +
      (la.notInspected ? ` ${la.notInspected} school${la.notInspected === 1 ? "" : "s"} with no Ofsted grade left out.` : ""),
  ]);
  push([]);
  const withPupils = la.grades.some((g) => g.pupils !== null);
  push(["Ofsted grade", "Schools", "% of schools", ...(withPupils ? ["Pupils", "% of pupils"] : [])], true);
  const pupilTotal = la.grades.reduce((a, g) => a + (g.pupils ?? 0), 0);
  for (const g of la.grades) {
    const pct = la.inspected ? round1((100 * g.schools) / la.inspected) : null;
    for (const column of withPupils ? [2, 4] : [2]) block.cellStyles.push({ row: offset + block.rows.length, column, style: PERCENT_STYLE });
    push([`${g.grade} ${g.label}`, g.schools, pct, ...(withPupils ? [g.pupils, pupilTotal ? round1((100 * g.pupils!) / pupilTotal) : null] : [])]);
  }
  push(["No Ofsted grade", la.notInspected]);
  return block;
}
