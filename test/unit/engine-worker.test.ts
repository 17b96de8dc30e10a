// The engine worker and the pane's side of it (engine-client.ts, engine-service.ts), in-process:
// requests answered in order with progress and long results in parts; the engine's errors arriving
// as themselves; Cancel stopping the worker at once and the next request starting a fresh one; and
// the uploaded workbook outside Office (FilePaneHost), which a cancelled run leaves as it was.
import { readFileSync } from "fs";
import { join } from "path";
import { buildOutputPlan, categorise, memorySource, NotWrittenError, parseRuleset, plainResults, RulesetError } from "../../engine";
import { BUNDLED_RULESETS } from "../../addin/bundled-rulesets";
import { EngineWorker } from "../../addin/engine-client";
import { FilePaneHost } from "../../addin/file-pane-host";
import type { Target } from "../../addin/pane-host";
import { CancelledError } from "../../addin/worker-errors";
import { snapshotOf } from "../../addin/workbook-snapshot";
import { inProcessWorkers } from "./in-process-worker";

const root = join(__dirname, "..", "..");
const staffs = BUNDLED_RULESETS[0];
const ruleset = parseRuleset(staffs.text, staffs.source);
const sent = { text: staffs.text, source: staffs.source };

function schools(n: number) {
  const rows = Array.from({ length: n }, (_, i) => [100000 + i, `School ${i}`, (i % 4) + 1, i % 5 ? "None" : "Serious weaknesses", -1 + (i % 20) / 10]);
  return memorySource({ Schools: { headers: ["URN", "School name", "Ofsted grade", "Category of concern", "Progress 8"], rows } });
}

const categoriseRequest = (n: number) => ({ kind: "categorise" as const, ruleset: sent, workbook: snapshotOf(schools(n), "Schools"), sheet: "Schools", store: { ruleset: null, records: {}, summary: null } });

describe("the engine worker", () => {
  it("categorises as the engine does here, with progress, and the long result comes back in parts", async () => {
    const { spawn } = inProcessWorkers();
    const engine = new EngineWorker(spawn);
    const labels: string[] = [];
    const parts: number[] = [];
    const got = await engine.request(categoriseRequest(1_200), { progress: (_, label) => labels.push(label), onPart: (received) => parts.push(received) });
    const expected = await categorise(schools(1_200), ruleset, { sheet: "Schools" });
    // The worker posts each school with its explanation (rule traces) made, as plain objects.
    expect(got.result).toEqual({ ...expected, rows: plainResults(expected.rows) });
    expect(got.plan).toEqual(buildOutputPlan(expected, ruleset, schools(1_200)));
    expect(got.summary.charts.length).toBeGreaterThan(0);
    expect(labels).toEqual(expect.arrayContaining(["Categorising: 0 of 1,200 rows…", "Categorising: 500 of 1,200 rows…", "Categorising: 1,200 of 1,200 rows…", "Preparing the results…"]));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts).toEqual(parts.map((_, i) => i + 1));
  });

  it("answers requests in the order sent", async () => {
    const engine = new EngineWorker(inProcessWorkers().spawn);
    const order: string[] = [];
    await Promise.all([
      engine.request(categoriseRequest(600)).then(() => order.push("categorise")),
      engine.request({ kind: "checkRuleset", ruleset: sent }).then(() => order.push("check")),
    ]);
    expect(order).toEqual(["categorise", "check"]);
  });

  it("a ruleset that does not parse is refused with the engine's own error", async () => {
    const engine = new EngineWorker(inProcessWorkers().spawn);
    const broken = { text: '{ "id": 1 }', source: "broken.json" };
    const error = await engine.request({ kind: "checkRuleset", ruleset: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RulesetError);
    expect((error as Error).message).toBe(((): string => {
      try {
        parseRuleset(broken.text, broken.source);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })());
  });

  it("Cancel stops the worker at once; the next request starts a fresh one", async () => {
    const { spawn, workers } = inProcessWorkers();
    const engine = new EngineWorker(spawn);
    const cancel = new AbortController();
    const running = engine.request(categoriseRequest(3_000), {
      signal: cancel.signal,
      progress: (_, label) => label.startsWith("Categorising: 500") && cancel.abort(),
    });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(workers[0].terminated).toBe(true);
    await expect(engine.request({ kind: "checkRuleset", ruleset: sent }, { signal: cancel.signal })).rejects.toBeInstanceOf(CancelledError);
    await engine.request({ kind: "checkRuleset", ruleset: sent });
    expect(workers).toHaveLength(2);
    expect(engine.started).toBe(2);
  });

  it("a worker that crashes fails what was waiting on it, in words", async () => {
    const { spawn, workers } = inProcessWorkers();
    const engine = new EngineWorker(spawn);
    const waiting = engine.request(categoriseRequest(3_000));
    workers[0].onerror?.({ message: "out of memory", preventDefault: () => undefined } as ErrorEvent);
    await expect(waiting).rejects.toThrow(/The engine stopped unexpectedly: out of memory/);
    expect(workers[0].terminated).toBe(true);
  });
});

describe("the uploaded workbook, in the worker", () => {
  const example = readFileSync(join(root, "examples", "staffordshire-schools.xlsx"));
  const upload = () => example.buffer.slice(example.byteOffset, example.byteOffset + example.byteLength) as ArrayBuffer;
  const bytesOf = async (host: FilePaneHost) => Buffer.from(await host.download().arrayBuffer());
  const inUse = { text: staffs, ruleset };

  async function opened() {
    const { spawn, workers } = inProcessWorkers();
    const engine = new EngineWorker(spawn);
    const host = await FilePaneHost.open(engine, upload(), "staffordshire-schools.xlsx");
    const targets = await host.listTargets();
    return { engine, workers, host, schools: targets.find((t) => t.sheet === "Schools")! };
  }

  it("runs, and the page takes the new file only when the run has finished", async () => {
    const { host, schools } = await opened();
    const labels: string[] = [];
    const committing = jest.fn();
    const outcome = await host.run(schools, inUse, { signal: new AbortController().signal, progress: (_, l) => labels.push(l), committing });
    expect(outcome.result.rows).toHaveLength(400);
    expect(outcome.summary.la?.measures.length).toBeGreaterThan(0);
    expect(labels).toEqual(expect.arrayContaining(["Reading the workbook…", "Writing results…", "Receiving the results…"]));
    expect(committing).not.toHaveBeenCalled();
    expect((await bytesOf(host)).equals(example)).toBe(false);
    expect(host.downloadName).toBe("staffordshire-schools-categorised.xlsx");
  });

  it("a cancelled run leaves the file as uploaded; the next run gives a fresh worker the file again", async () => {
    const { host, schools, workers } = await opened();
    const cancel = new AbortController();
    const running = host.run(schools, inUse, { signal: cancel.signal, progress: (_, l) => l.startsWith("Categorising") && cancel.abort(), committing: () => undefined });
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect((await bytesOf(host)).equals(example)).toBe(true);

    const labels: string[] = [];
    const outcome = await host.run(schools, inUse, { signal: new AbortController().signal, progress: (_, l) => labels.push(l), committing: () => undefined });
    expect(outcome.result.rows).toHaveLength(400);
    expect(labels[0]).toBe("Opening staffordshire-schools.xlsx again…");
    expect(workers).toHaveLength(2);
    expect(workers[1].received.slice(0, 2)).toEqual(["openFile", "runFile"]);
  });

  it("clears and stores through the worker, and refuses what cannot be done with the engine's errors", async () => {
    const { host, schools } = await opened();
    await host.run(schools, inUse, { signal: new AbortController().signal, progress: () => undefined, committing: () => undefined });
    expect(await host.clear(schools)).toMatch(/Cleared the results on 'Schools'/);
    await host.storeRuleset(staffs.text);
    expect(await host.readStoredRuleset()).toBe(staffs.text);
    const gone: Target = { ...schools, id: "sheet:Gone", sheet: "Gone" };
    await expect(host.clear(gone)).rejects.toBeInstanceOf(NotWrittenError);
  });

  it("a file that is not a workbook is refused when opened", async () => {
    const engine = new EngineWorker(inProcessWorkers().spawn);
    await expect(FilePaneHost.open(engine, new TextEncoder().encode("URN,Name\n1,A").buffer as ArrayBuffer, "schools.csv")).rejects.toThrow(/schools\.csv/);
  });
});
