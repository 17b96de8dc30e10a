/// <reference types="office-js" />
// The pane inside Excel: each action is one Excel.run batch over the Office adapter. Office.js
// lives on the page, so a run reads and writes here; in between, the engine worker categorises
// the sheets read and builds the output plan. Until the writing starts, a run can be cancelled
// and nothing is written. After a run, live updates (hosts/office/live-watch.ts) re-categorise the
// schools an officer's edit affects, with the engine worker categorising those few rows.
// The Office host's code (hosts/office, with the run record's checks) is not in the page's first
// bundle: it starts loading when this host is made, inside Excel only.
import type { Batch, LiveEvaluator, OfficeRead, OfficeTarget } from "../hosts/office";
import type { EngineWorker } from "./engine-client";
import { phase, type LiveListener, type LiveRun, type PaneHost, type RecordedResults, type RulesetInUse, type RunControl, type RunOutcome, type Target } from "./pane-host";
import { snapshotOf } from "./workbook-snapshot";

/** Excel.run, in a context of its own or the one given (handlers are removed in the context that added them). */
const batch: Batch = (work, context) => (context ? Excel.run(context, work) : Excel.run(work));

export const targetOf = (t: Target): OfficeTarget => (t.id.startsWith("table:") ? { kind: "table", sheet: t.sheet, table: t.id.slice(6) } : { kind: "sheet", sheet: t.sheet });

/** hosts/office, loaded once, when first asked for. */
const officeHost = () => import(/* webpackChunkName: "office-host" */ "../hosts/office");

export class OfficePaneHost implements PaneHost {
  readonly kind = "office" as const;

  /** What the last run read, for live updates to start from (taken by the first watch after it). */
  private lastRead: { sheet: string; target: OfficeTarget; read: OfficeRead } | null = null;
  /** The target of the last run, to read again when watching starts later. */
  private lastTarget: OfficeTarget | null = null;

  constructor(private readonly engine: EngineWorker) {
    // Start loading now, while the pane renders; a failure is reported by the first action.
    officeHost().catch(() => undefined);
  }

  async listTargets(): Promise<Target[]> {
    const { listTargets } = await officeHost();
    const found = await Excel.run((context) => listTargets(context));
    return found.map((c) => ({
      id: c.target.kind === "table" ? `table:${c.target.table}` : `sheet:${c.target.sheet}`,
      sheet: c.target.sheet,
      label: c.label,
      headers: c.headers,
      headerRow: c.headerRow,
      dataRows: c.dataRows,
    }));
  }

  async readStoredRuleset(): Promise<string | null> {
    const { readStoredRuleset } = await officeHost();
    return Excel.run((context) => readStoredRuleset(context));
  }

  async recordedResults(): Promise<RecordedResults> {
    const { readRecordedResults } = await officeHost();
    return Excel.run((context) => readRecordedResults(context));
  }

  async storeRuleset(text: string | null): Promise<void> {
    const { writeStoredRuleset } = await officeHost();
    return Excel.run((context) => writeStoredRuleset(context, text));
  }

  async run(target: Target, ruleset: RulesetInUse, control: RunControl): Promise<RunOutcome> {
    const { progress, signal } = control;
    const { readWorkbook, writeResults } = await officeHost();
    return Excel.run(async (context) => {
      progress(0, "Reading the workbook…");
      const histories = (ruleset.ruleset.history ?? []).flatMap((h) => h.sheet);
      const read = await readWorkbook(context, targetOf(target), histories);
      signal.throwIfAborted();
      const { result, plan, summary, movement } = await this.engine.request(
        { kind: "categorise", ruleset: { text: ruleset.text.text, source: ruleset.text.source }, workbook: snapshotOf(read.source, target.sheet), sheet: target.sheet, store: read.store },
        { signal, progress, onPart: phase(progress, "receive", "Receiving the results…") },
      );
      signal.throwIfAborted();
      control.committing();
      const report = await writeResults(context, plan, read, phase(progress, "write", "Writing results…"));
      this.lastRead = { sheet: target.sheet, target: targetOf(target), read };
      this.lastTarget = targetOf(target);
      return { result, plan, summary, movement, notes: report.warnings };
    });
  }

  async watchChanges(run: LiveRun, listener: LiveListener): Promise<() => Promise<void>> {
    const { result, plan } = run.outcome;
    const { ruleset, text } = run.ruleset;
    // Right after the run, what it read; later (watching turned on again), the workbook as it is now.
    const taken = this.lastRead?.sheet === result.sheet ? this.lastRead : null;
    this.lastRead = null;
    const target = taken?.target ?? this.lastTarget;
    if (!target) throw new Error("Run the categorisation first: live updates follow a run.");
    const { liveState, readWorkbook, watchLive } = await officeHost();
    const state = await Excel.run(async (context) => {
      const read = taken?.read ?? (await readWorkbook(context, target, (ruleset.history ?? []).flatMap((h) => h.sheet)));
      return liveState(context, read, result, plan, ruleset);
    });
    const evaluate: LiveEvaluator = (source, sheet, asOf, store) =>
      this.engine.request({ kind: "categoriseRows", ruleset: { text: text.text, source: text.source }, workbook: snapshotOf(source, sheet), sheet, asOf, store });
    const watch = await watchLive({
      batch,
      state,
      ruleset,
      evaluate,
      onUpdate: (o) => (o.rerun ? listener.paused(o.rerun, o.notes) : listener.updated(o.rows, o.results, o.notes)),
      onError: (e) => listener.failed(e),
    });
    return () => watch.stop();
  }

  async clear(target: Target): Promise<string> {
    const { clearResults } = await officeHost();
    return Excel.run((context) => clearResults(context, targetOf(target)));
  }

  async watchSelection(listener: (sheet: string, row: number) => void): Promise<() => Promise<void>> {
    const handler = async (event: Excel.WorksheetSelectionChangedEventArgs) => {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(event.worksheetId);
        ws.load("name");
        await context.sync();
        // "B12", "B12:D14" or "12:12" -> 12; whole columns ("A:A") name no row.
        const row = /\d+/.exec(event.address.replace(/^.*!/, ""));
        if (row) listener(ws.name, Number(row[0]));
      });
    };
    const registration = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.onSelectionChanged.add(handler);
      await context.sync();
      return r;
    });
    return () => Excel.run(registration.context, async (context) => {
      registration.remove();
      await context.sync();
    });
  }

  showRow(sheet: string, row: number, column: number): Promise<void> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRangeByIndexes(row - 1, column - 1, 1, 1).select();
      await context.sync();
    });
  }
}
