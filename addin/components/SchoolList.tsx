// The categorised schools, searchable, in the colours of the ruleset they were run with;
// clicking one shows why it is where it is.
import * as React from "react";
import { Caption1, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { RowResult, Ruleset } from "../../engine";
import { StyledBadge } from "./BandBadge";
import { Section } from "./Section";

const SHOWN = 150;

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, maxHeight: "260px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  item: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    width: "100%",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: "none",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    background: "none",
    textAlign: "left",
    cursor: "pointer",
    font: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  name: { flexGrow: 1, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

export function SchoolList(props: { rows: RowResult[]; ruleset: Ruleset; selectedRow: number | null; onSelect: (r: RowResult) => void; hint: string }) {
  const styles = useStyles();
  const [query, setQuery] = React.useState("");
  const q = query.trim().toLowerCase();
  const matching = q ? props.rows.filter((r) => `${r.name ?? ""} ${r.key ?? ""} ${r.band}`.toLowerCase().includes(q)) : props.rows;
  return (
    <Section title="Schools" testId="school-list">
      <Caption1>
        Categorised with {props.ruleset.title}, version {props.ruleset.version}. {props.hint}
      </Caption1>
      <Input placeholder="Find a school by name, URN or category" value={query} onChange={(_, d) => setQuery(d.value)} aria-label="Find a school" />
      <ul className={styles.list}>
        {matching.slice(0, SHOWN).map((r) => (
          <li key={r.row}>
            <button type="button" className={`${styles.item} ${r.row === props.selectedRow ? styles.selected : ""}`} onClick={() => props.onSelect(r)} data-row={r.row}>
              <StyledBadge style={props.ruleset.styles.bands[r.band]}>{r.band}</StyledBadge>
              <span className={styles.name}>{r.name ?? `Row ${r.row}`}</span>
              {r.triggers.length > 0 && <Caption1>{r.triggers.length} trigger{r.triggers.length > 1 ? "s" : ""}</Caption1>}
            </button>
          </li>
        ))}
      </ul>
      {matching.length > SHOWN && <Caption1>Showing {SHOWN} of {matching.length.toLocaleString("en-GB")}; search to narrow.</Caption1>}
    </Section>
  );
}
