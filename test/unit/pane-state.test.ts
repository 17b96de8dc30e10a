// The pane's state on its own: what each action does, without a browser or a workbook.
import { readFileSync } from "fs";
import { join } from "path";
import { categorise, buildOutputPlan, memorySource, parseRuleset, type Ruleset } from "../../engine";
import { initialState, reduce, type PaneState } from "../../addin/use-pane";
import type { RunOutcome } from "../../addin/pane-host";

const rules = (name: string) => parseRuleset(readFileSync(join(__dirname, "../../rules", `${name}.json`), "utf8"));
const staffs = rules("staffordshire");
const warks = rules("warwickshire");

async function outcome(ruleset: Ruleset): Promise<RunOutcome> {
  const source = memorySource({ Schools: { headers: ["URN", "School name", "Ofsted grade"], rows: [[1, "A", 2], [2, "B", 4]] } });
  const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
  return { result, plan: buildOutputPlan(result, ruleset), notes: ["a note"] };
}

describe("the pane's state", () => {
  let ran: PaneState;
  beforeAll(async () => {
    ran = reduce(initialState(null), { type: "ran", outcome: await outcome(staffs), ruleset: staffs });
  });

  it("starts with the first bundled ruleset and nothing run", () => {
    const s = initialState(null);
    expect(s.chosen.ruleset.id).toBe(staffs.id);
    expect(s.lastRun).toBeNull();
    expect(s.status).toEqual({ progress: null, message: null, warnings: [] });
  });

  it("a run keeps its outcome with the ruleset it ran with, and says what it did", () => {
    expect(ran.lastRun?.ruleset).toBe(staffs);
    expect(ran.status.message).toMatchObject({ intent: "success", title: "Categorised 2 schools" });
    expect(ran.status.warnings[0]).toBe("a note");
  });

  it("choosing another ruleset after a run leaves the shown results on the ruleset they ran with", () => {
    const picked = reduce(ran, { type: "rulesetChosen", chosen: { key: "warwickshire", text: { key: "warwickshire", label: "W", text: "", source: "w" }, ruleset: warks } });
    expect(picked.chosen.ruleset).toBe(warks);
    expect(picked.lastRun?.ruleset).toBe(staffs);
  });

  it("a school is picked only when it is a row of the last run, on its sheet", () => {
    const row = ran.lastRun!.outcome.result.rows[1].row;
    expect(reduce(ran, { type: "schoolPicked", sheet: "Schools", row }).lastRun?.selectedRow).toBe(row);
    expect(reduce(ran, { type: "schoolPicked", sheet: "Schools", row: 999 })).toBe(ran);
    expect(reduce(ran, { type: "schoolPicked", sheet: "Other", row })).toBe(ran);
  });

  it("progress, then a failure: the progress bar goes and the error is said", () => {
    const going = reduce(ran, { type: "started", fraction: 0, label: "Starting…" });
    expect(going.status.progress).toEqual({ fraction: 0, label: "Starting…" });
    const failed = reduce(going, { type: "failed", error: new Error("boom") });
    expect(failed.status.progress).toBeNull();
    expect(failed.status.message).toMatchObject({ intent: "error", body: "boom" });
  });

  it("clearing forgets the run", () => {
    expect(reduce(ran, { type: "cleared", text: "Cleared." }).lastRun).toBeNull();
  });
});
