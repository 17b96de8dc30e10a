// Choosing the table or sheet with the school data; the best match is picked automatically. Shows
// how well it fits the ruleset (the fit score: fields found, required ones first) and, when the
// fit is poor or another ruleset the pane knows fits it clearly better, says so and offers that one.
import { Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, tokens } from "@fluentui/react-components";
import type { Ruleset } from "../../engine";
import { fitText, type BetterFit, type Fit } from "../ruleset-fit";
import type { TargetMatch } from "../target-match";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";
import { StatusArea } from "./StatusArea";

const useStyles = makeStyles({
  // The picker takes what room is left beside Refresh, however long a table's name.
  row: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto", columnGap: tokens.spacingHorizontalS, alignItems: "end" },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  body: { overflowWrap: "anywhere" },
  actions: { marginTop: tokens.spacingVerticalS },
});

function FitWarning(props: { fit: Fit; better: BetterFit | null; ruleset: Ruleset; label: string; busy: boolean; onUse: (key: string) => void }) {
  const styles = useStyles();
  const { fit, better, ruleset } = props;
  const title = fit.missingRequired.length ? "The data lacks a column the ruleset needs" : fit.poor ? "The data fits the ruleset poorly" : "Another ruleset fits this data better";
  const found = `Only ${fit.found} of the ${fit.fields} fields ${ruleset.title} uses were found in ${props.label}.`;
  const alternative = better ? ` ${better.label} fits it better: ${fitText(better.fit)} of its own fields found.` : " Check that this is the right workbook for the ruleset.";
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="fit-warning">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{title}</MessageBarTitle>
        {fit.poor ? found : ""}
        {alternative}
        {better && (
          <div className={styles.actions}>
            <Button size="small" disabledFocusable={props.busy} onClick={() => props.onUse(better.key)} data-testid="use-better">
              Use {better.label}
            </Button>
          </div>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

export function TablePicker(props: {
  matches: TargetMatch[];
  selected: string | null;
  ruleset: Ruleset;
  fit: Fit | null;
  better: BetterFit | null;
  busy: boolean;
  status: RunStatus;
  onSelect: (id: string) => void;
  onRefresh: () => void;
  onUseRuleset: (key: string) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const chosen = props.matches.find((m) => m.target.id === props.selected);
  const { fit, better } = props;
  return (
    <Section title="School data">
      <div className={styles.row}>
        <Field label="Table or sheet" className={styles.field}>
          <Select id="target-select" className={styles.select} value={props.selected ?? ""} disabled={props.busy || !props.matches.length} onChange={(_, d) => props.onSelect(d.value)}>
            {!props.matches.length && <option value="">No tables found</option>}
            {props.matches.map((m) => (
              <option key={m.target.id} value={m.target.id}>
                {m.target.label} · {m.found}/{m.fields} fields
              </option>
            ))}
          </Select>
        </Field>
        <Button disabledFocusable={props.busy} onClick={props.onRefresh} title="Look for tables again">
          Refresh
        </Button>
      </div>
      {chosen && fit && (
        <Caption1 data-testid="target-info">
          {chosen.target.dataRows.toLocaleString("en-GB")} rows under the headers on row {chosen.target.headerRow}; {chosen.found} of {chosen.fields} ruleset fields found
          {` (fit ${Math.round(fit.share * 100)}%${fit.poor ? ", poor" : ""}).`}
          {chosen.missingRequired.length ? ` Missing required: ${chosen.missingRequired.join(", ")}.` : ""}
        </Caption1>
      )}
      {chosen && fit && (fit.poor || better) && <FitWarning fit={fit} better={better} ruleset={props.ruleset} label={chosen.target.label} busy={props.busy} onUse={props.onUseRuleset} />}
      <StatusArea status={props.status} place="data" onCancel={props.onCancel} />
    </Section>
  );
}
