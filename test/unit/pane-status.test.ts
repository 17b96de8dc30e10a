// The pane's state for results where the eye is: each job's progress and message belong to the part
// of the pane that started it; a run on data that fits its ruleset poorly ends in a warning (with a
// better ruleset offered), not green; writing says so as it starts; Download waits for a change.
import { readFileSync } from "fs";
import { join } from "path";
import { buildOutputPlan, categorise, memorySource, parseRuleset, RulesetError, type Ruleset } from "../../engine";
import { initialState, reduce, type PaneState } from "../../addin/use-pane";
import { fitOf } from "../../addin/ruleset-fit";
import type { PaneHost, RunOutcome, Target } from "../../addin/pane-host";

const rules = (name: string) => parseRuleset(readFileSync(join(__dirname, "../../rules", `${name}.json`), "utf8"));
const staffs = rules("staffordshire");
const warks = rules("warwickshire");
const browserHost = { kind: "browser" } as PaneHost;
const target: Target = { id: "sheet:Schools", sheet: "Schools", label: "Sheet Schools", headers: ["URN", "School name", "Ofsted grade", "Inspection date"], headerRow: 1, dataRows: 2 };

async function outcome(ruleset: Ruleset): Promise<RunOutcome> {
  const source = memorySource({ Schools: { headers: target.headers, rows: [[1, "A", 2, "2024-03-01"], [2, "B", 4, "2025-01-15"]] } });
  const result = await categorise(source, ruleset, { asOf: "2026-11-20" });
  return { result, plan: buildOutputPlan(result, ruleset), notes: [], summary: { la: null, charts: [] } };
}

const opened = (): PaneState => reduce(reduce(initialState(null), { type: "workbookOpened", host: browserHost, fileName: "book.xlsx" }), { type: "workbookScanned", targets: [target], recorded: { sheets: [], summary: null } });

describe("where the pane says things", () => {
  it("knows both bundled rulesets from the start, to offer the one that fits", () => {
    expect(Object.keys(initialState(null).known)).toEqual(["bundled:staffordshire", "bundled:warwickshire"]);
  });

  it("a job's progress and its failure are shown where it started", () => {
    const checking = reduce(opened(), { type: "started", place: "ruleset", fraction: 0, label: "Checking rules.json…", cancel: "check" });
    expect(checking.status).toMatchObject({ place: "ruleset", progress: { label: "Checking rules.json…" } });
    const error = new RulesetError("rules.json", [{ path: "$", line: 3, column: 3, message: "JSON syntax error: a comma is missing" }]);
    const refused = reduce(checking, { type: "failed", error, place: "ruleset" });
    expect(refused.status.place).toBe("ruleset");
    expect(refused.status.progress).toBeNull();
    expect(refused.status.message).toMatchObject({
      title: "The ruleset has problems",
      body: "rules.json cannot be used until this is put right in the file:",
      details: ["A comma is missing at line 3, column 3."],
      after: `${staffs.title} (${staffs.version}) is still in use.`,
    });
    expect(reduce(opened(), { type: "failed", error: new Error("boom"), place: "workbook" }).status.place).toBe("workbook");
  });

  it("a cancelled job says so where it was", () => {
    const opening = reduce(opened(), { type: "started", place: "workbook", fraction: 0, label: "Opening big.xlsx…", cancel: "open" });
    expect(reduce(opening, { type: "cancelled" }).status).toMatchObject({ place: "workbook", message: { title: "Opening cancelled" } });
  });

  it("writing into Excel says so as it starts, before Excel's first requests return", () => {
    const running = reduce(opened(), { type: "started", place: "run", fraction: 0, label: "Starting…", cancel: "run" });
    const receiving = reduce(running, { type: "progressed", fraction: 0.58, label: "Receiving the results…" });
    expect(reduce(receiving, { type: "committing" }).status.progress).toEqual({ fraction: 0.6, label: "Writing results…", cancel: null });
  });

  it("opening another workbook forgets the last one's tables", () => {
    const s = reduce(opened(), { type: "workbookOpened", host: browserHost, fileName: "other.xlsx" });
    expect([s.targets, s.targetId]).toEqual([[], null]);
  });
});

describe("a run's message", () => {
  it("green when the data fits", async () => {
    const s = reduce(opened(), { type: "ran", outcome: await outcome(staffs), ruleset: staffs, fit: { fit: fitOf({ found: 30, fields: 33, missingRequired: [] }), better: null } });
    expect(s.status.message).toMatchObject({ intent: "success", title: "Categorised 2 schools" });
    expect(s.status.message?.offer).toBeUndefined();
  });

  it("a warning, not green, on a poor fit, offering the ruleset that fits", async () => {
    const better = { key: "bundled:warwickshire", label: "Warwickshire 2013 (bundled)", ruleset: warks, fit: fitOf({ found: 16, fields: 22, missingRequired: [] }) };
    const s = reduce(opened(), { type: "ran", outcome: await outcome(staffs), ruleset: staffs, fit: { fit: fitOf({ found: 12, fields: 33, missingRequired: [] }), better } });
    const m = s.status.message!;
    expect(m).toMatchObject({ intent: "warning", title: "Categorised 2 schools, but the data fits the ruleset poorly", offer: { key: "bundled:warwickshire", label: "Warwickshire 2013 (bundled)" } });
    expect(m.body).toContain(`Only 12 of the 33 fields ${staffs.title} uses were found (36%)`);
    expect(m.body).toContain("Warwickshire 2013 (bundled) fits this data better (73% of its fields found).");
    expect(m.body).toMatch(/On 'Schools' with .*\nD \d+ · C \d+/);
  });

  it("a warning when the fit is fair but another ruleset fits clearly better", async () => {
    const better = { key: "bundled:staffordshire", label: "Staffordshire 2014-16 (bundled)", ruleset: staffs, fit: fitOf({ found: 30, fields: 33, missingRequired: [] }) };
    const s = reduce(opened(), { type: "ran", outcome: await outcome(warks), ruleset: warks, fit: { fit: fitOf({ found: 15, fields: 22, missingRequired: [] }), better } });
    expect(s.status.message).toMatchObject({ intent: "warning", title: "Categorised 2 schools, but another ruleset fits better", offer: { key: "bundled:staffordshire" } });
  });
});

describe("Download", () => {
  it("waits until the uploaded file has changed: a run, Clear or a stored ruleset", async () => {
    const s = opened();
    expect(s.fileChanged).toBe(false);
    expect(reduce(s, { type: "ran", outcome: await outcome(staffs), ruleset: staffs }).fileChanged).toBe(true);
    expect(reduce(s, { type: "cleared", text: "Cleared.", sheet: "Schools" }).fileChanged).toBe(true);
    expect(reduce(s, { type: "rulesetStored", chosen: s.chosen }).fileChanged).toBe(true);
    expect(reduce(reduce(s, { type: "rulesetStored", chosen: s.chosen }), { type: "workbookOpened", host: browserHost, fileName: "b.xlsx" }).fileChanged).toBe(false);
  });

  it("a stored ruleset becomes known, so it can be offered; another workbook's stored ruleset replaces it", () => {
    const stored = reduce(opened(), { type: "rulesetStored", chosen: opened().chosen });
    expect(stored.known.stored).toBe(stored.chosen.ruleset);
    expect(reduce(stored, { type: "storedRulesetRead", option: null }).known.stored).toBeUndefined();
  });
});
