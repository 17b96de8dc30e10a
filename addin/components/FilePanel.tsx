// Outside Office: upload a workbook, and download the coloured result once there is one. Opening
// a file shows its progress (with Cancel) and any problem with it here.
import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { RunStatus } from "../use-pane";
import { Section } from "./Section";
import { StatusArea } from "./StatusArea";

const useStyles = makeStyles({ row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" } });

export function FilePanel(props: {
  fileName: string | null;
  busy: boolean;
  canDownload: boolean;
  status: RunStatus;
  onUpload: (file: File) => void;
  onDownload: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  return (
    <Section title="Workbook">
      <input
        ref={input}
        id="workbook-file"
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onUpload(file);
          e.target.value = "";
        }}
      />
      <div className={styles.row}>
        <Button appearance={props.fileName ? "secondary" : "primary"} disabledFocusable={props.busy} onClick={() => input.current?.click()}>
          {props.fileName ? "Open another workbook…" : "Open a workbook (.xlsx)…"}
        </Button>
        <Button disabledFocusable={!props.canDownload || props.busy} onClick={props.onDownload} data-testid="download">
          Download result
        </Button>
      </div>
      <Caption1>{props.fileName ? `Open: ${props.fileName}. The file stays on this computer.` : "The file is read in this page and never uploaded anywhere."}</Caption1>
      <StatusArea status={props.status} place="workbook" onCancel={props.onCancel} />
    </Section>
  );
}
