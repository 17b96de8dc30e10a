// Outside Office: upload a workbook, and download the coloured result.
import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { Section } from "./Section";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" } });

export function FilePanel(props: { fileName: string | null; busy: boolean; canDownload: boolean; onUpload: (file: File) => void; onDownload: () => void }) {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <Section title="Workbook">
      <input
        ref={input}
        id="workbook-file"
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onUpload(file);
          e.target.value = "";
        }}
      />
      <div className={styles.row}>
        <Button appearance={props.fileName ? "secondary" : "primary"} disabled={props.busy} onClick={() => input.current?.click()}>
          {props.fileName ? "Open another workbook…" : "Open a workbook (.xlsx)…"}
        </Button>
        <Button disabled={!props.canDownload || props.busy} onClick={props.onDownload} data-testid="download">
          Download result
        </Button>
      </div>
      <Caption1>{props.fileName ? `Open: ${props.fileName}. The file stays on this computer.` : "The file is read in this page and never uploaded anywhere."}</Caption1>
    </Section>
  );
}
