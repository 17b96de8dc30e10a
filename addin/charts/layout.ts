// Geometry for the pane's horizontal bar charts, kept apart from React so it can be tested on its
// own: each category gets its label on a line, then its bars (one per series when clustered, one
// bar of end-to-end segments when stacked), with the value after each bar. A label too long for
// the width is wrapped onto more lines; a count goes inside a segment only where it fits.
import type { ChartSpec } from "../../engine";

/** The width laid out when the pane has not been measured: charts are drawn at the pane's width in px, so text keeps its size. */
export const CHART_WIDTH = 400;
/** Narrower than this, bars would be too short to read: the chart is drawn this wide and clipped. */
export const MIN_CHART_WIDTH = 200;
const VALUE_ROOM = 52; // right of the longest bar, for "100.0%" or a total
export const LABEL_HEIGHT = 18;
const BAR = { clustered: 14, stacked: 18 };
const BAR_GAP = 3;
const GROUP_GAP = 10;
const MIN_TEXT_WIDTH = 18; // narrower stacked segments carry no count inside
const DIGIT_WIDTH = 7; // of an 11 px count, with room either side: "300" needs 25 px
const LABEL_CHAR_WIDTH = 6.6; // an average 12 px character, for wrapping category labels

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
  /** Each category: its label's lines (the first at labelY, one LABEL_HEIGHT apart), its bars, and a stacked bar's total. */
  groups: { category: string; labelY: number; labelLines: string[]; bars: BarRect[]; total: { text: string; x: number; y: number } | null }[];
  legend: { name: string; colour: string }[];
}

export const formatValue = (value: number | null, unit: ChartSpec["unit"]) =>
  value === null ? "no figure" : unit === "%" ? `${value.toFixed(1)}%` : `${value.toLocaleString("en-GB")} school${value === 1 ? "" : "s"}`;

/** A label in lines of at most `chars` characters, broken between words (a word longer than a line is left whole). */
export function wrapLabel(label: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= chars) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [""];
}

/** Lays a chart out `width` px wide (its text is drawn at fixed px sizes, so nothing is scaled). */
export function layoutChart(spec: ChartSpec, width = CHART_WIDTH): ChartLayout {
  width = Math.max(MIN_CHART_WIDTH, Math.floor(width));
  const plot = width - VALUE_ROOM;
  const scale = spec.max > 0 ? plot / spec.max : 0;
  const barHeight = BAR[spec.kind];
  const labelChars = Math.max(8, Math.floor(width / LABEL_CHAR_WIDTH));
  let y = 0;
  const groups = spec.categories.map((category, c) => {
    const labelLines = wrapLabel(category, labelChars);
    const labelY = y + LABEL_HEIGHT - 4;
    y += LABEL_HEIGHT * labelLines.length;
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
          text: width >= Math.max(MIN_TEXT_WIDTH, String(value).length * DIGIT_WIDTH + 4) ? String(value) : null, textX: x + width / 2, textInside: true,
        });
        x += width;
      }
      total = { text: String(sum), x: x + 4, y: y + barHeight / 2 };
      y += barHeight + BAR_GAP;
    }
    y += GROUP_GAP - BAR_GAP;
    return { category, labelY, labelLines, bars, total };
  });
  const legend = spec.legend ?? spec.series.map((s) => ({ name: s.name, colour: s.colours[0] ?? "#D9D9D9" }));
  return { width, height: Math.max(y - GROUP_GAP + 2, 1), groups, legend };
}
