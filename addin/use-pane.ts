// usePane: the task pane's state and actions; the components only show what it gives them and
// call its actions back. "chosen" is the ruleset picked in the pane; "lastRun" is what the last
// run produced together with the ruleset it ran with, so the results shown never take bands or
// colours from a ruleset picked since. All Excel and file work goes through the PaneHost; the
// engine itself runs in the engine worker, so a long job (opening, checking a ruleset, running)
// can be cancelled at once, and a cancelled run writes nothing. Each job's progress and outcome
// are shown at the part of the pane that started it (its "place"), where the officer is looking.
// Inside Excel, after a run, "live" follows the officer's edits: the schools an edit affects are
// categorised again and their results rewritten; the summary is refreshed when the officer asks.
import * as React from "react";
import { ukDate, type RowResult, type Ruleset } from "../engine";
import { BUNDLED_RULESETS, bundledKey, bundledRuleset, bundledRulesets, type RulesetText } from "./bundled-rulesets";
import { clearBlockedBy } from "./clear-blocked";
import type { EngineWorker } from "./engine-client";
import { FilePaneHost } from "./file-pane-host";
import { describeError, type Message } from "./messages";
import { PHASES, type PaneHost, type RecordedResults, type RulesetInUse, type RunOutcome, type Target } from "./pane-host";
import { checkedRuleset } from "./ruleset-checked";
import { betterFit, fitOf, type BetterFit, type Candidate, type Fit } from "./ruleset-fit";
import { saveFile } from "./save-file";
import { rankTargets } from "./target-match";
import { CancelledError } from "./worker-errors";

const STORED_KEY = "stored";
const STORED_LABEL = "Stored in this workbook";
const FILE_PREFIX = "file:";

/** A job the officer can cancel while it is in progress: what Cancel would stop. */
export type Cancellable = "run" | "open" | "check";

/** The part of the pane a job belongs to, where its progress and outcome are shown. */
export type Place = "workbook" | "ruleset" | "data" | "run";

export interface RunStatus {
  place: Place;
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

/** How the school data fitted the ruleset a run used, and a ruleset that would have fitted clearly better. */
export interface RunFit {
  fit: Fit;
  better: BetterFit | null;
}

/** What the last run produced, the ruleset it ran with, and the school picked from it. */
export interface LastRun {
  outcome: RunOutcome;
  ruleset: Ruleset;
  /** The ruleset's text, which live updates send the engine worker (the pick's when not given). */
  text?: RulesetText;
  selectedRow: number | null;
}

/** Live updates after a run (inside Excel). */
export interface LiveStatus {
  /** The officer's toggle: on by default after each run. */
  on: boolean;
  /** Why live updates stopped following the sheet (a header edited, rows inserted...): a run is needed. */
  paused: string | null;
  /** Schools categorised again since the summary was worked out. */
  changed: number;
  /** What the last live update did or said, for the pane's status line. */
  last: { text: string; notes: string[]; error?: boolean } | null;
}

export interface PaneState {
  host: PaneHost | null;
  fileName: string | null;
  options: RulesetText[];
  chosen: Chosen;
  /** The rulesets parsed on this page, by option key (the bundled ones, and others once checked and picked). */
  known: Record<string, Ruleset>;
  /** The uploaded file has changed since it was opened (run, cleared, ruleset stored): there is something to download. */
  fileChanged: boolean;
  targets: Target[];
  targetId: string | null;
  /** What the workbook's run record holds results for, as last read (null: not read yet). */
  recorded: RecordedResults | null;
  status: RunStatus;
  lastRun: LastRun | null;
  /** Counts runs, so live updates from a run's watch are taken for that run only. */
  runSerial: number;
  live: LiveStatus;
}

export type PaneAction =
  | { type: "workbookOpened"; host: PaneHost; fileName: string }
  | { type: "storedRulesetRead"; option: RulesetText | null }
  | { type: "rulesetChosen"; chosen: Chosen; option?: RulesetText }
  | { type: "rulesetStored"; chosen: Chosen }
  /** The workbook's tables, found again, and its run record: the best match for the chosen ruleset is picked. */
  | { type: "workbookScanned"; targets: Target[]; recorded: RecordedResults }
  /** The same tables after a run or Clear changed them, and the run record: the pick stays. */
  | { type: "targetsRelisted"; targets: Target[]; recorded: RecordedResults }
  /** The run record read again. */
  | { type: "recordRead"; recorded: RecordedResults }
  | { type: "targetPicked"; id: string }
  | { type: "started"; place: Place; fraction: number; label: string; cancel?: Cancellable }
  /** Progress of the job under way; late progress from a cancelled job is ignored. */
  | { type: "progressed"; fraction: number; label: string }
  /** The run has started writing into the workbook in Excel: it can no longer be cancelled. */
  | { type: "committing" }
  /** The officer cancelled the job in progress (if it could be). */
  | { type: "cancelled" }
  | { type: "ran"; outcome: RunOutcome; ruleset: Ruleset; text?: RulesetText; fit?: RunFit | null }
  /** Clear took the results on `sheet` and their record away. */
  | { type: "cleared"; text: string; sheet: string }
  /** A school picked in the list or, inside Excel, by selecting a cell in its row. */
  | { type: "schoolPicked"; sheet: string; row: number }
  | { type: "failed"; error: unknown; place: Place }
  | { type: "liveToggled"; on: boolean }
  /** Schools categorised again after an edit; `rows` one missing from `results` is no longer a school. */
  | { type: "liveUpdated"; serial: number; rows: number[]; results: RowResult[]; notes: string[] }
  | { type: "livePaused"; serial: number; reason: string; notes: string[] }
  | { type: "liveFailed"; serial: number; error: unknown }
  | { type: "summaryRefreshed"; serial: number; summary: RunOutcome["summary"] };

const idle: RunStatus = { place: "run", progress: null, message: null, warnings: [] };
const liveOff: LiveStatus = { on: true, paused: null, changed: 0, last: null };
const say = (message: Message, place: Place = "run", warnings: string[] = []): RunStatus => ({ place, progress: null, message, warnings });
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
  const known = bundledRulesets();
  const first = BUNDLED_RULESETS[0];
  return {
    host,
    fileName: null,
    options: BUNDLED_RULESETS,
    chosen: { key: first.key, text: first, ruleset: known[first.key] },
    known,
    fileChanged: false,
    targets: [],
    targetId: null,
    recorded: null,
    status: idle,
    lastRun: null,
    runSerial: 0,
    live: liveOff,
  };
}

export function reduce(s: PaneState, a: PaneAction): PaneState {
  switch (a.type) {
    case "workbookOpened":
      return { ...s, host: a.host, fileName: a.fileName, targets: [], targetId: null, recorded: null, lastRun: null, fileChanged: false, status: idle, live: liveOff };
    case "storedRulesetRead": {
      const others = s.options.filter((o) => o.key !== STORED_KEY);
      const { [STORED_KEY]: _old, ...known } = s.known;
      return { ...s, options: a.option ? [a.option, ...others] : others, known };
    }
    case "rulesetChosen":
      return {
        ...s,
        chosen: a.chosen,
        known: { ...s.known, [a.chosen.key]: a.chosen.ruleset },
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
        known: { ...s.known, [STORED_KEY]: a.chosen.ruleset },
        fileChanged: true,
        status: say({ intent: "success", title: "Ruleset stored", body: `${title} (${version}) is now kept in this workbook and will be picked when it is opened.` }, "ruleset"),
      };
    }
    case "workbookScanned":
      return { ...s, targets: a.targets, recorded: a.recorded, targetId: bestTarget(a.targets, s.chosen.ruleset) };
    case "targetsRelisted":
      return { ...s, targets: a.targets, recorded: a.recorded };
    case "recordRead":
      return { ...s, recorded: a.recorded };
    case "targetPicked":
      return { ...s, targetId: a.id };
    case "started":
      return { ...s, status: { place: a.place, progress: { fraction: a.fraction, label: a.label, cancel: a.cancel ?? null }, message: null, warnings: [] } };
    case "progressed": {
      const progress = s.status.progress;
      return progress ? { ...s, status: { ...s.status, progress: { ...progress, fraction: a.fraction, label: a.label } } } : s;
    }
    case "committing": {
      // Writing starts now (the next progress comes after Excel's first requests): say so at once.
      const progress = s.status.progress;
      if (!progress?.cancel) return s;
      return { ...s, status: { ...s.status, progress: { fraction: Math.max(progress.fraction, PHASES.write[0]), label: "Writing results…", cancel: null } } };
    }
    case "cancelled": {
      const { progress, place } = s.status;
      return progress?.cancel ? { ...s, status: say(CANCELLED[progress.cancel](s), place) } : s;
    }
    case "ran": {
      const { outcome, ruleset } = a;
      // The run has recorded its results on its sheet (the record is read again after it).
      const sheets = s.recorded?.sheets ?? [];
      const { sheet } = outcome.result;
      return {
        ...s,
        lastRun: { outcome, ruleset, text: a.text, selectedRow: null },
        recorded: { summary: s.recorded?.summary ?? null, sheets: sheets.includes(sheet) ? sheets : [...sheets, sheet] },
        runSerial: s.runSerial + 1,
        live: liveOff,
        fileChanged: s.host?.kind === "browser" || s.fileChanged,
        status: say(ranMessage(outcome, ruleset, a.fit ?? null), "run", [...outcome.notes, ...outcome.result.warnings]),
      };
    }
    case "cleared": {
      // The record of the sheet cleared is gone (the record is read again after it).
      const recorded = s.recorded && { sheets: s.recorded.sheets.filter((x) => x !== a.sheet), summary: s.recorded.summary === a.sheet ? null : s.recorded.summary };
      return { ...s, recorded, lastRun: null, live: liveOff, fileChanged: s.host?.kind === "browser" || s.fileChanged, status: say({ intent: "info", title: "Results cleared", body: a.text }) };
    }
    case "schoolPicked": {
      const run = s.lastRun;
      if (!run || run.outcome.result.sheet !== a.sheet || !run.outcome.result.rows.some((r) => r.row === a.row)) return s;
      return { ...s, lastRun: { ...run, selectedRow: a.row } };
    }
    case "liveToggled":
      return { ...s, live: { ...s.live, on: a.on, last: null } };
    case "liveUpdated": {
      const run = s.lastRun;
      if (!run || a.serial !== s.runSerial) return s;
      const text = liveText(a.rows, a.results, run.ruleset);
      if (!a.rows.length) return a.notes.length ? { ...s, live: { ...s.live, last: { text: "Nothing to categorise again.", notes: a.notes } } } : s;
      const redone = new Set(a.rows);
      const rows = [...run.outcome.result.rows.filter((r) => !redone.has(r.row)), ...a.results].sort((x, y) => x.row - y.row);
      const outcome = { ...run.outcome, result: { ...run.outcome.result, rows } };
      return { ...s, lastRun: { ...run, outcome }, live: { ...s.live, changed: s.live.changed + a.rows.length, last: { text, notes: a.notes } } };
    }
    case "livePaused":
      return a.serial === s.runSerial ? { ...s, live: { ...s.live, paused: a.reason, last: a.notes.length ? { text: "", notes: a.notes } : s.live.last } } : s;
    case "liveFailed": {
      if (a.serial !== s.runSerial) return s;
      const m = describeError(a.error);
      return { ...s, live: { ...s.live, last: { text: `${m.title}: ${m.body}`, notes: [], error: true } } };
    }
    case "summaryRefreshed": {
      const run = s.lastRun;
      if (!run || a.serial !== s.runSerial) return s;
      return { ...s, lastRun: { ...run, outcome: { ...run.outcome, summary: a.summary } }, live: { ...s.live, changed: 0 } };
    }
    case "failed": {
      const message = describeError(a.error);
      // A ruleset refused at the picker: the one in use stays.
      if (a.place === "ruleset") message.after = `${s.chosen.ruleset.title} (${s.chosen.ruleset.version}) is still in use.`;
      return { ...s, status: say(message, a.place) };
    }
  }
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What a live update did, in a line: "Row 12, Oak Primary: now D High concern." */
function liveText(rows: number[], results: RowResult[], ruleset: Ruleset): string {
  if (rows.length > 1) {
    const bands = ruleset.bands.map((b) => [b.id, results.filter((r) => r.band === b.id).length] as const).filter(([, n]) => n);
    return `${rows.length.toLocaleString("en-GB")} schools categorised again: ${bands.map(([id, n]) => `${id} ${n}`).join(" · ")}.`;
  }
  const r = results.find((x) => x.row === rows[0]);
  return r ? `Row ${r.row}${r.name ? `, ${r.name}` : ""}: now ${r.band} ${r.bandLabel}${r.moderated ? " (moderated)" : ""}.` : `Row ${rows[0]} is no longer a school (no key); its results were cleared.`;
}

/** What a run says: green when the data fitted the ruleset, a warning (with a better ruleset offered, if there is one) when not. */
function ranMessage(outcome: RunOutcome, ruleset: Ruleset, fitted: RunFit | null): Message {
  const { sheet, asOf, rows } = outcome.result;
  const counts = ruleset.bands.map((b) => `${b.id} ${rows.filter((r) => r.band === b.id).length}`).join(" · ");
  const ran = `On '${sheet}' with ${ruleset.title} (${ruleset.version}), as of ${ukDate(asOf)}.\n${counts}`;
  const title = `Categorised ${rows.length.toLocaleString("en-GB")} schools`;
  if (!fitted || (!fitted.fit.poor && !fitted.better)) return { intent: "success", title, body: ran };
  const { fit, better } = fitted;
  const offer = better ? { key: better.key, label: better.label } : undefined;
  const alternative = better ? ` ${better.label} fits this data better (${percent(better.fit.share)} of its fields found).` : "";
  if (fit.poor) {
    const why =
      `Only ${fit.found} of the ${fit.fields} fields ${ruleset.title} uses were found (${percent(fit.share)}), so rules needing the others could not be checked ` +
      `and schools may be in the wrong category.${alternative || " Check that this is the right workbook for the ruleset."}`;
    return { intent: "warning", title: `${title}, but the data fits the ruleset poorly`, body: `${why}\n${ran}`, offer };
  }
  return { intent: "warning", title: `${title}, but another ruleset fits better`, body: `${alternative.trim()}\n${ran}`, offer };
}

type Dispatch = React.Dispatch<PaneAction>;

/**
 * Picks a ruleset. A bundled one is ours and is taken as it is; any other (a file, the workbook's)
 * is parsed and checked in the worker, where a hostile one can only hang what Cancel stops, and
 * comes back parsed; a broken one leaves the pick as it was and says why. `latest` says whether
 * this is still the last pick asked for: the ruleset list stays usable while a check runs (arrow
 * keys go on through it), and a check that finishes after a later pick is ignored.
 */
async function pick(dispatch: Dispatch, engine: EngineWorker, signal: AbortSignal, latest: () => boolean, text: RulesetText, option?: RulesetText): Promise<void> {
  const live = () => !signal.aborted && latest();
  const bundled = bundledKey(text);
  let ruleset: Ruleset;
  if (bundled) ruleset = bundledRuleset(bundled);
  else {
    dispatch({ type: "started", place: "ruleset", fraction: 0, label: `Checking ${text.source}…`, cancel: "check" });
    try {
      ruleset = checkedRuleset(await engine.request({ kind: "checkRuleset", ruleset: { text: text.text, source: text.source } }, { signal }));
    } catch (error) {
      if (live()) dispatch({ type: "failed", error, place: "ruleset" });
      return;
    }
    if (!live()) return;
  }
  dispatch({ type: "rulesetChosen", chosen: { key: text.key, text, ruleset }, option });
}

/** Whenever a workbook is (re)opened: find its tables, and pick its stored ruleset if it has one. */
async function scanWorkbook(dispatch: Dispatch, engine: EngineWorker, host: PaneHost, signal: AbortSignal, latest: () => boolean): Promise<void> {
  try {
    const stored = await host.readStoredRuleset();
    const option = stored ? { key: STORED_KEY, label: STORED_LABEL, text: stored, source: "the ruleset stored in this workbook" } : null;
    dispatch({ type: "storedRulesetRead", option });
    const [targets, recorded] = await Promise.all([host.listTargets(), host.recordedResults()]);
    dispatch({ type: "workbookScanned", targets, recorded });
    if (option) await pick(dispatch, engine, signal, latest, option);
  } catch (error) {
    if (!signal.aborted) dispatch({ type: "failed", error, place: "data" });
  }
}

/** Why Run cannot be pressed, in words, or null when it can. */
function runBlockedBy(host: PaneHost | null, target: Target | null, fit: Fit | null, ruleset: Ruleset, better: BetterFit | null): string | null {
  if (!host) return "Open a workbook first.";
  if (!target) return "No table or sheet with school data was found in this workbook. Add the data, then Refresh.";
  if (fit?.missingRequired.length) {
    const missing = fit.missingRequired.map((m) => `'${m}'`).join(" and ");
    const instead = better ? ` Use ${better.label}, which fits this data, or add` : " Add";
    return `${target.label} has no column for ${missing}, which ${ruleset.title} needs.${instead} the column, or pick another table or sheet.`;
  }
  return null;
}

/** The pane's state and actions; engine is the engine worker, officeHost the open workbook inside Excel. */
export function usePane(engine: EngineWorker, officeHost?: PaneHost) {
  const [state, dispatch] = React.useReducer(reduce, officeHost ?? null, initialState);
  const { host, chosen, targets, targetId, status, lastRun, options, known, runSerial, live } = state;
  const fail = (place: Place) => (error: unknown) => dispatch({ type: "failed", error, place });
  const target = targets.find((t) => t.id === targetId) ?? null;
  const matches = React.useMemo(() => rankTargets(targets, chosen.ruleset), [targets, chosen]);
  const match = matches.find((m) => m.target.id === targetId) ?? null;
  const fit = React.useMemo(() => (match ? fitOf(match) : null), [match]);
  // Other rulesets this page has parsed, to offer one that fits the data clearly better.
  const better = React.useMemo(() => {
    if (!target || !fit) return null;
    const candidates: Candidate[] = options.flatMap((o) => (o.key !== chosen.key && o.text !== chosen.text.text && known[o.key] ? [{ key: o.key, label: o.label, ruleset: known[o.key] }] : []));
    return betterFit(target, fit, candidates);
  }, [target, fit, options, known, chosen]);
  const runBlocked = runBlockedBy(host, target, fit, chosen.ruleset, better);
  const clearBlocked = clearBlockedBy(!!host, target, state.recorded);
  // The job Cancel would stop: each job that can be cancelled starts with a new controller.
  const job = React.useRef<AbortController | null>(null);
  const begin = () => (job.current = new AbortController()).signal;
  // Each ruleset pick asked for: only the last one asked for is taken.
  const picks = React.useRef(0);
  const newPick = () => {
    const n = ++picks.current;
    return () => n === picks.current;
  };

  React.useEffect(() => {
    if (officeHost) void scanWorkbook(dispatch, engine, officeHost, (job.current = new AbortController()).signal, newPick());
  }, [engine, officeHost]);

  // Inside Excel, selecting a cell in a school's row picks that school.
  React.useEffect(() => {
    if (!host?.watchSelection) return;
    let stop: (() => Promise<void>) | undefined;
    let stopped = false;
    host.watchSelection((sheet, row) => dispatch({ type: "schoolPicked", sheet, row })).then(
      (s) => (stopped ? void s() : (stop = s)),
      (error) => dispatch({ type: "failed", error, place: "run" }),
    );
    return () => {
      stopped = true;
      void stop?.();
    };
  }, [host]);

  // Each read of the run record: only the last one asked for is taken, so a slow read never undoes a later one.
  const recordReads = React.useRef(0);
  /** The workbook changed (a run added columns, Clear took them away): list its tables and read its run record again, keeping the pick. */
  const relist = (h: PaneHost) => {
    const n = ++recordReads.current;
    return Promise.all([h.listTargets(), h.recordedResults()]).then(
      ([targets, recorded]) => n === recordReads.current && dispatch({ type: "targetsRelisted", targets, recorded }),
      (error) => error instanceof CancelledError || fail("data")(error),
    );
  };
  /** Reads the run record again (after a run in Excel, or live updates that stopped): what Clear is offered on. */
  const rereadRecord = React.useCallback((h: PaneHost) => {
    const n = ++recordReads.current;
    return h.recordedResults().then(
      (recorded) => n === recordReads.current && dispatch({ type: "recordRead", recorded }),
      (error) => error instanceof CancelledError || dispatch({ type: "failed", error, place: "data" }),
    );
  }, []);

  // Inside Excel, after a run and while the toggle is on: follow the officer's edits. The watch
  // belongs to one run (runSerial); a run or Clear stops it, and waits for it, before writing.
  const lastRunNow = React.useRef(lastRun);
  lastRunNow.current = lastRun;
  const pickedText = React.useRef(chosen.text);
  pickedText.current = chosen.text;
  // A run or Clear that ends without replacing the results starts the watch again.
  const [rewatched, rewatch] = React.useReducer((n: number) => n + 1, 0);
  const watching = React.useRef<Promise<(() => Promise<void>) | null> | null>(null);
  const stopWatching = async () => {
    const w = watching.current;
    watching.current = null;
    const stop = w ? await w : null;
    await stop?.().catch(() => undefined);
  };
  const canWatch = !!host?.watchChanges && !!lastRun && host.kind === "office";
  const watchKey = canWatch && live.on && !live.paused ? runSerial : null;
  React.useEffect(() => {
    const run = lastRunNow.current;
    if (watchKey === null || !host?.watchChanges || !run) return;
    const serial = watchKey;
    const ruleset: RulesetInUse = { text: run.text ?? pickedText.current, ruleset: run.ruleset };
    watching.current = host
      .watchChanges(
        { outcome: run.outcome, ruleset },
        {
          updated: (rows, results, notes) => dispatch({ type: "liveUpdated", serial, rows, results, notes }),
          // The sheet changed in a way live updates cannot follow: what the run record holds is read again.
          paused: (reason, notes) => (dispatch({ type: "livePaused", serial, reason, notes }), void rereadRecord(host)),
          failed: (error) => (dispatch({ type: "liveFailed", serial, error }), void rereadRecord(host)),
        },
      )
      .catch((error) => (dispatch({ type: "liveFailed", serial, error }), null));
    return () => void stopWatching();
  }, [host, watchKey, rewatched, rereadRecord]);

  const actions = {
    selectRuleset(key: string) {
      const option = options.find((o) => o.key === key);
      if (option) void pick(dispatch, engine, begin(), newPick(), option);
    },

    async addRulesetFile(file: File) {
      try {
        const option: RulesetText = { key: `${FILE_PREFIX}${file.name}`, label: `${file.name} (file)`, text: await file.text(), source: file.name };
        await pick(dispatch, engine, begin(), newPick(), option, option);
      } catch (error) {
        fail("ruleset")(error);
      }
    },

    async storeRuleset() {
      if (!host) return;
      try {
        await host.storeRuleset(chosen.text.text);
        dispatch({ type: "rulesetStored", chosen });
      } catch (error) {
        fail("ruleset")(error);
      }
    },

    pickTarget: (id: string) => dispatch({ type: "targetPicked", id }),

    refreshTargets() {
      if (host) void scanWorkbook(dispatch, engine, host, begin(), newPick());
    },

    async upload(file: File) {
      const signal = begin();
      try {
        dispatch({ type: "started", place: "workbook", fraction: 0, label: `Opening ${file.name}…`, cancel: "open" });
        const h = await FilePaneHost.open(engine, await file.arrayBuffer(), file.name, signal);
        if (signal.aborted) return;
        dispatch({ type: "workbookOpened", host: h, fileName: file.name });
        await scanWorkbook(dispatch, engine, h, signal, newPick());
      } catch (error) {
        if (!signal.aborted) fail("workbook")(error);
      }
    },

    download() {
      if (!(host instanceof FilePaneHost)) return;
      try {
        saveFile(host.download(), host.downloadName);
      } catch (error) {
        fail("workbook")(error);
      }
    },

    async run() {
      if (!host || !target || runBlocked) return;
      const { ruleset } = chosen;
      const fitted = fit && { fit, better };
      const signal = begin();
      dispatch({ type: "started", place: "run", fraction: 0, label: "Starting…", cancel: "run" });
      let replaced = false;
      try {
        await stopWatching();
        const outcome = await host.run(target, chosen, {
          signal,
          progress: (fraction, label) => signal.aborted || dispatch({ type: "progressed", fraction, label }),
          committing: () => signal.aborted || dispatch({ type: "committing" }),
        });
        if (signal.aborted) return;
        dispatch({ type: "ran", outcome, ruleset, text: chosen.text, fit: fitted });
        replaced = true;
        // The run added columns (and a summary sheet) to the file: list its sheets again. Inside
        // Excel the tables stay as listed (listing is many requests); its record is read again.
        if (host.kind === "browser") void relist(host);
        else void rereadRecord(host);
      } catch (error) {
        if (!signal.aborted) fail("run")(error);
      } finally {
        if (!replaced) rewatch();
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
      dispatch({ type: "started", place: "run", fraction: 0.5, label: "Clearing results…" });
      try {
        await stopWatching();
        dispatch({ type: "cleared", text: await host.clear(target), sheet: target.sheet });
        void relist(host);
      } catch (error) {
        rewatch();
        fail("run")(error);
      }
    },

    /** Turns live updates on or off (on again, they start from the workbook as it is then). */
    toggleLive: (on: boolean) => dispatch({ type: "liveToggled", on }),

    /** Works the Local authority summary out again from the results as live updates have left them. */
    async refreshSummary() {
      if (!lastRun) return;
      try {
        // Offered only with a run's results, whose code (the summary's with it) has loaded by then.
        const { paneSummary } = await import(/* webpackChunkName: "results-pane" */ "./pane-summary");
        dispatch({ type: "summaryRefreshed", serial: runSerial, summary: paneSummary(lastRun.outcome.result, lastRun.ruleset) });
      } catch (error) {
        fail("run")(error);
      }
    },

    pickSchool(r: RowResult) {
      if (!lastRun) return;
      const { sheet } = lastRun.outcome.result;
      dispatch({ type: "schoolPicked", sheet, row: r.row });
      host?.showRow?.(sheet, r.row, lastRun.outcome.plan.firstColumn).catch(fail("run"));
    },
  };

  const busy = !!status.progress;
  return {
    ...state,
    matches,
    /** How the picked table fits the picked ruleset, and a ruleset that fits it clearly better. */
    fit,
    better,
    busy,
    /** Outside Office: the file has changed (a run, Clear, a stored ruleset), so there is a result to download. */
    canDownload: host?.kind === "browser" && state.fileChanged,
    canStore: !!host && chosen.key !== STORED_KEY,
    canRun: !runBlocked,
    /** Inside Excel after a run: live updates can follow the officer's edits. */
    canWatch,
    /** Why Run cannot be pressed, shown beside it. */
    runBlocked,
    /** Clear only when the workbook's run record holds results on the picked table's sheet. */
    canClear: !clearBlocked,
    /** Why Clear cannot be pressed, for its description. */
    clearBlocked,
    /** The school picked from the last run, if any. */
    selected: lastRun?.outcome.result.rows.find((r) => r.row === lastRun.selectedRow) ?? null,
    actions,
  };
}
