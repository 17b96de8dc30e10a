// A job's progress and outcome, shown in the part of the pane that started it: a labelled progress
// bar (with Cancel while the job can still be stopped), then a message bar. A job's progress is
// brought into view as it starts; its message is brought into view and given the focus, so the
// officer (and a screen reader) lands on it rather than on the page's body.
import * as React from "react";
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, tokens, useId } from "@fluentui/react-components";
import type { Place, RunStatus } from "../use-pane";

const useStyles = makeStyles({
  progress: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  label: { gridColumn: "1 / -1", overflowWrap: "anywhere" },
  message: { scrollMarginTop: tokens.spacingVerticalXXL },
  body: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, whiteSpace: "normal" },
  after: { whiteSpace: "normal" },
  actions: { marginTop: tokens.spacingVerticalS, whiteSpace: "normal" },
  warnings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: "160px", overflowY: "auto", whiteSpace: "normal" },
});

/** Scrolls an element into the middle of the window unless it is already wholly in view. */
function bringIntoView(el: HTMLElement | null) {
  if (!el) return;
  const r = el.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= window.innerHeight) return;
  el.scrollIntoView({ block: r.height > window.innerHeight * 0.6 ? "start" : "center" });
}

export function StatusArea(props: { status: RunStatus; place: Place; onCancel: () => void; onOffer?: (key: string) => void }) {
  const styles = useStyles();
  const here = props.status.place === props.place;
  const { progress, message, warnings } = props.status;
  const labelId = useId("progress-label");
  const progressRef = React.useRef<HTMLDivElement>(null);
  const messageRef = React.useRef<HTMLDivElement>(null);
  const busy = here && !!progress;
  React.useEffect(() => {
    if (busy) bringIntoView(progressRef.current);
  }, [busy]);
  React.useEffect(() => {
    if (!here || !message) return;
    messageRef.current?.focus({ preventScroll: true });
    bringIntoView(messageRef.current);
  }, [here, message]);
  if (!here) return null;
  return (
    <>
      {progress && (
        <div className={styles.progress} ref={progressRef}>
          <ProgressBar value={progress.fraction} thickness="large" aria-labelledby={labelId} aria-valuetext={`${Math.round(progress.fraction * 100)}%`} />
          {progress.cancel && (
            <Button size="small" onClick={props.onCancel} data-testid="cancel">
              Cancel
            </Button>
          )}
          <Caption1 id={labelId} role="status" className={styles.label} data-testid="progress-label">
            {progress.label}
          </Caption1>
        </div>
      )}
      {message && (
        <MessageBar ref={messageRef} tabIndex={-1} intent={message.intent} layout="multiline" className={styles.message} data-testid="message" data-intent={message.intent}>
          <MessageBarBody className={styles.body}>
            <MessageBarTitle>{message.title}</MessageBarTitle>
            {message.body}
            {message.details && (
              <ul className={styles.list}>
                {message.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
            {message.after && <div className={styles.after}>{message.after}</div>}
            {warnings.length > 0 && (
              <details>
                <summary>
                  {warnings.length.toLocaleString("en-GB")} warning{warnings.length > 1 ? "s" : ""}
                </summary>
                <ul className={styles.warnings} tabIndex={0} aria-label="Warnings">
                  {warnings.slice(0, 200).map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
            {message.offer && props.onOffer && (
              <div className={styles.actions}>
                <Button size="small" onClick={() => props.onOffer!(message.offer!.key)} data-testid="message-offer">
                  Use {message.offer.label}
                </Button>
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
