// After a run: what moved since the last run recorded in the workbook on the same sheet (the run
// record keeps the last two runs per sheet, engine/analysis/movement.ts). The movement table, then
// the schools that changed, each with the triggers added and removed; picking one shows it as the
// school list does. Live updates do not change the recorded run, so the movement stays between
// full runs: the pane says so inside Excel.
import * as React from "react";
import { Body1, Button, Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from "@fluentui/react-components";
import { isMove, movementLine, NO_LONGER, NOT_BEFORE, runName, type Movement, type RowResult, type Ruleset, type SchoolMovement } from "../../engine";
import { StyledBadge } from "./BandBadge";
import { MovementTable } from "./MovementTable";
import { Section } from "./Section";

/** Schools listed at first, and added by each "Show more". */
const PAGE = 25;

const useStyles = makeStyles({
  text: { overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: {
    position: "relative",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    width: "100%",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: "left",
    overflowWrap: "anywhere",
  },
  pickable: {
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  picked: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  name: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  detail: { color: tokens.colorNeutralForeground2 },
  hidden: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", border: 0 },
});

export interface MovementPanelProps {
  /** null: the workbook records no earlier run of the sheet. */
  movement: Movement | null;
  sheet: string;
  /** The ruleset this run used: the categories' colours. */
  ruleset: Ruleset;
  /** This run's schools (as live updates have left them), to pick one. */
  rows: RowResult[];
  selectedRow: number | null;
  onSelect: (r: RowResult) => void;
  /** Inside Excel: live updates follow edits, which the movement does not count. */
  live: boolean;
}

export function MovementPanel(props: MovementPanelProps) {
  const styles = useStyles();
  const m = props.movement;
  const liveNote = props.live && (
    <Caption1 className={styles.muted} data-testid="movement-live-note">
      Between full runs only: edits updated live since this run are not counted here. The next run is compared with this one.
    </Caption1>
  );
  if (!m) {
    return (
      <Section title="Since the last run" testId="movement">
        <Body1 className={styles.text} data-testid="movement-none">
          No earlier run on '{props.sheet}' is recorded in this workbook, so there is nothing to compare with yet: the next run will show what moved since this one.
        </Body1>
      </Section>
    );
  }
  return (
    <Section title="Since the last run" testId="movement">
      <Caption1 className={styles.muted}>
        Last run: {runName(m.from)}.
        <br />
        This run: {runName(m.to)}.
      </Caption1>
      <Body1 className={styles.text} data-testid="movement-line">
        {movementLine(m)}
      </Body1>
      {liveNote}
      {m.notes.map((n, i) => (
        <Caption1 key={i} className={styles.muted}>
          {n}
        </Caption1>
      ))}
      <MovementTable movement={m} ruleset={props.ruleset} />
      <Changes {...props} movement={m} />
    </Section>
  );
}

/** The schools that changed: category or stage first (and those that came or went), then triggers only. */
function Changes(props: MovementPanelProps & { movement: Movement }) {
  const styles = useStyles();
  const m = props.movement;
  const [shown, setShown] = React.useState(PAGE);
  const byRow = React.useMemo(() => new Map(props.rows.map((r) => [r.row, r])), [props.rows]);
  if (!m.changes.length) return <Body1 className={styles.text}>No school changed category, stage or triggers.</Body1>;
  const moved = m.changes.filter(isMove).length;
  const rest = m.changes.length - Math.min(shown, m.changes.length);
  return (
    <>
      <Subtitle2 as="h3">Schools that changed</Subtitle2>
      <Caption1 className={styles.muted} data-testid="movement-changes-count">
        {changedText(m.changes.length, moved)} Pick one to see why it is where it is.
      </Caption1>
      <ul className={styles.list} aria-label="Schools that changed" data-testid="movement-changes">
        {m.changes.slice(0, shown).map((c) => (
          <li key={`${c.key}:${c.row ?? "gone"}`}>
            <Change change={c} movement={m} ruleset={props.ruleset} school={c.row === null ? undefined : byRow.get(c.row)} selected={c.row !== null && c.row === props.selectedRow} onSelect={props.onSelect} />
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <Button size="small" onClick={() => setShown((n) => n + PAGE)} data-testid="movement-more">
          Show {Math.min(rest, PAGE)} more of {rest.toLocaleString("en-GB")}
        </Button>
      )}
    </>
  );
}

/** "3 schools: 2 changed category or stage, or came or went; 1 changed triggers only." */
function changedText(changed: number, moved: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  const schools = `${n(changed)} school${changed === 1 ? "" : "s"}`;
  if (moved === changed) return `${schools} moved category or stage, or came or went.`;
  if (!moved) return `${schools} changed triggers only.`;
  return `${schools}: ${n(moved)} moved category or stage, or came or went; ${n(changed - moved)} changed triggers only.`;
}

function Change(props: { change: SchoolMovement; movement: Movement; ruleset: Ruleset; school: RowResult | undefined; selected: boolean; onSelect: (r: RowResult) => void }) {
  const styles = useStyles();
  const { change: c, movement: m, ruleset, school } = props;
  const band = (id: string) => (
    <StyledBadge style={Object.hasOwn(ruleset.styles.bands, id) ? ruleset.styles.bands[id] : undefined} title={`${id} ${m.labels.bands[id] ?? ""}`.trim()}>
      {id}
    </StyledBadge>
  );
  const stage = (id: string | null) => (id === null ? "none" : m.labels.stages[id] ?? id);
  const triggers = (ids: string[]) => ids.map((id) => m.labels.triggers[id] ?? id).join("; ");
  const content = (
    <>
      <span className={styles.line}>
        {c.from ? band(c.from.band) : <Caption1>{NOT_BEFORE.toLowerCase()}</Caption1>}
        <span aria-hidden="true">→</span>
        <span className={styles.hidden}>to</span>
        {c.to ? band(c.to.band) : <Caption1>{NO_LONGER.toLowerCase()}</Caption1>}
        <span className={styles.name}>{c.name ?? `${c.key}`}</span>
      </span>
      <span className={styles.detail}>
        {c.name ? `${c.key}` : ""}
        {c.row !== null ? `${c.name ? " · " : ""}row ${c.row}` : ""}
      </span>
      {c.from && c.to && c.from.stage !== c.to.stage && (
        <span>
          Stage: {stage(c.from.stage)} → {stage(c.to.stage)}
        </span>
      )}
      {c.from && c.to && c.triggersAdded.length > 0 && <span data-testid="triggers-added">Added: {triggers(c.triggersAdded)}</span>}
      {c.from && c.to && c.triggersRemoved.length > 0 && <span data-testid="triggers-removed">Removed: {triggers(c.triggersRemoved)}</span>}
    </>
  );
  if (!school) {
    return (
      <div className={styles.item} data-key={String(c.key)}>
        {content}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={mergeClasses(styles.item, styles.pickable, props.selected && styles.picked)}
      aria-pressed={props.selected}
      onClick={() => props.onSelect(school)}
      data-key={String(c.key)}
      data-row={c.row}
    >
      {content}
    </button>
  );
}
