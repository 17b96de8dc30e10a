// The categorised schools in the colours of the ruleset they were run with: filtered by category
// (a chip for each, with its count) and by name or URN, highest concern first by default (the
// ruleset lists its categories highest concern first; within one, most triggers first), in a
// virtualised list. Picking one shows why it is where it is.
import * as React from "react";
import { Button, Caption1, Field, Input, makeStyles, mergeClasses, Select, tokens } from "@fluentui/react-components";
import type { RowResult, Ruleset } from "../../engine";
import { schoolsShown, type SchoolOrder } from "../school-order";
import { StyledBadge } from "./BandBadge";
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
  chips: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  // A chip is a toggle (aria-pressed): a plain button, marked out in the brand colours when on.
  chip: { minWidth: 0, gap: tokens.spacingHorizontalXS, paddingLeft: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightRegular },
  chipOn: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover, border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  },
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
      <div className={styles.chips} role="group" aria-label="Show only these categories" data-testid="band-chips">
        {ruleset.bands
          .filter((b) => counts.get(b.id))
          .map((b) => (
            <Button
              key={b.id}
              size="small"
              shape="circular"
              className={mergeClasses(styles.chip, bands.has(b.id) && styles.chipOn)}
              aria-pressed={bands.has(b.id)}
              onClick={() => toggle(b.id)}
              title={`${b.id} ${b.label}: ${plural(counts.get(b.id)!)}`}
              data-band={b.id}
            >
              <StyledBadge style={ruleset.styles.bands[b.id]}>{b.id}</StyledBadge>
              {counts.get(b.id)!.toLocaleString("en-GB")}
            </Button>
          ))}
      </div>
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
