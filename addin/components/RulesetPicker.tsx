// Choosing the ruleset: a bundled one, a JSON file, or the one stored in the workbook.
import * as React from "react";
import { Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { Ruleset } from "../../engine";
import type { RulesetText } from "../bundled-rulesets";
import { Section } from "./Section";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" } });

export const FILE_KEY = "file";

export function RulesetPicker(props: {
  options: RulesetText[];
  selected: string | null;
  ruleset: Ruleset | null;
  busy: boolean;
  canStore: boolean;
  onSelect: (key: string) => void;
  onFile: (file: File) => void;
  onStore: () => void;
}) {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <Section title="Ruleset">
      <Field label="Rules to categorise with">
        <Select id="ruleset-select" value={props.selected ?? ""} disabled={props.busy} onChange={(_, d) => (d.value === FILE_KEY ? input.current?.click() : props.onSelect(d.value))}>
          {props.selected === null && <option value="">Choose a ruleset…</option>}
          {props.options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
          <option value={FILE_KEY}>From a JSON file…</option>
        </Select>
      </Field>
      <input
        ref={input}
        id="ruleset-file"
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onFile(file);
          e.target.value = "";
        }}
      />
      {props.ruleset && (
        <Caption1>
          {props.ruleset.title}, version {props.ruleset.version}: {props.ruleset.bands.length} categories, {props.ruleset.triggers.length} triggers, {props.ruleset.escalation?.length ?? 0} escalation stages.
        </Caption1>
      )}
      <div className={styles.row}>
        <Button size="small" disabled={!props.canStore || props.busy} onClick={props.onStore} title="Keep this ruleset inside the workbook, so it travels with the file">
          Store in workbook
        </Button>
      </div>
    </Section>
  );
}
