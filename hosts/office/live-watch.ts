/// <reference types="office-js" />
// Watching the workbook after a run: onChanged on the schools sheet and each history sheet the run
// read. Edits are gathered for a moment (LIVE_DEBOUNCE_MS: typing a row, pasting a block) and then
// applied as one live update (live-update.ts); updates run one at a time. The add-in's own writes
// never start one: events are off while it writes (runtime.enableEvents), an event Excel says this
// add-in caused is dropped (triggerSource, ExcelApi 1.14), and so is any arriving during a write.
// Only this officer's edits are followed: a co-author's (source "Remote") are left to their pane or
// the next run. When an update cannot follow a change (a header edited, rows inserted) watching
// pauses until the next run.
import type { Ruleset, SheetEdit } from "../../engine";
import type { LiveState } from "./live-basis";
import { liveUpdate, type LiveEvaluator, type LiveOutcome } from "./live-update";
import type { Context } from "./read";

/** How long edits are gathered before an update. */
export const LIVE_DEBOUNCE_MS = 400;
const LAST_ROW = 1_048_576;
const LAST_COLUMN = 16_384;

/** Runs a batch: Excel.run in the pane; with a context, in that one (to remove handlers added in it). */
export type Batch = <T>(work: (context: Context) => Promise<T>, context?: OfficeExtension.ClientRequestContext) => Promise<T>;

export interface LiveWatchOptions {
  batch: Batch;
  state: LiveState;
  ruleset: Ruleset;
  evaluate: LiveEvaluator;
  debounceMs?: number;
  onUpdate(outcome: LiveOutcome): void;
  onError(error: unknown): void;
}

export interface LiveWatch {
  /** Stops watching, after the update in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Resolves once no edit is waiting or being applied. */
  settled(): Promise<void>;
  /** Live updates applied so far. */
  readonly updates: number;
}

const column = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** An event's address as a 1-based rectangle: "B5", "B5:D9", whole rows "5:7", whole columns "C:D". */
export function editedArea(address: string): SheetEdit["area"] {
  const a = address.replace(/^.*!/, "").replace(/\$/g, "").trim();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (m) return { top: Number(m[2]), left: column(m[1]), bottom: Number(m[4] ?? m[2]), right: column(m[3] ?? m[1]) };
  if ((m = /^(\d+):(\d+)$/.exec(a))) return { top: Number(m[1]), bottom: Number(m[2]), left: 1, right: LAST_COLUMN };
  if ((m = /^([A-Z]+):([A-Z]+)$/i.exec(a))) return { top: 1, bottom: LAST_ROW, left: column(m[1]), right: column(m[2]) };
  return null;
}

/** An edit as a live update takes it; area null when rows, columns or cells were inserted or deleted. */
function editOf(sheet: string, e: Excel.WorksheetChangedEventArgs): SheetEdit {
  const shifted = e.changeType !== "RangeEdited" && e.changeType !== "Unknown";
  return { sheet, area: shifted ? null : editedArea(e.address) };
}

export async function watchLive(o: LiveWatchOptions): Promise<LiveWatch> {
  let state = o.state;
  let pending: SheetEdit[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let writing = false;
  let paused = false;
  let stopped = false;
  let updates = 0;

  const apply = async () => {
    const edits = pending;
    pending = [];
    if (!edits.length || stopped || paused) return;
    try {
      const outcome = await o.batch((context) => liveUpdate(context, state, o.ruleset, edits, o.evaluate, (on) => (writing = on)));
      state = outcome.state;
      if (outcome.rerun) paused = true;
      updates++;
      o.onUpdate(outcome);
    } catch (error) {
      o.onError(error);
    } finally {
      writing = false;
    }
  };
  const handler = (sheet: string) => async (e: Excel.WorksheetChangedEventArgs) => {
    if (stopped || paused || writing || e.triggerSource === "ThisLocalAddin" || e.source === "Remote") return;
    pending.push(editOf(sheet, e));
    clearTimeout(timer);
    timer = setTimeout(() => (chain = chain.then(apply)), o.debounceMs ?? LIVE_DEBOUNCE_MS);
  };

  const sheets = [state.basis.sheet.name, ...state.basis.histories.map((h) => h.name)];
  const registrations = await o.batch(async (context) => {
    const added = sheets.map((name) => context.workbook.worksheets.getItem(name).onChanged.add(handler(name)));
    await context.sync();
    return added;
  });

  const settled = async () => {
    // An edit still being gathered is applied now rather than waited for.
    if (pending.length) {
      clearTimeout(timer);
      chain = chain.then(apply);
    }
    await chain;
  };
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      pending = [];
      await chain;
      await o.batch(async (context) => {
        for (const r of registrations) r.remove();
        await context.sync();
      }, registrations[0]?.context);
    },
    settled,
    get updates() {
      return updates;
    },
  };
}
