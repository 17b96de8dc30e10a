// A run's result and plan go from the worker in parts small enough to receive without holding the
// page, and come back together exactly as they were.
import { readFileSync } from "fs";
import { join } from "path";
import { buildOutputPlan, categorise, memorySource, parseRuleset } from "../../engine";
import { CELLS_PER_PART, joinRun, SCHOOLS_PER_PART, splitRun, VALUE_ROWS_PER_PART } from "../../addin/outcome-transfer";

const ruleset = parseRuleset(readFileSync(join(__dirname, "../../rules/staffordshire.json"), "utf8"));

async function run(n: number) {
  const rows = Array.from({ length: n }, (_, i) => [100000 + i, `School ${i}`, (i % 4) + 1, i % 3 ? "None" : "Special measures", -1 + (i % 20) / 10]);
  const source = memorySource({ Schools: { headers: ["URN", "School name", "Ofsted grade", "Category of concern", "Progress 8"], rows } });
  const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
  return { result, plan: buildOutputPlan(result, ruleset), notes: ["kept"] };
}

describe("sending a run in parts", () => {
  it("splits the long lists into parts of bounded size and joins them back in order", async () => {
    const whole = await run(2_345);
    const expected = structuredClone(whole);
    const { head, parts } = splitRun(whole);
    expect(head.result.rows).toEqual([]);
    expect(head.plan.values).toEqual([]);
    expect(head.plan.styles.every((g) => g.cells.length === 0)).toBe(true);
    expect(head.notes).toEqual(["kept"]);
    const rowParts = parts.filter((p) => "rows" in p);
    expect(rowParts).toHaveLength(Math.ceil(2_345 / SCHOOLS_PER_PART));
    for (const p of parts) {
      if ("rows" in p) expect(p.rows.length).toBeLessThanOrEqual(SCHOOLS_PER_PART);
      else if ("values" in p) expect(p.values.length).toBeLessThanOrEqual(VALUE_ROWS_PER_PART);
      else expect(p.cells.length).toBeLessThanOrEqual(CELLS_PER_PART);
    }
    // As the page receives them: each part and the head copied on their own.
    const joined = joinRun(structuredClone(head), parts.map((p) => structuredClone(p)));
    expect(joined).toEqual(expected);
  });

  it("leaves the run it splits as it was", async () => {
    const whole = await run(30);
    const copy = structuredClone(whole);
    splitRun(whole);
    expect(whole).toEqual(copy);
  });

  it("a style group with more cells than a part holds comes back whole", () => {
    const cells = Array.from({ length: CELLS_PER_PART * 2 + 5 }, (_, i) => ({ row: i + 2, column: 3 }));
    const whole = { result: { rows: [] }, plan: { values: [], styles: [{ style: { fill: "#FF0000" }, cells: [] }, { style: { fill: "#00FF00" }, cells }] } } as never;
    const { head, parts } = splitRun(whole);
    expect(parts).toHaveLength(3);
    expect(joinRun(head, parts)).toEqual(whole);
  });
});
