// Live updates, inside Excel after a run: the toggle, what the last edit did, and the summary's
// refresh. Nothing here takes the focus: the officer is typing in the sheet, and updates are read
// out politely (a status region) rather than moving them to the pane.
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Switch, tokens } from "@fluentui/react-components";
import type { LiveStatus } from "../use-pane";
import { Section } from "./Section";

const useStyles = makeStyles({
  status: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: "anywhere" },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  summary: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function LivePanel(props: { live: LiveStatus; sheet: string; busy: boolean; onToggle: (on: boolean) => void; onRefreshSummary: () => void }) {
  const styles = useStyles();
  const { on, paused, changed, last } = props.live;
  const state = !on
    ? "Off: edits are categorised at the next run."
    : paused
      ? null
      : `On: an edit on '${props.sheet}' or a history sheet re-categorises the schools it affects.`;
  return (
    <Section title="Live updates" testId="live">
      <Switch
        checked={on}
        disabled={props.busy}
        onChange={(_, d) => props.onToggle(d.checked)}
        label="Update results as I edit"
        data-testid="live-toggle"
      />
      <div role="status" aria-live="polite" data-testid="live-status">
        {state && <Caption1 className={styles.status}>{state}</Caption1>}
        {on && paused && (
          <MessageBar intent="warning" layout="multiline" data-testid="live-paused">
            <MessageBarBody>{paused}</MessageBarBody>
          </MessageBar>
        )}
        {last && last.text && (
          <div>
            <Caption1 className={last.error ? styles.error : undefined} data-testid="live-last">
              {last.text}
            </Caption1>
          </div>
        )}
        {last && last.notes.length > 0 && (
          <ul className={styles.notes}>
            {last.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.summary}>
        <Button size="small" disabledFocusable={!changed || props.busy} onClick={props.onRefreshSummary} data-testid="refresh-summary">
          Refresh summary
        </Button>
        <Caption1 className={styles.status}>
          {changed
            ? `${changed.toLocaleString("en-GB")} school${changed > 1 ? "s" : ""} categorised again since the summary below.`
            : "The summary below is up to date."}{" "}
          The summary sheet is rewritten at the next run.
        </Caption1>
      </div>
    </Section>
  );
}
