// usePane: the task pane's state and actions; the components only show what it gives them and
// call its actions back. "chosen" is the ruleset picked in the pane; "lastRun" is what the last
// run produced together with the ruleset it ran with, so the results shown never take bands or
// colours from a ruleset picked since. All Excel and file work goes through the PaneHost.
import * as React from "react";
import { parseRuleset, ukDate, type RowResult, type Ruleset } from "../engine";
import { BUNDLED_RULESETS, type RulesetText } from "./bundled-rulesets";
import { describeError, type Message } from "./messages";
import type { PaneHost, RunOutcome, Target } from "./pane-host";
import { rankTargets } from "./target-match";
import type { BrowserHost } from "./browser-host";

const STORED_KEY = "stored";
const STORED_LABEL = "Stored in this workbook";
const FILE_PREFIX = "file:";

export interface RunStatus {
  progress: { fraction: number; label: string } | null;
  message: Message | null;
  /** Warnings from the run, shown under the message. */
  warnings: string[];
}

/** The picked ruleset: its option in the picker, and the text parsed. */
interface Chosen {
  key: string;
  text: RulesetText;
  ruleset: Ruleset;
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
  | { type: "started"; fraction: number; label: string }
  | { type: "progressed"; fraction: number; label: string }
  | { type: "ran"; outcome: RunOutcome; ruleset: Ruleset }
  | { type: "cleared"; text: string }
  /** A school picked in the list or, inside Excel, by selecting a cell in its row. */
  | { type: "schoolPicked"; sheet: string; row: number }
  | { type: "failed"; error: unknown };

const idle: RunStatus = { progress: null, message: null, warnings: [] };
const say = (message: Message, warnings: string[] = []): RunStatus => ({ progress: null, message, warnings });
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
      return { ...s, status: { progress: { fraction: a.fraction, label: a.label }, message: null, warnings: [] } };
    case "progressed":
      return { ...s, status: { ...s.status, progress: { fraction: a.fraction, label: a.label } } };
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
function choose(dispatch: Dispatch, text: RulesetText, option?: RulesetText): boolean {
  try {
    dispatch({ type: "rulesetChosen", chosen: { key: text.key, text, ruleset: parseRuleset(text.text, text.source) }, option });
    return true;
  } catch (error) {
    dispatch({ type: "failed", error });
    return false;
  }
}

/** Whenever a workbook is (re)opened: pick its stored ruleset if it has one, and find its tables. */
async function scanWorkbook(dispatch: Dispatch, host: PaneHost): Promise<void> {
  try {
    const stored = await host.readStoredRuleset();
    const option = stored ? { key: STORED_KEY, label: STORED_LABEL, text: stored, source: "the ruleset stored in this workbook" } : null;
    dispatch({ type: "storedRulesetRead", option });
    if (option) choose(dispatch, option);
    dispatch({ type: "workbookScanned", targets: await host.listTargets() });
  } catch (error) {
    dispatch({ type: "failed", error });
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

/** The pane's state and actions; officeHost is the open workbook inside Excel. */
export function usePane(officeHost?: PaneHost) {
  const [state, dispatch] = React.useReducer(reduce, officeHost ?? null, initialState);
  const { host, chosen, targets, targetId, status, lastRun } = state;
  const fail = (error: unknown) => dispatch({ type: "failed", error });
  const target = targets.find((t) => t.id === targetId) ?? null;
  const matches = React.useMemo(() => rankTargets(targets, chosen.ruleset), [targets, chosen]);

  React.useEffect(() => {
    if (officeHost) void scanWorkbook(dispatch, officeHost);
  }, [officeHost]);

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
      if (option) choose(dispatch, option);
    },

    async addRulesetFile(file: File) {
      try {
        const option: RulesetText = { key: `${FILE_PREFIX}${file.name}`, label: `${file.name} (file)`, text: await file.text(), source: file.name };
        choose(dispatch, option, option);
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
      if (host) void scanWorkbook(dispatch, host);
    },

    async upload(file: File) {
      try {
        dispatch({ type: "started", fraction: 0, label: `Opening ${file.name}…` });
        const { BrowserHost } = await import(/* webpackChunkName: "browser-host" */ "./browser-host");
        const h = await BrowserHost.open(await file.arrayBuffer(), file.name);
        dispatch({ type: "workbookOpened", host: h, fileName: file.name });
        await scanWorkbook(dispatch, h);
      } catch (error) {
        fail(error);
      }
    },

    async download() {
      if (host?.kind !== "browser") return;
      const h = host as BrowserHost;
      try {
        saveFile(await h.download(), h.downloadName);
      } catch (error) {
        fail(error);
      }
    },

    async run() {
      if (!host || !target) return;
      const ruleset = chosen.ruleset;
      dispatch({ type: "started", fraction: 0, label: "Starting…" });
      try {
        const outcome = await host.run(target, ruleset, (fraction, label) => dispatch({ type: "progressed", fraction, label }));
        dispatch({ type: "ran", outcome, ruleset });
        if (host.kind === "browser") dispatch({ type: "targetsRelisted", targets: await host.listTargets() });
      } catch (error) {
        fail(error);
      }
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
