// Choosing the table or sheet with the school data; the best match is picked automatically.
import { Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { TargetMatch } from "../target-match";
import { Section } from "./Section";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end" }, grow: { flexGrow: 1, minWidth: 0 }, select: { minWidth: 0 } });

export function TablePicker(props: { matches: TargetMatch[]; selected: string | null; busy: boolean; onSelect: (id: string) => void; onRefresh: () => void }) {
  const styles = useStyles();
  const chosen = props.matches.find((m) => m.target.id === props.selected);
  return (
    <Section title="School data">
      <div className={styles.row}>
        <Field label="Table or sheet" className={styles.grow}>
          <Select id="target-select" className={styles.select} value={props.selected ?? ""} disabled={props.busy || !props.matches.length} onChange={(_, d) => props.onSelect(d.value)}>
            {!props.matches.length && <option value="">No tables found</option>}
            {props.matches.map((m) => (
              <option key={m.target.id} value={m.target.id}>
                {m.target.label} · {m.found}/{m.fields} fields
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={props.busy} onClick={props.onRefresh} title="Look for tables again">
          Refresh
        </Button>
      </div>
      {chosen && (
        <Caption1 data-testid="target-info">
          {chosen.target.dataRows.toLocaleString("en-GB")} rows under the headers on row {chosen.target.headerRow}; {chosen.found} of {chosen.fields} ruleset fields found.
          {chosen.missingRequired.length ? ` Missing required: ${chosen.missingRequired.join(", ")}.` : ""}
        </Caption1>
      )}
    </Section>
  );
}
