// Geometry for the pane's horizontal bar charts, kept apart from React so it can be tested on its
// own: each category gets its label on a line, then its bars (one per series when clustered, one
// bar of end-to-end segments when stacked), with the value after each bar.
import type { ChartSpec } from "../../engine";

export const CHART_WIDTH = 400;
const VALUE_ROOM = 52; // right of the longest bar, for "100.0%" or a total
const LABEL_HEIGHT = 18;
const BAR = { clustered: 14, stacked: 18 };
const BAR_GAP = 3;
const GROUP_GAP = 10;
const MIN_TEXT_WIDTH = 18; // narrower stacked segments carry no count inside

export interface BarRect {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  series: string;
  category: string;
  value: number | null;
  /** What a reader hears or sees on hover: "Lichfield, D High concern: 2 schools". */
  title: string;
  /** Text drawn inside (stacked) or after (clustered) the bar, if any. */
  text: string | null;
  textX: number;
  textInside: boolean;
}

export interface ChartLayout {
  width: number;
  height: number;
  groups: { category: string; labelY: number; bars: BarRect[]; total: { text: string; x: number; y: number } | null }[];
  legend: { name: string; colour: string }[];
}

export const formatValue = (value: number | null, unit: ChartSpec["unit"]) =>
  value === null ? "no figure" : unit === "%" ? `${value.toFixed(1)}%` : `${value.toLocaleString("en-GB")} school${value === 1 ? "" : "s"}`;

export function layoutChart(spec: ChartSpec): ChartLayout {
  const plot = CHART_WIDTH - VALUE_ROOM;
  const scale = spec.max > 0 ? plot / spec.max : 0;
  const barHeight = BAR[spec.kind];
  let y = 0;
  const groups = spec.categories.map((category, c) => {
    const labelY = y + LABEL_HEIGHT - 4;
    y += LABEL_HEIGHT;
    const bars: BarRect[] = [];
    let total: ChartLayout["groups"][number]["total"] = null;
    if (spec.kind === "clustered") {
      for (const s of spec.series) {
        const value = s.values[c];
        const width = value === null ? 0 : Math.max(0, value * scale);
        bars.push({
          x: 0, y, width, height: barHeight, fill: s.colours[c], series: s.name, category, value,
          title: `${category}, ${s.name}: ${formatValue(value, spec.unit)}`,
          text: formatValue(value, spec.unit), textX: width + 4, textInside: false,
        });
        y += barHeight + BAR_GAP;
      }
    } else {
      let x = 0;
      let sum = 0;
      for (const s of spec.series) {
        const value = s.values[c] ?? 0;
        sum += value;
        if (!value) continue;
        const width = value * scale;
        bars.push({
          x, y, width, height: barHeight, fill: s.colours[c], series: s.name, category, value,
          title: `${category}, ${s.name}: ${formatValue(value, spec.unit)}`,
          text: width >= MIN_TEXT_WIDTH ? String(value) : null, textX: x + width / 2, textInside: true,
        });
        x += width;
      }
      total = { text: String(sum), x: x + 4, y: y + barHeight / 2 };
      y += barHeight + BAR_GAP;
    }
    y += GROUP_GAP - BAR_GAP;
    return { category, labelY, bars, total };
  });
  const legend = spec.legend ?? spec.series.map((s) => ({ name: s.name, colour: s.colours[0] ?? "#D9D9D9" }));
  return { width: CHART_WIDTH, height: Math.max(y - GROUP_GAP + 2, 1), groups, legend };
}
