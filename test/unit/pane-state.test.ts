// The pane's state on its own: what each action does, without a browser or a workbook.
import { readFileSync } from "fs";
import { join } from "path";
import { categorise, buildOutputPlan, laSummary, memorySource, parseRuleset, summaryCharts, type Ruleset } from "../../engine";
import { initialState, reduce, type PaneState } from "../../addin/use-pane";
import type { PaneHost, RunOutcome } from "../../addin/pane-host";

const rules = (name: string) => parseRuleset(readFileSync(join(__dirname, "../../rules", `${name}.json`), "utf8"));
const staffs = rules("staffordshire");
const warks = rules("warwickshire");

async function outcome(ruleset: Ruleset): Promise<RunOutcome> {
  const source = memorySource({ Schools: { headers: ["URN", "School name", "Ofsted grade"], rows: [[1, "A", 2], [2, "B", 4]] } });
  const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
  const la = laSummary(result, ruleset);
  return { result, plan: buildOutputPlan(result, ruleset), notes: ["a note"], summary: { la, charts: summaryCharts(result, ruleset, la) } };
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
    expect(s.status).toEqual({ place: "run", progress: null, message: null, warnings: [] });
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
    const going = reduce(ran, { type: "started", place: "run", fraction: 0, label: "Starting…" });
    expect(going.status.progress).toEqual({ fraction: 0, label: "Starting…", cancel: null });
    const failed = reduce(going, { type: "failed", error: new Error("boom"), place: "run" });
    expect(failed.status.progress).toBeNull();
    expect(failed.status.message).toMatchObject({ intent: "error", body: "boom" });
  });

  it("clearing forgets the run", () => {
    expect(reduce(ran, { type: "cleared", text: "Cleared.", sheet: "Schools" }).lastRun).toBeNull();
  });

  it("what the run record holds: a run adds its sheet, Clear takes that sheet (and its summary) away, a read replaces it", () => {
    const scanned = reduce(initialState(null), { type: "workbookScanned", targets: [], recorded: { sheets: ["Other"], summary: "Other" } });
    const afterRun = reduce(scanned, { type: "ran", outcome: ran.lastRun!.outcome, ruleset: staffs });
    expect(afterRun.recorded).toEqual({ sheets: ["Other", "Schools"], summary: "Other" });
    expect(reduce(afterRun, { type: "ran", outcome: ran.lastRun!.outcome, ruleset: staffs }).recorded?.sheets).toEqual(["Other", "Schools"]);
    expect(reduce(afterRun, { type: "cleared", text: "Cleared.", sheet: "Schools" }).recorded).toEqual({ sheets: ["Other"], summary: "Other" });
    expect(reduce(afterRun, { type: "cleared", text: "Cleared.", sheet: "Other" }).recorded).toEqual({ sheets: ["Schools"], summary: null });
    expect(reduce(afterRun, { type: "recordRead", recorded: { sheets: [], summary: null } }).recorded).toEqual({ sheets: [], summary: null });
    expect(reduce(afterRun, { type: "workbookOpened", host: { kind: "browser" } as PaneHost, fileName: "b.xlsx" }).recorded).toBeNull();
  });

  describe("cancelling", () => {
    const running = () => reduce(ran, { type: "started", place: "run", fraction: 0, label: "Starting…", cancel: "run" });

    it("a run in progress can be cancelled: the progress goes and the pane says nothing was written", () => {
      const going = reduce(running(), { type: "progressed", fraction: 0.3, label: "Categorising: 500 of 2,000 rows…" });
      expect(going.status.progress).toEqual({ fraction: 0.3, label: "Categorising: 500 of 2,000 rows…", cancel: "run" });
      const cancelled = reduce(going, { type: "cancelled" });
      expect(cancelled.status.progress).toBeNull();
      expect(cancelled.status.message).toMatchObject({ intent: "warning", title: "Run cancelled" });
      expect(cancelled.status.message?.body).toMatch(/nothing was written to the workbook/);
      // The workbook still holds the earlier run, so its results stay shown.
      expect(cancelled.lastRun).toBe(ran.lastRun);
    });

    it("late progress from a cancelled job does not bring the progress bar back", () => {
      const cancelled = reduce(running(), { type: "cancelled" });
      expect(reduce(cancelled, { type: "progressed", fraction: 0.5, label: "Categorising…" })).toBe(cancelled);
      expect(reduce(cancelled, { type: "committing" })).toBe(cancelled);
      expect(reduce(cancelled, { type: "cancelled" })).toBe(cancelled);
    });

    it("once a run writes into Excel it can no longer be cancelled", () => {
      const writing = reduce(reduce(running(), { type: "committing" }), { type: "progressed", fraction: 0.7, label: "Writing results…" });
      expect(writing.status.progress).toEqual({ fraction: 0.7, label: "Writing results…", cancel: null });
      expect(reduce(writing, { type: "cancelled" })).toBe(writing);
    });

    it("jobs that write (Clear) cannot be cancelled", () => {
      const clearing = reduce(ran, { type: "started", place: "run", fraction: 0.5, label: "Clearing results…" });
      expect(reduce(clearing, { type: "cancelled" })).toBe(clearing);
    });

    it("cancelling opening a workbook, or checking a ruleset, says what is still in use", () => {
      const opened = reduce(ran, { type: "workbookOpened", host: { kind: "browser" } as PaneHost, fileName: "big.xlsx" });
      const opening = reduce(opened, { type: "started", place: "run", fraction: 0, label: "Opening other.xlsx…", cancel: "open" });
      expect(reduce(opening, { type: "cancelled" }).status.message).toMatchObject({ title: "Opening cancelled", body: "The workbook was not opened. big.xlsx is still open." });
      const checking = reduce(opened, { type: "started", place: "run", fraction: 0, label: "Checking rules.json…", cancel: "check" });
      const cancelled = reduce(checking, { type: "cancelled" });
      expect(cancelled.status.message).toMatchObject({ title: "Ruleset check cancelled", body: `That ruleset was not picked: ${staffs.title} (${staffs.version}) is still in use.` });
      expect(cancelled.chosen).toBe(opened.chosen);
    });
  });
});
