// Run and Clear, with a progress bar on long runs and a message bar for the outcome.
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, tokens } from "@fluentui/react-components";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";

const useStyles = makeStyles({
  row: { display: "flex", gap: tokens.spacingHorizontalS },
  body: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "160px", overflowY: "auto" },
});

export function RunPanel(props: { status: RunStatus; canRun: boolean; canClear: boolean; onRun: () => void; onClear: () => void }) {
  const styles = useStyles();
  const { progress, message, warnings } = props.status;
  const busy = !!progress;
  return (
    <Section title="Run">
      <div className={styles.row}>
        <Button appearance="primary" disabled={!props.canRun || busy} onClick={props.onRun} data-testid="run">
          Run categorisation
        </Button>
        <Button disabled={!props.canClear || busy} onClick={props.onClear} data-testid="clear">
          Clear results
        </Button>
      </div>
      {progress && (
        <div role="status">
          <ProgressBar value={progress.fraction} thickness="large" />
          <Caption1>{progress.label}</Caption1>
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
