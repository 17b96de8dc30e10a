// After a run: letters and notices to the schools, filled from a Word template and saved as a .zip
// (a .docx per school) or one document. Loaded on demand (App.tsx), with the letters' own code.
import * as React from "react";
import { Button, Caption1, Field, Input, makeStyles, Select, Switch, tokens } from "@fluentui/react-components";
import { LETTER_KIND, LETTER_KINDS, type LetterKindId, type Ruleset } from "../../engine";
import { BandChips } from "./BandChips";
import { Section } from "./Section";
import { StatusArea } from "./StatusArea";
import { useLetters, type LettersContext } from "../letters-state";
import { cannotSaveHere } from "../letters-run";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  fill: { minWidth: 0, width: "100%" },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  note: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, overflowWrap: "anywhere" },
});

const KIND_LABEL: Record<LetterKindId, string> = {
  categorisation: "Categorisation letter",
  "notice-of-concern": "Notice of Concern",
  s60: "Warning notice (s60)",
};

/** Who gets the kind of letter when no category or stage is chosen. */
function goesTo(kind: LetterKindId, ruleset: Ruleset): string {
  const k = LETTER_KIND[kind];
  if (!k.maintainedOnly) return "Goes to every categorised school, unless you choose categories or a stage.";
  const stages = (ruleset.escalation ?? []).filter((s) => k.defaultStages.includes(s.id)).map((s) => `'${s.label}'`);
  const at = stages.length ? `at the stage ${stages.join(" or ")}` : "at the stage you choose (this ruleset has no default one)";
  return `Goes to maintained schools ${at}, unless you choose categories or a stage. Academies and free schools get none: the council raises its concerns with the trust and the DfE.`;
}

export default function LettersPanel(props: LettersContext & { paneBusy: boolean }) {
  const styles = useStyles();
  const letters = useLetters(props);
  const { choices, choose } = letters;
  const ruleset = props.run.ruleset;
  const rows = props.run.outcome.result.rows;
  const input = React.useRef<HTMLInputElement>(null);
  const counts = React.useMemo(() => {
    const c = new Map<string, number>();
    for (const r of rows) c.set(r.band, (c.get(r.band) ?? 0) + 1);
    return c;
  }, [rows]);
  const blocked = cannotSaveHere();
  const busy = props.paneBusy || letters.busy;
  const toggleBand = (id: string) => {
    const next = new Set(choices.bands);
    if (!next.delete(id)) next.add(id);
    choose({ bands: next });
  };
  return (
    <Section title="Letters" testId="letters">
      <Caption1 className={styles.note}>Letters and notices to the schools of this run, filled from a Word template.</Caption1>
      <Field label="Letter">
        <Select className={styles.fill} value={choices.kind} onChange={(_, d) => choose({ kind: d.value as LetterKindId })} data-testid="letters-kind">
          {LETTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 className={styles.note} data-testid="letters-goes-to">
        {goesTo(choices.kind, ruleset)}
      </Caption1>
      <div className={styles.group}>
        <Caption1 id="letters-bands-label">Only these categories</Caption1>
        <BandChips
          ruleset={ruleset}
          counts={counts}
          on={choices.bands}
          toggle={toggleBand}
          title={(b) => `${b.id} ${b.label}`}
          label={{ by: "letters-bands-label" }}
          testId="letters-bands"
        />
      </div>
      {(ruleset.escalation ?? []).length > 0 && (
        <Field label="Escalation stage">
          <Select className={styles.fill} value={choices.stage} onChange={(_, d) => choose({ stage: d.value })} data-testid="letters-stage">
            <option value="">Any stage</option>
            {(ruleset.escalation ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={styles.group}>
        <Switch checked={choices.changed} onChange={(_, d) => choose({ changed: d.checked })} label="Only schools whose category or stage changed since the run before this one" data-testid="letters-changed" />
        <Switch checked={choices.unsent} onChange={(_, d) => choose({ unsent: d.checked })} label="Only schools not yet sent this kind of letter" data-testid="letters-unsent" />
      </div>
      <Field label="Save as">
        <Select className={styles.fill} value={choices.combined ? "combined" : "each"} onChange={(_, d) => choose({ combined: d.value === "combined" })} data-testid="letters-output">
          <option value="each">A Word document per school, in a .zip</option>
          <option value="combined">Every letter in one Word document</option>
        </Select>
      </Field>
      <Field label="Letter date">
        <Input className={styles.fill} type="date" value={choices.date} onChange={(_, d) => d.value && choose({ date: d.value })} data-testid="letters-date" />
      </Field>
      <div className={styles.group}>
        <Caption1 id="letters-template-label">Template</Caption1>
        <Caption1 className={styles.note} data-testid="letters-template">
          {choices.template ? `Your own: ${choices.template.name}.` : `The bundled ${LETTER_KIND[choices.kind].title} for ${ruleset.title}.`}
        </Caption1>
        <input
          ref={input}
          id="letters-template-file"
          type="file"
          accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) choose({ template: file });
            e.target.value = "";
          }}
        />
        <div className={styles.row}>
          <Button size="small" onClick={() => input.current?.click()} aria-describedby="letters-template-label">
            Use my own template (.docx)…
          </Button>
          {choices.template && (
            <Button size="small" onClick={() => choose({ template: null })}>
              Use the bundled one
            </Button>
          )}
        </div>
      </div>
      <Switch checked={choices.record} onChange={(_, d) => choose({ record: d.checked })} label="Record them in the workbook as sent" data-testid="letters-record" />
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={busy || blocked} onClick={letters.make} data-testid="letters-make">
          Make letters
        </Button>
        {letters.saved && (
          <Button disabledFocusable={busy} onClick={letters.saveAgain} title={letters.saved.name} data-testid="letters-save-again">
            Save again
          </Button>
        )}
      </div>
      {blocked && (
        <Caption1 className={styles.warning} data-testid="letters-blocked">
          Excel on Mac does not let an add-in save files. Make the letters from the pane in a browser (open the workbook there), or with the command line&apos;s
          &apos;categorise letters&apos;.
        </Caption1>
      )}
      <StatusArea status={letters.status} place="run" onCancel={letters.cancel} />
    </Section>
  );
}
