// The task pane's layout: pick the ruleset and the school data, run, clear, see what moved since
// the last run and why each school is where it is; inside Excel, after a run, live updates follow the officer's edits.
// State and actions are usePane's. The same pane works inside Excel
// (OfficePaneHost) and, outside Office, on an uploaded workbook (FilePaneHost); either way the
// engine runs in the engine worker.
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { EngineWorker } from "./engine-client";
import type { PaneHost } from "./pane-host";
import { usePane } from "./use-pane";
import { Header } from "./components/Header";
import { FilePanel } from "./components/FilePanel";
import { RulesetPicker } from "./components/RulesetPicker";
import { TablePicker } from "./components/TablePicker";
import { RunPanel } from "./components/RunPanel";
import { useResultsPane } from "./results-pane-loader";

// Letters load with their own code when a run first shows them.
const LettersPanel = React.lazy(() => import(/* webpackChunkName: "letters-pane" */ "./components/LettersPanel"));

const useStyles = makeStyles({
  pane: { display: "flex", flexDirection: "column", minHeight: "100vh", maxWidth: "640px", margin: "0 auto", backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
});

export function App(props: { mode: "office" | "browser"; engine: EngineWorker; officeHost?: PaneHost }) {
  const styles = useStyles();
  const pane = usePane(props.engine, props.officeHost);
  const { actions, lastRun } = pane;
  // The results' components, loaded after the first screen.
  const results = useResultsPane(lastRun);
  // The table or sheet the last run was on: the picked one if it is there, else the first on that sheet.
  const runSheet = lastRun?.outcome.result.sheet;
  const runTarget = pane.targets.find((t) => t.id === pane.targetId && t.sheet === runSheet) ?? pane.targets.find((t) => t.sheet === runSheet) ?? null;
  return (
    <main className={styles.pane}>
      <Header mode={props.mode} />
      {props.mode === "browser" && (
        <FilePanel
          fileName={pane.fileName}
          busy={pane.busy}
          canDownload={pane.canDownload}
          status={pane.status}
          onUpload={actions.upload}
          onDownload={actions.download}
          onCancel={actions.cancel}
        />
      )}
      <RulesetPicker
        options={pane.options}
        selected={pane.chosen.key}
        ruleset={pane.chosen.ruleset}
        busy={pane.busy}
        checking={pane.status.progress?.cancel === "check"}
        canStore={pane.canStore}
        status={pane.status}
        onSelect={actions.selectRuleset}
        onFile={actions.addRulesetFile}
        onStore={actions.storeRuleset}
        onCancel={actions.cancel}
      />
      {pane.host && (
        <TablePicker
          matches={pane.matches}
          selected={pane.targetId}
          ruleset={pane.chosen.ruleset}
          fit={pane.fit}
          better={pane.better}
          busy={pane.busy}
          status={pane.status}
          onSelect={actions.pickTarget}
          onRefresh={actions.refreshTargets}
          onUseRuleset={actions.selectRuleset}
          onCancel={actions.cancel}
        />
      )}
      <RunPanel
        status={pane.status}
        canRun={pane.canRun}
        runBlocked={pane.runBlocked}
        canClear={pane.canClear}
        clearBlocked={pane.clearBlocked}
        onRun={actions.run}
        onClear={actions.clear}
        onCancel={actions.cancel}
        onOffer={actions.selectRuleset}
      />
      {results && lastRun && pane.canWatch && (
        <results.LivePanel live={pane.live} sheet={lastRun.outcome.result.sheet} busy={pane.busy} onToggle={actions.toggleLive} onRefreshSummary={actions.refreshSummary} />
      )}
      {results && lastRun && lastRun.outcome.movement !== undefined && (
        <results.MovementPanel
          key={pane.runSerial}
          movement={lastRun.outcome.movement}
          sheet={lastRun.outcome.result.sheet}
          ruleset={lastRun.ruleset}
          rows={lastRun.outcome.result.rows}
          selectedRow={lastRun.selectedRow}
          onSelect={actions.pickSchool}
          live={pane.canWatch}
        />
      )}
      {results && lastRun && (
        <>
          <results.SchoolList
            rows={lastRun.outcome.result.rows}
            ruleset={lastRun.ruleset}
            selectedRow={lastRun.selectedRow}
            onSelect={actions.pickSchool}
            hint={props.mode === "office" ? "Select a cell in a school's row, or pick the school here." : "Pick a school to see why it is in its category."}
          />
          {pane.selected && <results.SchoolExplanation row={pane.selected} ruleset={lastRun.ruleset} />}
          <results.LaSummaryPanel summary={lastRun.outcome.summary} />
        </>
      )}
      {lastRun && pane.host && runTarget && (
        <React.Suspense fallback={null}>
          <LettersPanel engine={props.engine} host={pane.host} target={runTarget} run={lastRun} ruleset={lastRun.text ?? pane.chosen.text} fileName={pane.fileName} paneBusy={pane.busy} />
        </React.Suspense>
      )}
    </main>
  );
}
