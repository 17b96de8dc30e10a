// The categorised schools in the colours of the ruleset they were run with: filtered by category
// (a chip for each, with its count) and by name or URN, highest concern first by default (the
// ruleset lists its categories highest concern first; within one, most triggers first), in a
// virtualised list. Picking one shows why it is where it is.
import * as React from "react";
import { Caption1, Field, Input, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { RowResult, Ruleset } from "../../engine";
import { schoolsShown, type SchoolOrder } from "../school-order";
import { StyledBadge } from "./BandBadge";
import { BandChips } from "./BandChips";
import { Section } from "./Section";
import { VirtualListbox } from "./VirtualListbox";

const ROW_HEIGHT = 36;
const VISIBLE_ROWS = 8;

const ORDERS: { id: SchoolOrder; label: string }[] = [
  { id: "concern", label: "Highest concern" },
  { id: "sheet", label: "Sheet order" },
  { id: "name", label: "Name" },
];

const useStyles = makeStyles({
  controls: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: tokens.spacingHorizontalS, alignItems: "end" },
  field: { minWidth: 0 },
  fill: { minWidth: 0, width: "100%" },
  name: { flexGrow: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  triggers: { flexShrink: 0 },
});

export function SchoolList(props: { rows: RowResult[]; ruleset: Ruleset; selectedRow: number | null; onSelect: (r: RowResult) => void; hint: string }) {
  const styles = useStyles();
  const { rows, ruleset } = props;
  const [query, setQuery] = React.useState("");
  const [bands, setBands] = React.useState<ReadonlySet<string>>(new Set());
  const [order, setOrder] = React.useState<SchoolOrder>("concern");
  const counts = React.useMemo(() => {
    const c = new Map<string, number>();
    for (const r of rows) c.set(r.band, (c.get(r.band) ?? 0) + 1);
    return c;
  }, [rows]);
  const shown = React.useMemo(() => schoolsShown(rows, ruleset, bands, query, order), [rows, ruleset, bands, query, order]);
  const toggle = (id: string) =>
    setBands((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const plural = (n: number) => `${n.toLocaleString("en-GB")} school${n === 1 ? "" : "s"}`;
  return (
    <Section title="Schools" testId="school-list">
      <Caption1>
        Categorised with {ruleset.title}, version {ruleset.version}. {props.hint}
      </Caption1>
      <BandChips
        ruleset={ruleset}
        counts={counts}
        on={bands}
        toggle={toggle}
        title={(b, n) => `${b.id} ${b.label}: ${plural(n)}`}
        label={{ text: "Show only these categories" }}
        testId="band-chips"
      />
      <div className={styles.controls}>
        <Field label="Find by name or URN" className={styles.field}>
          <Input className={styles.fill} value={query} onChange={(_, d) => setQuery(d.value)} data-testid="school-search" />
        </Field>
        <Field label="Order" className={styles.field}>
          <Select className={styles.fill} value={order} onChange={(_, d) => setOrder(d.value as SchoolOrder)} data-testid="school-order">
            {ORDERS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Caption1 role="status" data-testid="school-count">
        {shown.length === rows.length ? `${plural(rows.length)}.` : `${plural(shown.length)} of ${rows.length.toLocaleString("en-GB")}.`}
      </Caption1>
      <VirtualListbox
        items={shown}
        keyOf={(r) => r.row}
        rowProps={(r) => ({ "data-row": r.row, "data-band": r.band, "data-key": String(r.key ?? "") })}
        selected={props.selectedRow}
        onPick={props.onSelect}
        label="Schools"
        rowHeight={ROW_HEIGHT}
        visibleRows={VISIBLE_ROWS}
        testId="school-options"
        render={(r) => (
          <>
            <StyledBadge style={ruleset.styles.bands[r.band]}>{r.band}</StyledBadge>
            <span className={styles.name}>{r.name ?? `Row ${r.row}`}</span>
            {r.triggers.length > 0 && (
              <Caption1 className={styles.triggers}>
                {r.triggers.length} trigger{r.triggers.length > 1 ? "s" : ""}
              </Caption1>
            )}
          </>
        )}
      />
    </Section>
  );
}
