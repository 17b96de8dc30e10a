// Movement between runs, in the engine: what a run keeps of itself in the record (compactly, by
// URN), how the record is bounded and checked when read back, and the count table and movers
// computed from two runs. Schools come from memory here; test/movement-cli.test.ts uses real files.
import * as fs from "fs";
import * as path from "path";
import {
  categorise, emptyStore, memorySource, movement, parseRuleset, parseStore, recordedMovement, recordRun, runMovement, RUNS_KEPT, sheetFromRecords, storeGrid,
  type RecordedRun, type Ruleset, type StoreContents,
} from "../engine";
import { withRun } from "../engine/output/run-record-history";
import { ROOT } from "./helpers/cli";

const staffs: Ruleset = parseRuleset(fs.readFileSync(path.join(ROOT, "rules/staffordshire.json"), "utf8"), "staffordshire.json");
const school = (urn: number | null, name: string, extra: Record<string, string | number> = {}) => ({
  URN: urn, "School name": name, Type: "Community school", Phase: "Primary", District: "Stafford", Pupils: 300, "Ofsted grade": "Good", ...extra,
});
const run = async (rows: ReturnType<typeof school>[], asOf: string) => categorise(memorySource({ Schools: sheetFromRecords(rows) }), staffs, { asOf });

describe("the record of a run", () => {
  it("keeps each school's band, stage and triggers by URN, with the run's date and ruleset, and reads back unchanged", async () => {
    const result = await run([school(1001, "Calm"), school(1002, "Weak", { "Ofsted grade": "Inadequate" }), school(null, "No URN")], "2025-09-01");
    const recorded = recordRun(result, staffs);
    expect(recorded).toMatchObject({ sheet: "Schools", asOf: "2025-09-01", ruleset: { id: "staffordshire", version: staffs.version } });
    expect(recorded.schools.map((s) => s[0])).toEqual([1001, 1002]);
    const weak = recorded.schools[1];
    expect(recorded.bands[weak[1]][0]).toBe("D");
    expect(recorded.stages[weak[2]][0]).toBe(result.rows[1].escalation!.stage);
    expect(weak.slice(3).map((t) => recorded.triggers[t as number][0])).toEqual(result.rows[1].triggers.map((t) => t.id));
    const store = parseStore(storeGrid(withRun(emptyStore(), recorded)));
    expect(store.runs).toEqual([recorded]);
    expect(store.problems).toBeUndefined();
  });

  it("is compact: 24,000 schools take under 20 characters each", async () => {
    const one = recordRun(await run([school(123456, "A school", { "Ofsted grade": "Requires improvement" })], "2025-09-01"), staffs);
    const many: RecordedRun = { ...one, schools: Array.from({ length: 24_000 }, (_, i) => [100_000 + i, ...one.schools[0].slice(1)] as RecordedRun["schools"][number]) };
    expect(JSON.stringify(many.schools).length / 24_000).toBeLessThan(20);
  });

  it(`keeps the last ${RUNS_KEPT} runs of each sheet, other sheets' runs untouched`, async () => {
    const r = recordRun(await run([school(1, "X")], "2025-09-01"), staffs);
    let store: StoreContents = withRun(emptyStore(), { ...r, sheet: "Other" });
    for (const asOf of ["2024-01-01", "2024-06-01", "2025-01-01"]) store = withRun(store, { ...r, asOf });
    expect(store.runs!.map((x) => `${x.sheet} ${x.asOf}`)).toEqual(["Other 2025-09-01", "Schools 2024-06-01", "Schools 2025-01-01"]);
  });

  it("a record written before runs were kept has none, with no note; a damaged run is left out with a note", async () => {
    const r = recordRun(await run([school(1, "X")], "2025-09-01"), staffs);
    const old = parseStore(storeGrid(emptyStore()));
    expect(old.runs).toBeUndefined();
    expect(old.problems).toBeUndefined();
    const bad = [{ ...r, schools: [[1, 99, -1]] }, { ...r, asOf: "yesterday" }, "nonsense", { ...r, asOf: "2025-10-01" }];
    const back = parseStore(storeGrid({ ...emptyStore(), runs: bad as never }));
    expect(back.runs!.map((x) => x.asOf)).toEqual(["2025-10-01"]);
    expect(back.problems).toEqual([expect.stringMatching(/earlier runs' categories is not valid and was left out/)]);
    expect(parseStore(storeGrid({ ...emptyStore(), runs: { not: "a list" } as never })).runs).toEqual([]);
  });
});

describe("the movement between two runs", () => {
  const first = [
    school(1001, "Calm Primary"),
    school(1002, "Slipping Primary"),
    school(1003, "Closing Primary"),
    school(1004, "Busy Primary", { Complaints: 6 }),
  ];
  const second = [
    school(1001, "Calm Primary"),
    school(1002, "Slipping Primary", { "Ofsted grade": "Inadequate" }),
    school(1005, "New Primary", { "Ofsted grade": "Requires improvement" }),
    school(1004, "Busy Primary", { Complaints: 6, "Budget balance £": -5 }),
  ];

  it("counts last category by this one, with new and gone schools, and lists the movers with their trigger changes", async () => {
    const before = await run(first, "2025-09-01");
    const after = await run(second, "2026-01-15");
    const store = withRun(emptyStore(), recordRun(before, staffs));
    const m = movement(store, after, staffs)!;
    expect(m.from.asOf).toBe("2025-09-01");
    expect(m.to.asOf).toBe("2026-01-15");
    const cell = (from: string, to: string) => m.bands.counts[m.bands.rows.indexOf(from)][m.bands.columns.indexOf(to)];
    expect(cell("A", "A")).toBe(1);
    expect(cell("A", "D")).toBe(1);
    expect(m.bands.newSchools[m.bands.columns.indexOf("D")]).toBe(1);
    expect(m.bands.gone[m.bands.rows.indexOf("A")]).toBe(1);
    expect(m.counts).toEqual({ compared: 3, categoryChanged: 1, stageChanged: 0, triggersOnly: 1, unchanged: 1, newSchools: 1, gone: 1 });
    const [slipping, ...rest] = m.changes;
    expect(slipping).toMatchObject({ key: 1002, name: "Slipping Primary", row: 3, from: { band: "A", stage: null }, to: { band: "D" }, triggersRemoved: [] });
    expect(slipping.triggersAdded).toContain("inadequate");
    expect(rest.map((c) => [c.key, c.from?.band ?? null, c.to?.band ?? null])).toEqual([[1005, null, "D"], [1003, "A", null], [1004, "B", "B"]]);
    expect(rest[2]).toMatchObject({ triggersAdded: ["deficit"], triggersRemoved: [] });
  });

  it("comes out the same from the record alone once both runs are kept", async () => {
    const before = recordRun(await run(first, "2025-09-01"), staffs);
    const afterResult = await run(second, "2026-01-15");
    const store = withRun(withRun(emptyStore(), before), recordRun(afterResult, staffs));
    expect(recordedMovement(parseStore(storeGrid(store)), "Schools", afterResult.rows)).toEqual(movement(withRun(emptyStore(), before), afterResult, staffs));
    expect(recordedMovement(withRun(emptyStore(), before), "Schools")).toBeNull();
    expect(movement(emptyStore(), afterResult, staffs)).toBeNull();
  });

  it("says when a URN is on two rows: only the first is compared", async () => {
    const before = recordRun(await run(first, "2025-09-01"), staffs);
    const after = await run([...second, school(1001, "Calm Primary again", { "Ofsted grade": "Inadequate" })], "2026-01-15");
    const m = movement(withRun(emptyStore(), before), after, staffs)!;
    expect(m.notes).toEqual(["1 row repeats a key on 'Schools': only the first row of each key is compared."]);
    expect(m.changes.map((c) => c.name)).not.toContain("Calm Primary again");
  });

  it("rows and columns follow each run's own bands when the rulesets differ", async () => {
    const before = recordRun(await run(first, "2025-09-01"), staffs);
    const renamed: RecordedRun = { ...before, bands: before.bands.map(([id, label]) => [id === "A" ? "A0" : id, label]) };
    const m = runMovement(renamed, before);
    expect(m.bands.columns).toEqual(staffs.bands.map((b) => b.id));
    expect(m.bands.rows).toEqual([...staffs.bands.map((b) => b.id), "A0"]);
    expect(m.counts.categoryChanged).toBe(3);
  });
});
