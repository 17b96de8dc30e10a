// Watch flags (near misses) in the engine: a margin on <, <=, >, >= and against another fact, inside
// 'not', 'any' and 'all', with missing data; each decision checked against the rule written out by
// hand for every school of a grid of values, and the band, stage and triggers checked unchanged
// against the same ruleset without its margins. Then the reason's words and units.
import * as fs from "fs";
import * as path from "path";
import { categorise, memorySource, parseRuleset, sheetFromRecords, type RowResult } from "../engine";

type Value = number | null;
type School = { x: Value; y: Value; p: Value };

/** A trigger on x and y, with the near-miss zone its margins should give, written out by hand. */
interface Case {
  id: string;
  conditions: unknown;
  fires: (s: School) => boolean;
  /** The trigger with each margined comparison moved by its margin (the margin's end included). */
  loosened: (s: School) => boolean;
}
const lt = (a: Value, b: number) => a !== null && a < b;
const le = (a: Value, b: number) => a !== null && a <= b;
const gt = (a: Value, b: number) => a !== null && a > b;
const ge = (a: Value, b: number) => a !== null && a >= b;
const leaf = (fact: string, operator: string, value: unknown, margin?: unknown) => ({ fact, operator, value, ...(margin === undefined ? {} : { margin }) });

const CASES: Case[] = [
  { id: "below", conditions: { all: [leaf("x", "lessThan", 10, 2)] }, fires: (s) => lt(s.x, 10), loosened: (s) => le(s.x, 12) },
  { id: "belowOrAt", conditions: { all: [leaf("x", "lessThanInclusive", 10, 2)] }, fires: (s) => le(s.x, 10), loosened: (s) => le(s.x, 12) },
  { id: "above", conditions: { all: [leaf("x", "greaterThan", 10, 2)] }, fires: (s) => gt(s.x, 10), loosened: (s) => ge(s.x, 8) },
  { id: "aboveOrAt", conditions: { all: [leaf("x", "greaterThanInclusive", 10, { within: 2 })] }, fires: (s) => ge(s.x, 10), loosened: (s) => ge(s.x, 8) },
  // Against another fact (a constant, 10): within 1 of it, and only with y > 0 as well.
  {
    id: "belowFloor", conditions: { all: [leaf("x", "lessThan", { fact: "floor" }, { within: 1, of: "the floor" }), leaf("y", "greaterThan", 0)] },
    fires: (s) => lt(s.x, 10) && gt(s.y, 0), loosened: (s) => le(s.x, 11) && gt(s.y, 0),
  },
  // Inside a 'not' the comparison is loosened the other way: the trigger fires at 10 or below, is watched to 12.
  { id: "notAbove", conditions: { not: leaf("x", "greaterThan", 10, 2) }, fires: (s) => !gt(s.x, 10), loosened: (s) => !gt(s.x, 12) },
  { id: "notAtLeast", conditions: { all: [{ not: leaf("x", "greaterThanInclusive", 10, 2) }] }, fires: (s) => !ge(s.x, 10), loosened: (s) => !gt(s.x, 12) },
  { id: "notBelow", conditions: { not: { any: [leaf("x", "lessThan", 10, 2)] } }, fires: (s) => !lt(s.x, 10), loosened: (s) => !lt(s.x, 8) },
  {
    id: "either", conditions: { any: [leaf("x", "lessThan", 5, 1), leaf("y", "greaterThan", 20, 3)] },
    fires: (s) => lt(s.x, 5) || gt(s.y, 20), loosened: (s) => le(s.x, 6) || ge(s.y, 17),
  },
  {
    id: "nested", conditions: { all: [leaf("x", "lessThan", 10, 2), { not: { any: [leaf("y", "greaterThanInclusive", 5, 1)] } }] },
    fires: (s) => lt(s.x, 10) && !ge(s.y, 5), loosened: (s) => le(s.x, 12) && !gt(s.y, 6),
  },
  // A margin of 0.1 on -0.5 reaches -0.4 exactly, whatever floating point makes of -0.5 + 0.1.
  { id: "decimals", conditions: { all: [leaf("p", "lessThan", -0.5, 0.1)] }, fires: (s) => lt(s.p, -0.5), loosened: (s) => le(s.p, -0.4) },
];

function ruleset(margins: boolean) {
  const strip = (c: unknown): unknown =>
    Array.isArray(c) ? c.map(strip) : c && typeof c === "object" ? Object.fromEntries(Object.entries(c).filter(([k]) => margins || k !== "margin").map(([k, v]) => [k, strip(v)])) : c;
  return parseRuleset(
    JSON.stringify({
      id: "grid", title: "Grid", version: "1", effective: { from: "2020-09-01" }, key: "urn",
      fields: [
        { id: "urn", label: "URN", type: "integer", headers: ["URN"], required: true },
        { id: "x", label: "X", type: "number", headers: ["X"] },
        { id: "y", label: "Y", type: "number", headers: ["Y"] },
        { id: "p", label: "P", type: "number", headers: ["P"] },
      ],
      constants: { floor: { label: "Floor", value: 10 } },
      triggers: CASES.map((c) => ({ id: c.id, label: c.id, severity: "low", conditions: strip(c.conditions) })),
      bands: [{ id: "C", label: "Two or more", conditions: { all: [{ fact: "triggerCount", operator: "greaterThanInclusive", value: 2 }] } }, { id: "B", label: "One", conditions: { all: [{ fact: "triggerCount", operator: "greaterThanInclusive", value: 1 }] } }, { id: "A", label: "None" }],
      escalation: [{ id: "visit", label: "Visit", nextAction: "Visit", conditions: { all: [{ fact: "band", operator: "equal", value: "C" }] } }],
      styles: { bands: { A: { fill: "#C6EFCE" }, B: { fill: "#FFEB9C" }, C: { fill: "#FFC7CE" } }, severities: { low: { fill: "#FFF2CC" } } },
    }),
  );
}

const xs: Value[] = [null, 4, 4.5, 5, 5.5, 6, 6.5, 7.5, 8, 8.5, 9.9, 10, 10.1, 11, 11.5, 12, 12.01, 13];
const ys: Value[] = [null, -1, 0, 4, 5, 5.5, 6, 6.5, 16.9, 17, 20, 21];
const ps: Value[] = [null, -0.6, -0.5, -0.45, -0.4, -0.39];
const schools: School[] = xs.flatMap((x) => ys.map((y, i) => ({ x, y, p: ps[i % ps.length] })));

async function run(margins: boolean): Promise<RowResult[]> {
  const records = schools.map((s, i) => ({ URN: 100000 + i, X: s.x, Y: s.y, P: s.p }));
  return (await categorise(memorySource({ Schools: sheetFromRecords(records) }), ruleset(margins), { asOf: "2021-01-01" })).rows;
}

let withMargins: RowResult[];
let without: RowResult[];
beforeAll(async () => {
  [withMargins, without] = [await run(true), await run(false)];
});

test.each(CASES.map((c) => [c.id, c] as const))("%s: watched exactly where the loosened rule holds and the rule does not", (id, c) => {
  let watched = 0;
  schools.forEach((s, i) => {
    const expected = c.loosened(s) && !c.fires(s);
    const got = (withMargins[i].watch ?? []).some((w) => w.id === id);
    if (got !== expected) throw new Error(`${id} on ${JSON.stringify(s)}: watch ${got}, expected ${expected}`);
    expect(withMargins[i].triggers.some((t) => t.id === id)).toBe(c.fires(s));
    if (got) watched++;
  });
  expect(watched).toBeGreaterThan(0); // the grid reaches every margin
});

test("a watch flag changes no trigger, band, stage or reason: the results are those of the rules without margins", () => {
  expect(withMargins.filter((r) => r.watch).length).toBeGreaterThan(100);
  const essentials = (r: RowResult) => ({ triggers: r.triggers, band: r.band, stage: r.escalation?.stage ?? null, reasons: r.reasons, triggerCells: r.triggerCells });
  expect(withMargins.map(essentials)).toEqual(without.map(essentials));
  expect(without.some((r) => r.watch)).toBe(false);
});

test("each flag says how far the value is from the threshold, and rows with the same values share it", () => {
  const find = (s: Partial<School>, id: string) => {
    const i = schools.findIndex((x) => Object.entries(s).every(([k, v]) => x[k as keyof School] === v));
    return withMargins[i].watch!.find((w) => w.id === id)!;
  };
  expect(find({ x: 11, y: 4 }, "belowFloor").reason).toBe("X 11 is 1 above the floor of 10");
  expect(find({ x: 10, y: 4 }, "below").reason).toBe("X 10 is at the threshold of 10");
  expect(find({ x: 8.5 }, "above").reason).toBe("X 8.5 is 1.5 below the threshold of 10");
  expect(find({ x: 12 }, "notAbove").reason).toBe("X 12 is 2 above the threshold of 10");
  expect(find({ p: -0.45 }, "decimals").reason).toBe("P −0.45 is 0.05 above the threshold of −0.5");
  expect(find({ x: 9.9, y: 5.5 }, "nested").reason).toBe("Y 5.5 is 0.5 above the threshold of 5");
  expect(find({ x: 11, y: 17 }, "either").reason).toBe("Y 17 is 3 below the threshold of 20");
  // Two schools with the same values share one (read-only) flag.
  const same = withMargins.filter((r, i) => schools[i].x === 11 && schools[i].y !== null && schools[i].y! > 0).map((r) => r.watch!.find((w) => w.id === "belowFloor"));
  expect(new Set(same).size).toBe(1);
});

test("the bundled rules give their reasons in the field's units: %, points and days", async () => {
  const staffs = parseRuleset(fs.readFileSync(path.join(__dirname, "../rules/staffordshire.json"), "utf8"));
  const base = { Type: "Community school", Phase: "Primary", "Ofsted grade": 2, "Academic year": "2018/19" };
  const rows = [
    { URN: 1, ...base, "KS2 RWM expected %": 61, "KS2 reading progress": -4.2 }, // RWM under the 65% floor, reading 0.8 above its floor
    { URN: 2, ...base, "KS2 RWM expected %": 65, "KS2 maths progress": -6 }, // RWM at the floor, maths under its floor
    { URN: 3, ...base, "Persistent absence %": 15.9 }, // 5.0 above national: within 1 of 5, not past it
  ];
  const run = await categorise(memorySource({ Schools: sheetFromRecords(rows) }), staffs, { asOf: "2019-10-01" });
  expect(run.rows.map((r) => r.watch?.map((w) => w.reason))).toEqual([
    ["KS2 reading progress −4.2 is 0.8 above the floor of −5"],
    ["KS2 RWM expected % 65% is at the floor of 65%"],
    ["Persistent absence above national (points) 5 is at the trigger level of 5"],
  ]);
  const warks = parseRuleset(fs.readFileSync(path.join(__dirname, "../rules/warwickshire.json"), "utf8"));
  const school = { Phase: "Primary", Type: "Community School", Academy: "No", Pupils: 200, "Overall effectiveness": 2, "Headline attainment 2018": 70, "Headline attainment 2019": 74 };
  const w = await categorise(memorySource({ Schools: sheetFromRecords([{ URN: 1, ...school, "Inspection date": "2015-10-02" }]) }), warks, { asOf: "2019-10-01" });
  expect(w.rows[0].watch?.map((x) => x.reason)).toEqual(["Days since inspection 1460 is 1 day below the four-year mark of 1461"]);
});
