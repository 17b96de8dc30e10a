// Choosing the ruleset: a bundled one, the one stored in the workbook, or a JSON file (opened with
// its own button, so moving through the list with the arrow keys never opens the file dialog).
// A file's check, and any problem with it, in words with line and column, are shown here.
import * as React from "react";
import { Button, Caption1, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import type { Ruleset } from "../../engine";
import type { RulesetText } from "../bundled-rulesets";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";
import { StatusArea } from "./StatusArea";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" } });

export function RulesetPicker(props: {
  options: RulesetText[];
  selected: string | null;
  ruleset: Ruleset | null;
  busy: boolean;
  /** A ruleset is being checked: the list stays usable, and a later pick wins. */
  checking: boolean;
  canStore: boolean;
  status: RunStatus;
  onSelect: (key: string) => void;
  onFile: (file: File) => void;
  onStore: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  // The option last asked for, shown while it is being checked (the pick changes once it has passed).
  const [asked, setAsked] = React.useState<string | null>(null);
  return (
    <Section title="Ruleset">
      <Field label="Rules to categorise with">
        {/* Not disabled while a ruleset is being checked: that would take the focus from it mid-way through the list. */}
        <Select
          id="ruleset-select"
          value={(props.checking && asked) || (props.selected ?? "")}
          disabled={props.busy && !props.checking}
          onChange={(_, d) => {
            setAsked(d.value);
            props.onSelect(d.value);
          }}
        >
          {props.selected === null && <option value="">Choose a ruleset…</option>}
          {props.options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
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
        <Button size="small" disabledFocusable={props.busy} onClick={() => {
            setAsked(null);
            input.current?.click();
          }}
          title="Use a ruleset JSON file, such as one from your policy lead" data-testid="ruleset-file-button">
          Open a ruleset file…
        </Button>
        <Button size="small" disabledFocusable={!props.canStore || props.busy} onClick={props.onStore} title="Keep this ruleset inside the workbook, so it travels with the file">
          Store in workbook
        </Button>
      </div>
      <StatusArea status={props.status} place="ruleset" onCancel={props.onCancel} />
    </Section>
  );
}
