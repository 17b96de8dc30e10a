// The task pane: pick the ruleset and the school data, run, clear, and see why each school is
// where it is. The same pane works inside Excel (OfficePaneHost) and, outside Office, on an
// uploaded workbook (BrowserHost, loaded on demand).
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { parseRuleset, type RowResult, type Ruleset } from "../engine";
import { ukDate } from "../engine/util/dates";
import { BUNDLED_RULESETS, type RulesetText } from "./bundled-rulesets";
import { describeError } from "./messages";
import type { PaneHost, RunOutcome, Target } from "./pane-host";
import { rankTargets } from "./target-match";
import type { BrowserHost } from "./browser-host";
import { Header } from "./components/Header";
import { FilePanel } from "./components/FilePanel";
import { RulesetPicker } from "./components/RulesetPicker";
import { TablePicker } from "./components/TablePicker";
import { RunPanel, type RunStatus } from "./components/RunPanel";
import { SchoolList } from "./components/SchoolList";
import { SchoolExplanation } from "./components/SchoolExplanation";
import { LaSummaryPanel } from "./components/LaSummaryPanel";

const STORED_KEY = "stored";
const idle: RunStatus = { progress: null, message: null, warnings: [] };

const useStyles = makeStyles({
  pane: { display: "flex", flexDirection: "column", minHeight: "100vh", maxWidth: "640px", margin: "0 auto", backgroundColor: tokens.colorNeutralBackground1 },
});

interface Chosen {
  key: string;
  text: RulesetText;
  ruleset: Ruleset;
}

export function App(props: { mode: "office" | "browser"; officeHost?: PaneHost }) {
  const styles = useStyles();
  const [host, setHost] = React.useState<PaneHost | null>(props.officeHost ?? null);
  const [fileName, setFileName] = React.useState<string | null>(null);
  const [options, setOptions] = React.useState<RulesetText[]>(BUNDLED_RULESETS);
  const [chosen, setChosen] = React.useState<Chosen | null>(() => {
    const first = BUNDLED_RULESETS[0];
    return { key: first.key, text: first, ruleset: parseRuleset(first.text, first.source) };
  });
  const chosenRef = React.useRef(chosen);
  chosenRef.current = chosen;
  const [targets, setTargets] = React.useState<Target[]>([]);
  const [targetId, setTargetId] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState<RunStatus>(idle);
  const [outcome, setOutcome] = React.useState<RunOutcome | null>(null);
  // The ruleset the shown results came from (the picker may have moved on since).
  const [ranWith, setRanWith] = React.useState<Ruleset | null>(null);
  const [selectedRow, setSelectedRow] = React.useState<number | null>(null);
  const outcomeRef = React.useRef(outcome);
  outcomeRef.current = outcome;

  const busy = !!status.progress;
  const fail = (e: unknown) => setStatus({ progress: null, message: describeError(e), warnings: [] });
  const matches = React.useMemo(() => (chosen ? rankTargets(targets, chosen.ruleset) : targets.map((t) => ({ target: t, found: 0, fields: 0, missingRequired: [] }))), [targets, chosen]);

  const choose = React.useCallback((key: string, text: RulesetText) => {
    try {
      const ruleset = parseRuleset(text.text, text.source);
      setChosen({ key, text, ruleset });
      setStatus(idle);
      return ruleset;
    } catch (e) {
      fail(e);
      return null;
    }
  }, []);

  // Whenever a workbook is (re)opened: pick its stored ruleset if it has one, and find its tables.
  const loadWorkbook = React.useCallback(
    async (h: PaneHost) => {
      try {
        const stored = await h.readStoredRuleset();
        const storedText = stored ? { key: STORED_KEY, label: "Stored in this workbook", text: stored, source: "the ruleset stored in this workbook" } : null;
        setOptions((o) => [...(storedText ? [storedText] : []), ...o.filter((x) => x.key !== STORED_KEY)]);
        const ruleset = (storedText && choose(STORED_KEY, storedText)) || chosenRef.current?.ruleset;
        const found = await h.listTargets();
        setTargets(found);
        setTargetId(ruleset ? (rankTargets(found, ruleset)[0]?.target.id ?? null) : (found[0]?.id ?? null));
      } catch (e) {
        fail(e);
      }
    },
    [choose],
  );

  React.useEffect(() => {
    if (props.officeHost) void loadWorkbook(props.officeHost);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Inside Excel, selecting a cell in a school's row shows its explanation.
  React.useEffect(() => {
    if (!host?.watchSelection) return;
    let stop: (() => Promise<void>) | undefined;
    host
      .watchSelection((sheet, row) => {
        const o = outcomeRef.current;
        if (o && sheet === o.result.sheet && o.result.rows.some((r) => r.row === row)) setSelectedRow(row);
      })
      .then((s) => (stop = s), fail);
    return () => void stop?.();
  }, [host]);

  const onSelectRuleset = (key: string) => {
    const text = options.find((o) => o.key === key);
    const ruleset = text && choose(key, text);
    if (ruleset) setTargetId(rankTargets(targets, ruleset)[0]?.target.id ?? targetId);
  };

  const onRulesetFile = async (file: File) => {
    const text: RulesetText = { key: `file:${file.name}`, label: `${file.name} (file)`, text: await file.text(), source: file.name };
    const ruleset = choose(text.key, text);
    if (!ruleset) return;
    setOptions((o) => [...o.filter((x) => !x.key.startsWith("file:")), text]);
    setTargetId(rankTargets(targets, ruleset)[0]?.target.id ?? targetId);
  };

  const onStore = async () => {
    if (!host || !chosen) return;
    try {
      await host.storeRuleset(chosen.text.text);
      const stored = { ...chosen.text, key: STORED_KEY, label: "Stored in this workbook" };
      setOptions([stored, ...options.filter((o) => o.key !== STORED_KEY)]);
      setChosen({ ...chosen, key: STORED_KEY, text: stored });
      setStatus({ progress: null, message: { intent: "success", title: "Ruleset stored", body: `${chosen.ruleset.title} (${chosen.ruleset.version}) is now kept in this workbook and will be picked when it is opened.` }, warnings: [] });
    } catch (e) {
      fail(e);
    }
  };

  const onUpload = async (file: File) => {
    try {
      setStatus({ progress: { fraction: 0, label: `Opening ${file.name}…` }, message: null, warnings: [] });
      const { BrowserHost } = await import(/* webpackChunkName: "browser-host" */ "./browser-host");
      const h = await BrowserHost.open(await file.arrayBuffer(), file.name);
      setHost(h);
      setFileName(file.name);
      setOutcome(null);
      setSelectedRow(null);
      setStatus(idle);
      await loadWorkbook(h);
    } catch (e) {
      fail(e);
    }
  };

  const onDownload = async () => {
    const h = host as BrowserHost;
    try {
      const blob = await h.download();
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = h.downloadName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      fail(e);
    }
  };

  const target = targets.find((t) => t.id === targetId) ?? null;

  const onRun = async () => {
    if (!host || !chosen || !target) return;
    setStatus({ progress: { fraction: 0, label: "Starting…" }, message: null, warnings: [] });
    try {
      const o = await host.run(target, chosen.ruleset, (fraction, label) => setStatus((s) => ({ ...s, progress: { fraction, label } })));
      setOutcome(o);
      setRanWith(chosen.ruleset);
      setSelectedRow(null);
      const counts = chosen.ruleset.bands.map((b) => `${b.id} ${o.result.rows.filter((r) => r.band === b.id).length}`).join(" · ");
      setStatus({
        progress: null,
        message: { intent: "success", title: `Categorised ${o.result.rows.length.toLocaleString("en-GB")} schools`, body: `On '${o.result.sheet}' with ${chosen.ruleset.title} (${chosen.ruleset.version}), as of ${ukDate(o.result.asOf)}.\n${counts}` },
        warnings: [...o.notes, ...o.result.warnings],
      });
      if (host.kind === "browser") setTargets(await host.listTargets());
    } catch (e) {
      fail(e);
    }
  };

  const onClear = async () => {
    if (!host || !target) return;
    setStatus({ progress: { fraction: 0.5, label: "Clearing results…" }, message: null, warnings: [] });
    try {
      const text = await host.clear(target, chosen?.ruleset ?? null);
      setOutcome(null);
      setSelectedRow(null);
      setStatus({ progress: null, message: { intent: "info", title: "Results cleared", body: text }, warnings: [] });
    } catch (e) {
      fail(e);
    }
  };

  const onPickSchool = (r: RowResult) => {
    setSelectedRow(r.row);
    if (host?.showRow && outcome) host.showRow(outcome.result.sheet, r.row, outcome.plan.firstColumn).catch(fail);
  };

  const selected = outcome?.result.rows.find((r) => r.row === selectedRow) ?? null;
  React.useEffect(() => {
    if (selectedRow !== null) document.querySelector("[data-testid=explanation]")?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [selectedRow]);
  return (
    <main className={styles.pane}>
      <Header mode={props.mode} />
      {props.mode === "browser" && <FilePanel fileName={fileName} busy={busy} canDownload={!!host} onUpload={onUpload} onDownload={onDownload} />}
      <RulesetPicker
        options={options}
        selected={chosen?.key ?? null}
        ruleset={chosen?.ruleset ?? null}
        busy={busy}
        canStore={!!host && !!chosen && chosen.key !== STORED_KEY}
        onSelect={onSelectRuleset}
        onFile={onRulesetFile}
        onStore={onStore}
      />
      {host && <TablePicker matches={matches} selected={targetId} busy={busy} onSelect={setTargetId} onRefresh={() => void loadWorkbook(host)} />}
      <RunPanel status={status} canRun={!!host && !!chosen && !!target} canClear={!!host && !!target} onRun={onRun} onClear={onClear} />
      {outcome && chosen && (
        <SchoolList
          rows={outcome.result.rows}
          ruleset={chosen.ruleset}
          selectedRow={selectedRow}
          onSelect={onPickSchool}
          hint={props.mode === "office" ? "Select a cell in a school's row, or pick the school here." : "Pick a school to see why it is in its category."}
        />
      )}
      {selected && chosen && <SchoolExplanation row={selected} ruleset={chosen.ruleset} />}
      {outcome && ranWith && <LaSummaryPanel result={outcome.result} ruleset={ranWith} />}
    </main>
  );
}
