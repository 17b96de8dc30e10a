// A titled block of the pane.
import * as React from "react";
import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function Section({ ref, ...props }: { title: string; children: React.ReactNode; testId?: string; ref?: React.Ref<HTMLElement> }) {
  const styles = useStyles();
  return (
    <section ref={ref} className={styles.section} data-testid={props.testId} aria-label={props.title}>
      <Subtitle2 as="h2">{props.title}</Subtitle2>
      {props.children}
    </section>
  );
}
