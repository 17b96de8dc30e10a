// What the add-in charts after a run, as plain data (no drawing here): the authority beside the
// national figures for Ofsted's risk factors, each authority bar in its red/amber/green rating; and
// the schools in each band overall and by each summaryBy field (district, phase...).
import type { RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { bandsByField, CHART_FILLS, laSummary, RAG_STYLES, RISK_CHART_TITLE, ratingFill, type BandsBy, type LaSummary } from "./la-summary";
import { maxOf } from "../util/max-of";

export interface ChartSeries {
  name: string;
  /** One per category; null where there is no figure (drawn as a gap, listed as "no figure"). */
  values: (number | null)[];
  /** One fill per category. */
  colours: string[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** clustered: a bar per series within each category; stacked: one bar per category, series end to end. */
  kind: "clustered" | "stacked";
  unit: "%" | "schools";
  /** The axis maximum: 100 for percentages, else the largest bar. */
  max: number;
  categories: string[];
  series: ChartSeries[];
  /** The key, when it is not simply one colour per series. */
  legend?: { name: string; colour: string }[];
}

const { noRating: NO_RATING, national: NATIONAL, noFill: NO_FILL } = CHART_FILLS;

/** The authority against national for each measure with a value. */
export function riskChart(la: LaSummary): ChartSpec {
  const measures = la.measures.filter((m) => m.value !== null);
  return {
    id: "risk",
    title: RISK_CHART_TITLE,
    kind: "clustered",
    unit: "%",
    max: 100,
    categories: measures.map((m) => m.label),
    series: [
      { name: "Local authority", values: measures.map((m) => m.value), colours: measures.map(ratingFill) },
      { name: "National", values: measures.map((m) => m.national), colours: measures.map(() => NATIONAL) },
    ],
    legend: [
      { name: "Worse than national by more than the margin", colour: RAG_STYLES.red.fill! },
      { name: "Worse than national", colour: RAG_STYLES.amber.fill! },
      { name: "In line with national or better", colour: RAG_STYLES.green.fill! },
      ...(measures.some((m) => !m.rag) ? [{ name: "No national figure to compare", colour: NO_RATING }] : []),
      { name: "National", colour: NATIONAL },
    ],
  };
}

export const bandsChartTitle = (fieldLabel: string) => `Schools by category and ${fieldLabel.toLowerCase()}`;

/** Schools per band: all schools first, then one bar per group of each summaryBy field. */
export function bandCharts(result: RunResult, ruleset: Ruleset, bandsBy: BandsBy[] = bandsByField(result, ruleset)): ChartSpec[] {
  const fills = ruleset.bands.map((b) => ruleset.styles.bands[b.id]?.fill ?? NO_FILL);
  const series = (counts: number[][]) =>
    ruleset.bands.map((b, i) => ({ name: `${b.id} ${b.label}`, values: counts.map((c) => c[i]), colours: counts.map(() => fills[i]) }));
  const overall = ruleset.bands.map((b) => result.rows.filter((r) => r.band === b.id).length);
  const charts: ChartSpec[] = [
    { id: "bands", title: "Schools by category", kind: "stacked", unit: "schools", max: result.rows.length, categories: ["All schools"], series: series([overall]) },
  ];
  for (const by of bandsBy) {
    charts.push({
      id: `bands-${by.field}`,
      title: bandsChartTitle(by.label),
      kind: "stacked",
      unit: "schools",
      max: maxOf(by.groups, (g) => g.total),
      categories: by.groups.map((g) => g.name),
      series: series(by.groups.map((g) => g.counts)),
    });
  }
  return charts;
}

/**
 * Every chart for a run: the risk chart when the ruleset has an laSummary block, then the band
 * charts. Pass `la` when it is already worked out for the same run.
 */
export function summaryCharts(result: RunResult, ruleset: Ruleset, la: LaSummary | null = laSummary(result, ruleset)): ChartSpec[] {
  return [...(la && la.measures.some((m) => m.value !== null) ? [riskChart(la)] : []), ...bandCharts(result, ruleset, la?.bandsBy)];
}
