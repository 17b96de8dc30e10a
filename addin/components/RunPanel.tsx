// Run and Clear, with a progress bar on long jobs and a message bar for the outcome. While a job
// can still be stopped, Cancel stands in Clear's place, beside the Run button just pressed.
import * as React from "react";
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, tokens } from "@fluentui/react-components";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  body: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "160px", overflowY: "auto" },
});

export function RunPanel(props: { status: RunStatus; canRun: boolean; canClear: boolean; onRun: () => void; onClear: () => void; onCancel: () => void }) {
  const styles = useStyles();
  const { progress, message, warnings } = props.status;
  const busy = !!progress;
  // Bring the progress into view as a job starts (the pane may be scrolled, or short).
  const shown = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (busy) shown.current?.scrollIntoView({ block: "nearest" });
  }, [busy]);
  return (
    <Section title="Run">
      <div className={styles.row}>
        <Button appearance="primary" disabled={!props.canRun || busy} onClick={props.onRun} data-testid="run">
          Run categorisation
        </Button>
        {progress?.cancel ? (
          <Button onClick={props.onCancel} data-testid="cancel">
            Cancel
          </Button>
        ) : (
          <Button disabled={!props.canClear || busy} onClick={props.onClear} data-testid="clear">
            Clear results
          </Button>
        )}
      </div>
      {progress && (
        <div className={styles.progress} ref={shown}>
          <ProgressBar value={progress.fraction} thickness="large" aria-label="Progress" />
          <Caption1 role="status" data-testid="progress-label">
            {progress.label}
          </Caption1>
        </div>
      )}
      {message && (
        <MessageBar intent={message.intent} layout="multiline" data-testid="message">
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>{message.title}</MessageBarTitle>
            {message.body}
            {warnings.length > 0 && (
              <details>
                <summary>
                  {warnings.length.toLocaleString("en-GB")} warning{warnings.length > 1 ? "s" : ""}
                </summary>
                <ul className={styles.list}>
                  {warnings.slice(0, 200).map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}
