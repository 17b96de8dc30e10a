// The pane inside (a fake) Excel: Office.js reads and writes on the page, the engine worker
// (in-process here) categorises in between. The run writes what the engine decides; Cancel before
// the writing starts writes nothing, and once writing starts the run says it can no longer be
// cancelled.
import ExcelJS from "exceljs";
import { join } from "path";
import { categorise, parseRuleset, plainResults } from "../../engine";
import { readWorkbook } from "../../hosts/office";
import { fakeExcelFrom } from "../addin/fake-from-workbook";
import { BUNDLED_RULESETS } from "../../addin/bundled-rulesets";
import { EngineWorker } from "../../addin/engine-client";
import { OfficePaneHost } from "../../addin/office-pane-host";
import type { RunControl } from "../../addin/pane-host";
import { CancelledError } from "../../addin/worker-errors";
import { FakeExcel } from "../addin/fake-excel";
import { inProcessWorkers } from "./in-process-worker";

const root = join(__dirname, "..", "..");
const staffs = BUNDLED_RULESETS[0];
const ruleset = parseRuleset(staffs.text, staffs.source);
const inUse = { text: staffs, ruleset };

/** The example workbook as Excel would hold it: values (dates as serials) and number formats. */
async function exampleInExcel(): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
  return fakeExcelFrom(wb);
}

let xl: FakeExcel;
const target = { id: "sheet:Schools", sheet: "Schools", label: "Sheet Schools", headers: [], headerRow: 1, dataRows: 400 };

beforeEach(async () => {
  xl = await exampleInExcel();
  (globalThis as unknown as { Excel: unknown }).Excel = { run: <T>(batch: (context: unknown) => Promise<T>) => batch(xl.context) };
});

afterAll(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
});

function control(over: Partial<RunControl> = {}): RunControl & { labels: string[] } {
  const labels: string[] = [];
  return { labels, signal: new AbortController().signal, progress: (_, l) => labels.push(l), committing: () => undefined, ...over };
}

describe("OfficePaneHost with the engine in a worker", () => {
  it("reads on the page, categorises in the worker as the engine does here, then writes", async () => {
    const { spawn, workers } = inProcessWorkers();
    const host = new OfficePaneHost(new EngineWorker(spawn));
    let writesWhenCommitting = -1;
    const c = control({ committing: () => (writesWhenCommitting = xl.writes.length) });
    const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, (ruleset.history ?? []).flatMap((h) => h.sheet));
    const expected = await categorise(read.source, ruleset, { sheet: "Schools", store: read.store });
    const outcome = await host.run(target, inUse, c);
    // The worker posts each school with its explanation (rule traces) made, as plain objects.
    expect(outcome.result).toEqual({ ...expected, rows: plainResults(expected.rows) });
    expect(outcome.result.rows).toHaveLength(400);
    expect(workers[0].received).toEqual(["categorise"]);
    expect(writesWhenCommitting).toBe(0);
    expect(xl.writes.length).toBeGreaterThan(0);
    expect(xl.sheet("Schools").cell(0, outcome.plan.firstColumn - 1).value).toBe("Category");
    expect(c.labels).toEqual(expect.arrayContaining(["Reading the workbook…", "Categorising: 0 of 400 rows…", "Receiving the results…", "Writing results…"]));
  });

  it("cancelled while the worker categorises: nothing is written, and the run never reaches writing", async () => {
    const host = new OfficePaneHost(new EngineWorker(inProcessWorkers().spawn));
    const cancel = new AbortController();
    const committing = jest.fn();
    const before = structuredClone([...xl.sheet("Schools").cells]);
    const running = host.run(target, inUse, control({ signal: cancel.signal, committing, progress: (_, l) => l.startsWith("Categorising") && cancel.abort() }));
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(committing).not.toHaveBeenCalled();
    expect(xl.writes).toEqual([]);
    expect([...xl.sheet("Schools").cells]).toEqual(before);
  });

  it("cancelled while Excel is being read: the engine is never asked and nothing is written", async () => {
    const { spawn, workers } = inProcessWorkers();
    const host = new OfficePaneHost(new EngineWorker(spawn));
    const cancel = new AbortController();
    const running = host.run(target, inUse, control({ signal: cancel.signal, progress: (_, l) => l === "Reading the workbook…" && cancel.abort() }));
    await expect(running).rejects.toThrow();
    expect(workers).toHaveLength(0);
    expect(xl.writes).toEqual([]);
  });
});
