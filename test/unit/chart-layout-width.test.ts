// The pane's charts are laid out at the pane's width in px (so their text keeps its size), long
// category labels wrap onto more lines, and a count goes inside a segment only where it fits.
import { CHART_WIDTH, LABEL_HEIGHT, layoutChart, MIN_CHART_WIDTH, wrapLabel } from "../../addin/charts/layout";
import type { ChartSpec } from "../../engine";

const spec = (categories: string[], values: number[][]): ChartSpec => ({
  id: "bands-district", title: "Schools by category and district", kind: "stacked", unit: "schools", max: Math.max(...values.map((v) => v.reduce((a, b) => a + b, 0))),
  categories,
  series: values[0].map((_, s) => ({ name: `S${s}`, values: values.map((v) => v[s]), colours: values.map(() => "#DDEBF7") })),
});

describe("chart layout at the pane's width", () => {
  it("is as wide as it is given (the longest bar and its total fill it), never narrower than the minimum", () => {
    const s = spec(["Stafford"], [[10, 30]]);
    expect(layoutChart(s).width).toBe(CHART_WIDTH);
    for (const width of [318, 600]) {
      const l = layoutChart(s, width);
      expect(l.width).toBe(width);
      const bar = l.groups[0].bars;
      expect(bar[0].width + bar[1].width).toBeCloseTo(width - 52);
    }
    expect(layoutChart(s, 120).width).toBe(MIN_CHART_WIDTH);
  });

  it("a long label wraps between words, and the bars move down under it", () => {
    expect(wrapLabel("% of schools not good (requires improvement or inadequate)", 40)).toEqual(["% of schools not good (requires", "improvement or inadequate)"]);
    expect(wrapLabel("Staffordshire", 5)).toEqual(["Staffordshire"]);
    const l = layoutChart(spec(["% of schools not good (requires improvement or inadequate)", "Lichfield"], [[1, 2], [3, 4]]), 318);
    const [long, short] = l.groups;
    expect(long.labelLines.length).toBe(2);
    expect(short.labelLines).toEqual(["Lichfield"]);
    expect(long.bars[0].y).toBe(long.labelY + 4 + LABEL_HEIGHT);
  });

  it("a count goes inside a segment only when its digits fit", () => {
    // 300 of 2,400 in 266 px is 33 px: room for "300"; 20 of 2,400 is 2 px: none.
    const l = layoutChart(spec(["Cannock Chase"], [[300, 20, 2080]]), 318);
    expect(l.groups[0].bars.map((b) => b.text)).toEqual(["300", null, "2080"]);
    // 200 of 2,900 in 266 px is 18 px: wide enough for a single digit, not for "200".
    expect(layoutChart(spec(["Stafford"], [[200, 2700]]), 318).groups[0].bars[0].text).toBeNull();
  });
});
