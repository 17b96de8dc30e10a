// Run and Clear. Run is unavailable, with the reason beside it, while the school data lacks a column
// the ruleset needs; Clear is unavailable, with the reason as its tooltip and description, until the
// workbook's run record holds results on the picked sheet (a native tooltip: Fluent's, with its
// positioning code, would not fit the first bundle). The run's progress (with Cancel) and its
// outcome are shown here, under the buttons.
import { Button, Caption1, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";
import { StatusArea } from "./StatusArea";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" }, reason: { color: tokens.colorNeutralForeground2 } });

const CLEAR_DOES = "Removes the results columns and summary sheet that the run wrote, and puts back the cells' own colours.";

export function RunPanel(props: {
  status: RunStatus;
  canRun: boolean;
  runBlocked: string | null;
  canClear: boolean;
  /** Why Clear cannot be pressed, or null when it can. */
  clearBlocked: string | null;
  onRun: () => void;
  onClear: () => void;
  onCancel: () => void;
  onOffer: (key: string) => void;
}) {
  const styles = useStyles();
  const reasonId = useId("run-blocked");
  const busy = !!props.status.progress;
  const clearNoteId = useId("clear-note");
  const clearNote = props.clearBlocked ?? CLEAR_DOES;
  // Buttons stay focusable while unavailable, so the focus is not lost when a job starts and the reason can be found.
  return (
    <Section title="Run">
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={!props.canRun || busy} onClick={props.onRun} aria-describedby={props.runBlocked ? reasonId : undefined} data-testid="run">
          Run categorisation
        </Button>
        <Button disabledFocusable={!props.canClear || busy} onClick={props.onClear} title={clearNote} aria-describedby={clearNoteId} data-testid="clear">
          Clear results
        </Button>
        {/* Read out as the button's description: a hidden element still describes what points to it. */}
        <span id={clearNoteId} hidden data-testid="clear-note">
          {clearNote}
        </span>
      </div>
      {props.runBlocked && (
        <Caption1 id={reasonId} className={styles.reason} data-testid="run-blocked">
          {props.runBlocked}
        </Caption1>
      )}
      <StatusArea status={props.status} place="run" onCancel={props.onCancel} onOffer={props.onOffer} />
    </Section>
  );
}
