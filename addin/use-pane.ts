// usePane: the task pane's state and actions; the components only show what it gives them and
// call its actions back. "chosen" is the ruleset picked in the pane; "lastRun" is what the last
// run produced together with the ruleset it ran with, so the results shown never take bands or
// colours from a ruleset picked since. All Excel and file work goes through the PaneHost; the
// engine itself runs in the engine worker, so a long job (opening, checking a ruleset, running)
// can be cancelled at once, and a cancelled run writes nothing.
import * as React from "react";
import { parseRuleset, ukDate, type RowResult, type Ruleset } from "../engine";
import { BUNDLED_RULESETS, type RulesetText } from "./bundled-rulesets";
import type { EngineWorker } from "./engine-client";
import { FilePaneHost } from "./file-pane-host";
import { describeError, type Message } from "./messages";
import type { PaneHost, RulesetInUse, RunOutcome, Target } from "./pane-host";
import { rankTargets } from "./target-match";
import { CancelledError } from "./worker-errors";

const STORED_KEY = "stored";
const STORED_LABEL = "Stored in this workbook";
const FILE_PREFIX = "file:";

/** A job the officer can cancel while it is in progress: what Cancel would stop. */
export type Cancellable = "run" | "open" | "check";

export interface RunStatus {
  /** A job in progress; `cancel` says what Cancel stops, null when it cannot be (writing in Excel). */
  progress: { fraction: number; label: string; cancel: Cancellable | null } | null;
  message: Message | null;
  /** Warnings from the run, shown under the message. */
  warnings: string[];
}

/** The picked ruleset: its option in the picker, and the text parsed. */
interface Chosen extends RulesetInUse {
  key: string;
}

/** What the last run produced, the ruleset it ran with, and the school picked from it. */
export interface LastRun {
  outcome: RunOutcome;
  ruleset: Ruleset;
  selectedRow: number | null;
}

export interface PaneState {
  host: PaneHost | null;
  fileName: string | null;
  options: RulesetText[];
  chosen: Chosen;
  targets: Target[];
  targetId: string | null;
  status: RunStatus;
  lastRun: LastRun | null;
}

export type PaneAction =
  | { type: "workbookOpened"; host: PaneHost; fileName: string }
  | { type: "storedRulesetRead"; option: RulesetText | null }
  | { type: "rulesetChosen"; chosen: Chosen; option?: RulesetText }
  | { type: "rulesetStored"; chosen: Chosen }
  /** The workbook's tables, found again: the best match for the chosen ruleset is picked. */
  | { type: "workbookScanned"; targets: Target[] }
  /** The same tables after a run changed them: the pick stays. */
  | { type: "targetsRelisted"; targets: Target[] }
  | { type: "targetPicked"; id: string }
  | { type: "started"; fraction: number; label: string; cancel?: Cancellable }
  /** Progress of the job under way; late progress from a cancelled job is ignored. */
  | { type: "progressed"; fraction: number; label: string }
  /** The run has started writing into the workbook in Excel: it can no longer be cancelled. */
  | { type: "committing" }
  /** The officer cancelled the job in progress (if it could be). */
  | { type: "cancelled" }
  | { type: "ran"; outcome: RunOutcome; ruleset: Ruleset }
  | { type: "cleared"; text: string }
  /** A school picked in the list or, inside Excel, by selecting a cell in its row. */
  | { type: "schoolPicked"; sheet: string; row: number }
  | { type: "failed"; error: unknown };

const idle: RunStatus = { progress: null, message: null, warnings: [] };
const say = (message: Message, warnings: string[] = []): RunStatus => ({ progress: null, message, warnings });
const CANCELLED: Record<Cancellable, (s: PaneState) => Message> = {
  run: () => ({ intent: "warning", title: "Run cancelled", body: "The run was stopped before it wrote anything: nothing was written to the workbook." }),
  open: (s) => ({ intent: "info", title: "Opening cancelled", body: `The workbook was not opened.${s.fileName ? ` ${s.fileName} is still open.` : ""}` }),
  check: (s) => ({ intent: "info", title: "Ruleset check cancelled", body: `That ruleset was not picked: ${s.chosen.ruleset.title} (${s.chosen.ruleset.version}) is still in use.` }),
};
const bestTarget = (targets: Target[], ruleset: Ruleset) => rankTargets(targets, ruleset)[0]?.target.id ?? null;

/** The picker's options with one added: the stored ruleset first, a file's last (one of each). */
function withOption(options: RulesetText[], option: RulesetText): RulesetText[] {
  if (option.key === STORED_KEY) return [option, ...options.filter((o) => o.key !== STORED_KEY)];
  return [...options.filter((o) => o.key !== option.key && !(option.key.startsWith(FILE_PREFIX) && o.key.startsWith(FILE_PREFIX))), option];
}

export function initialState(host: PaneHost | null): PaneState {
  const first = BUNDLED_RULESETS[0];
  return {
    host,
    fileName: null,
    options: BUNDLED_RULESETS,
    chosen: { key: first.key, text: first, ruleset: parseRuleset(first.text, first.source) },
    targets: [],
    targetId: null,
    status: idle,
    lastRun: null,
  };
}

export function reduce(s: PaneState, a: PaneAction): PaneState {
  switch (a.type) {
    case "workbookOpened":
      return { ...s, host: a.host, fileName: a.fileName, lastRun: null, status: idle };
    case "storedRulesetRead": {
      const others = s.options.filter((o) => o.key !== STORED_KEY);
      return { ...s, options: a.option ? [a.option, ...others] : others };
    }
    case "rulesetChosen":
      return {
        ...s,
        chosen: a.chosen,
        options: a.option ? withOption(s.options, a.option) : s.options,
        targetId: bestTarget(s.targets, a.chosen.ruleset) ?? s.targetId,
        status: idle,
      };
    case "rulesetStored": {
      const text = { ...a.chosen.text, key: STORED_KEY, label: STORED_LABEL };
      const { title, version } = a.chosen.ruleset;
      return {
        ...s,
        options: withOption(s.options, text),
        chosen: { ...a.chosen, key: STORED_KEY, text },
        status: say({ intent: "success", title: "Ruleset stored", body: `${title} (${version}) is now kept in this workbook and will be picked when it is opened.` }),
      };
    }
    case "workbookScanned":
      return { ...s, targets: a.targets, targetId: bestTarget(a.targets, s.chosen.ruleset) };
    case "targetsRelisted":
      return { ...s, targets: a.targets };
    case "targetPicked":
      return { ...s, targetId: a.id };
    case "started":
      return { ...s, status: { progress: { fraction: a.fraction, label: a.label, cancel: a.cancel ?? null }, message: null, warnings: [] } };
    case "progressed": {
      const progress = s.status.progress;
      return progress ? { ...s, status: { ...s.status, progress: { ...progress, fraction: a.fraction, label: a.label } } } : s;
    }
    case "committing": {
      const progress = s.status.progress;
      return progress?.cancel ? { ...s, status: { ...s.status, progress: { ...progress, cancel: null } } } : s;
    }
    case "cancelled": {
      const cancel = s.status.progress?.cancel;
      return cancel ? { ...s, status: say(CANCELLED[cancel](s)) } : s;
    }
    case "ran": {
      const { outcome, ruleset } = a;
      const rows = outcome.result.rows;
      const counts = ruleset.bands.map((b) => `${b.id} ${rows.filter((r) => r.band === b.id).length}`).join(" · ");
      const body = `On '${outcome.result.sheet}' with ${ruleset.title} (${ruleset.version}), as of ${ukDate(outcome.result.asOf)}.\n${counts}`;
      return {
        ...s,
        lastRun: { outcome, ruleset, selectedRow: null },
        status: say({ intent: "success", title: `Categorised ${rows.length.toLocaleString("en-GB")} schools`, body }, [...outcome.notes, ...outcome.result.warnings]),
      };
    }
    case "cleared":
      return { ...s, lastRun: null, status: say({ intent: "info", title: "Results cleared", body: a.text }) };
    case "schoolPicked": {
      const run = s.lastRun;
      if (!run || run.outcome.result.sheet !== a.sheet || !run.outcome.result.rows.some((r) => r.row === a.row)) return s;
      return { ...s, lastRun: { ...run, selectedRow: a.row } };
    }
    case "failed":
      return { ...s, status: say(describeError(a.error)) };
  }
}

type Dispatch = React.Dispatch<PaneAction>;

/** Parses a ruleset's text and picks it; a broken one leaves the pick as it was and says why. */
function choose(dispatch: Dispatch, text: RulesetText, option?: RulesetText): void {
  try {
    dispatch({ type: "rulesetChosen", chosen: { key: text.key, text, ruleset: parseRuleset(text.text, text.source) }, option });
  } catch (error) {
    dispatch({ type: "failed", error });
  }
}

const isBundled = (text: RulesetText) => BUNDLED_RULESETS.some((b) => b.key === text.key && b.text === text.text);

/**
 * Picks a ruleset. A bundled one is ours and is parsed here; any other (a file, the workbook's) is
 * checked in the worker first, where a hostile one can only hang what Cancel stops, and is parsed
 * here once it has passed.
 */
async function pick(dispatch: Dispatch, engine: EngineWorker, signal: AbortSignal, text: RulesetText, option?: RulesetText): Promise<void> {
  if (!isBundled(text)) {
    dispatch({ type: "started", fraction: 0, label: `Checking ${text.source}…`, cancel: "check" });
    try {
      await engine.request({ kind: "checkRuleset", ruleset: { text: text.text, source: text.source } }, { signal });
    } catch (error) {
      if (!signal.aborted) dispatch({ type: "failed", error });
      return;
    }
    if (signal.aborted) return;
  }
  choose(dispatch, text, option);
}

/** Whenever a workbook is (re)opened: find its tables, and pick its stored ruleset if it has one. */
async function scanWorkbook(dispatch: Dispatch, engine: EngineWorker, host: PaneHost, signal: AbortSignal): Promise<void> {
  try {
    const stored = await host.readStoredRuleset();
    const option = stored ? { key: STORED_KEY, label: STORED_LABEL, text: stored, source: "the ruleset stored in this workbook" } : null;
    dispatch({ type: "storedRulesetRead", option });
    dispatch({ type: "workbookScanned", targets: await host.listTargets() });
    if (option) await pick(dispatch, engine, signal, option);
  } catch (error) {
    if (!signal.aborted) dispatch({ type: "failed", error });
  }
}

/** Offers a file to the browser to save. */
function saveFile(blob: Blob, name: string) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** The pane's state and actions; engine is the engine worker, officeHost the open workbook inside Excel. */
export function usePane(engine: EngineWorker, officeHost?: PaneHost) {
  const [state, dispatch] = React.useReducer(reduce, officeHost ?? null, initialState);
  const { host, chosen, targets, targetId, status, lastRun } = state;
  const fail = (error: unknown) => dispatch({ type: "failed", error });
  const target = targets.find((t) => t.id === targetId) ?? null;
  const matches = React.useMemo(() => rankTargets(targets, chosen.ruleset), [targets, chosen]);
  // The job Cancel would stop: each job that can be cancelled starts with a new controller.
  const job = React.useRef<AbortController | null>(null);
  const begin = () => (job.current = new AbortController()).signal;

  React.useEffect(() => {
    if (officeHost) void scanWorkbook(dispatch, engine, officeHost, (job.current = new AbortController()).signal);
  }, [engine, officeHost]);

  // Inside Excel, selecting a cell in a school's row picks that school.
  React.useEffect(() => {
    if (!host?.watchSelection) return;
    let stop: (() => Promise<void>) | undefined;
    let stopped = false;
    host.watchSelection((sheet, row) => dispatch({ type: "schoolPicked", sheet, row })).then(
      (s) => (stopped ? void s() : (stop = s)),
      (error) => dispatch({ type: "failed", error }),
    );
    return () => {
      stopped = true;
      void stop?.();
    };
  }, [host]);

  const actions = {
    selectRuleset(key: string) {
      const option = state.options.find((o) => o.key === key);
      if (option) void pick(dispatch, engine, begin(), option);
    },

    async addRulesetFile(file: File) {
      try {
        const option: RulesetText = { key: `${FILE_PREFIX}${file.name}`, label: `${file.name} (file)`, text: await file.text(), source: file.name };
        await pick(dispatch, engine, begin(), option, option);
      } catch (error) {
        fail(error);
      }
    },

    async storeRuleset() {
      if (!host) return;
      try {
        await host.storeRuleset(chosen.text.text);
        dispatch({ type: "rulesetStored", chosen });
      } catch (error) {
        fail(error);
      }
    },

    pickTarget: (id: string) => dispatch({ type: "targetPicked", id }),

    refreshTargets() {
      if (host) void scanWorkbook(dispatch, engine, host, begin());
    },

    async upload(file: File) {
      const signal = begin();
      try {
        dispatch({ type: "started", fraction: 0, label: `Opening ${file.name}…`, cancel: "open" });
        const h = await FilePaneHost.open(engine, await file.arrayBuffer(), file.name, signal);
        if (signal.aborted) return;
        dispatch({ type: "workbookOpened", host: h, fileName: file.name });
        await scanWorkbook(dispatch, engine, h, signal);
      } catch (error) {
        if (!signal.aborted) fail(error);
      }
    },

    download() {
      if (!(host instanceof FilePaneHost)) return;
      try {
        saveFile(host.download(), host.downloadName);
      } catch (error) {
        fail(error);
      }
    },

    async run() {
      if (!host || !target) return;
      const { ruleset } = chosen;
      const signal = begin();
      dispatch({ type: "started", fraction: 0, label: "Starting…", cancel: "run" });
      try {
        const outcome = await host.run(target, chosen, {
          signal,
          progress: (fraction, label) => signal.aborted || dispatch({ type: "progressed", fraction, label }),
          committing: () => signal.aborted || dispatch({ type: "committing" }),
        });
        if (signal.aborted) return;
        dispatch({ type: "ran", outcome, ruleset });
        // The run added columns (and a summary sheet) to the file: list its sheets again.
        if (host.kind === "browser") {
          host.listTargets().then(
            (found) => dispatch({ type: "targetsRelisted", targets: found }),
            (error) => error instanceof CancelledError || fail(error),
          );
        }
      } catch (error) {
        if (!signal.aborted) fail(error);
      }
    },

    /** Stops the job in progress at once, if it can still be stopped; the pane says what was kept. */
    cancel() {
      if (!status.progress?.cancel) return;
      job.current?.abort();
      dispatch({ type: "cancelled" });
    },

    async clear() {
      if (!host || !target) return;
      dispatch({ type: "started", fraction: 0.5, label: "Clearing results…" });
      try {
        dispatch({ type: "cleared", text: await host.clear(target) });
      } catch (error) {
        fail(error);
      }
    },

    pickSchool(r: RowResult) {
      if (!lastRun) return;
      const { sheet } = lastRun.outcome.result;
      dispatch({ type: "schoolPicked", sheet, row: r.row });
      host?.showRow?.(sheet, r.row, lastRun.outcome.plan.firstColumn).catch(fail);
    },
  };

  return {
    ...state,
    matches,
    busy: !!status.progress,
    canDownload: host?.kind === "browser",
    canStore: !!host && chosen.key !== STORED_KEY,
    canRun: !!host && !!target,
    canClear: !!host && !!target,
    /** The school picked from the last run, if any. */
    selected: lastRun?.outcome.result.rows.find((r) => r.row === lastRun.selectedRow) ?? null,
    actions,
  };
}
