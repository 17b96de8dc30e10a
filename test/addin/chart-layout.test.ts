// The pane's bar-chart geometry: bars in proportion to their values, stacked segments end to end,
// gaps for missing figures, and counts only where a segment is wide enough to hold one.
import { layoutChart, CHART_WIDTH } from "../../addin/charts/layout";
import type { ChartSpec } from "../../engine";

const stacked: ChartSpec = {
  id: "bands-district", title: "Schools by category and district", kind: "stacked", unit: "schools", max: 40,
  categories: ["Stafford", "Tamworth"],
  series: [
    { name: "D High concern", values: [1, 0], colours: ["#FFC7CE", "#FFC7CE"] },
    { name: "A No concern", values: [39, 20], colours: ["#C6EFCE", "#C6EFCE"] },
  ],
};

test("stacked: segments end to end, the longest total filling the plot, totals after each bar", () => {
  const l = layoutChart(stacked);
  const [stafford, tamworth] = l.groups;
  expect(stafford.bars.map((b) => [b.series, b.x, b.value])).toEqual([["D High concern", 0, 1], ["A No concern", stafford.bars[0].width, 39]]);
  const plot = stafford.bars[0].width + stafford.bars[1].width;
  expect(plot).toBeLessThan(CHART_WIDTH);
  expect(stafford.bars[1].width / stafford.bars[0].width).toBeCloseTo(39);
  // A zero count draws nothing; Tamworth's 20 is half the plot.
  expect(tamworth.bars.map((b) => b.series)).toEqual(["A No concern"]);
  expect(tamworth.bars[0].width).toBeCloseTo(plot / 2);
  expect([stafford.total?.text, tamworth.total?.text]).toEqual(["40", "20"]);
  // One school is too narrow a segment to carry its count; the title still says it.
  expect(stafford.bars[0]).toMatchObject({ text: null, title: "Stafford, D High concern: 1 school" });
  expect(stafford.bars[1]).toMatchObject({ text: "39", title: "Stafford, A No concern: 39 schools" });
  expect(tamworth.labelY).toBeGreaterThan(stafford.bars[0].y + stafford.bars[0].height);
  expect(l.legend).toEqual([{ name: "D High concern", colour: "#FFC7CE" }, { name: "A No concern", colour: "#C6EFCE" }]);
});

test("clustered: a bar per series on a 0-100 scale, a missing national figure drawn as no bar", () => {
  const l = layoutChart({
    id: "risk", title: "Risk", kind: "clustered", unit: "%", max: 100, categories: ["% of pupils in good or better schools"],
    series: [
      { name: "Local authority", values: [83], colours: ["#FFEB9C"] },
      { name: "National", values: [null], colours: ["#A5A5A5"] },
    ],
    legend: [{ name: "Worse than national", colour: "#FFEB9C" }],
  });
  const [la, national] = l.groups[0].bars;
  expect(la).toMatchObject({ x: 0, text: "83.0%", textInside: false, fill: "#FFEB9C" });
  expect(la.textX).toBeCloseTo(la.width + 4);
  expect(national).toMatchObject({ width: 0, value: null, text: "no figure", title: "% of pupils in good or better schools, National: no figure" });
  expect(national.y).toBeGreaterThan(la.y);
  expect(l.legend).toEqual([{ name: "Worse than national", colour: "#FFEB9C" }]);
  expect(l.height).toBeGreaterThan(national.y + national.height - 1);
});
