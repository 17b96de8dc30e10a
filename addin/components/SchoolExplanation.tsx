// One school: its category, triggers, escalation stage, next action and due date, and why,
// with every condition and the school's actual values.
import * as React from "react";
import { Body1, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { describeCondition, explainRow, supporting, ukDate, watchStyle, type RowResult, type Ruleset } from "../../engine";
import { StyledBadge } from "./BandBadge";
import { Section } from "./Section";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0, display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  why: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  lines: { margin: 0, whiteSpace: "pre-wrap", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, maxHeight: "240px", overflow: "auto" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export function SchoolExplanation(props: { row: RowResult; ruleset: Ruleset }) {
  const styles = useStyles();
  const { row, ruleset } = props;
  const order = { band: 0, trigger: 1, stage: 2 } as const;
  const held = row.traces.filter((t) => t.held).sort((a, b) => order[a.kind] - order[b.kind]);
  // Bring each newly picked school into view.
  const section = React.useRef<HTMLElement>(null);
  React.useEffect(() => {
    section.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [row.row]);
  return (
    <Section title={row.name ?? `Row ${row.row}`} testId="explanation" ref={section}>
      <Caption1>
        {row.key !== null ? `${ruleset.fields.find((f) => f.id === ruleset.key)?.label ?? "Key"} ${row.key} · ` : ""}row {row.row}
      </Caption1>
      <dl className={styles.facts}>
        <dt className={styles.term}>Category</dt>
        <dd className={styles.detail}>
          <StyledBadge style={ruleset.styles.bands[row.band]}>
            {row.band} {row.bandLabel}
          </StyledBadge>
          {row.moderated && <Caption1>moderated; the rules gave {row.ruleBand}</Caption1>}
        </dd>
        <dt className={styles.term}>Triggers</dt>
        <dd className={styles.detail}>
          {row.triggers.length
            ? row.triggers.map((t) => (
                <StyledBadge key={t.id} style={ruleset.styles.severities[t.severity]} title={`${t.severity} severity`}>
                  {t.label}
                </StyledBadge>
              ))
            : "None"}
        </dd>
        {row.watch?.length ? (
          <>
            <dt className={styles.term}>Watch</dt>
            <dd className={styles.detail} data-testid="watch">
              {row.watch.map((w) => (
                <StyledBadge key={w.id} style={watchStyle(ruleset)} title="Near miss: inside the trigger's margin; the category is not changed">
                  {w.label}
                </StyledBadge>
              ))}
            </dd>
          </>
        ) : null}
        <dt className={styles.term}>Escalation</dt>
        <dd className={styles.detail}>{row.escalation?.label ?? "None"}</dd>
        <dt className={styles.term}>Next action</dt>
        <dd className={styles.detail}>{row.nextAction || "None"}</dd>
        <dt className={styles.term}>Due</dt>
        <dd className={styles.detail}>
          {row.due ? (row.escalation?.dueFrom ? `between ${ukDate(row.escalation.dueFrom)} and ${ukDate(row.due)}` : ukDate(row.due)) : "No date"}
        </dd>
      </dl>
      <Subtitle2 as="h3">Why</Subtitle2>
      <ul className={styles.why}>
        {held.map((t) => (
          <li key={`${t.kind}:${t.id}`}>
            <Body1>
              <strong>{t.kind === "band" ? `Category ${t.id}` : t.kind === "stage" ? "Escalation" : "Trigger"} {t.label}</strong>
              {supporting(t).length ? ": " : t.kind === "band" ? ": no higher category's conditions held" : ""}
              {supporting(t).map(describeCondition).join("; ")}
            </Body1>
          </li>
        ))}
        {row.watch?.map((w) => (
          <li key={`watch:${w.id}`}>
            <Body1>
              <strong>Watch {w.label}</strong>: {w.reason}
            </Body1>
          </li>
        ))}
      </ul>
      {row.warnings.map((w, i) => (
        <Caption1 key={i} className={styles.warn}>
          ⚠ {w}
        </Caption1>
      ))}
      <details>
        <summary>Every rule checked</summary>
        {/* Focusable, so the keyboard can scroll it. */}
        <pre className={styles.lines} tabIndex={0} role="region" aria-label="Every rule checked" data-testid="every-rule">
          {explainRow(row).join("\n")}
        </pre>
      </details>
    </Section>
  );
}
