// useLetters: the Letters section's choices and its one job. After a run the officer picks the kind
// of letter, which schools (categories, stage, changed since the run before, not yet sent), the
// template (the bundled one, or their own .docx) and one file per school or one document; making
// them runs in the engine worker (Cancel stops it), the file is saved as the workbook's download is,
// and the batch is recorded in the workbook.
import * as React from "react";
import type { EngineWorker } from "./engine-client";
import type { LettersAsk, LettersMade } from "./letters-protocol";
import { lettersMessage, lettersProblem } from "./letters-message";
import { todayIso, type LetterKindId } from "../engine";
import { saveFile } from "./save-file";
import { CancelledError } from "./worker-errors";
import { bundledTemplate, makeLetters, ownTemplate } from "./letters-run";
import type { PaneHost, Target } from "./pane-host";
import type { LastRun, RunStatus } from "./use-pane";
import type { RulesetSent } from "./worker-protocol";

export interface LettersChoices {
  kind: LetterKindId;
  bands: ReadonlySet<string>;
  /** A stage id, or "" for any. */
  stage: string;
  changed: boolean;
  unsent: boolean;
  combined: boolean;
  record: boolean;
  date: string;
  /** The officer's own template; null: the bundled one. */
  template: File | null;
}

// The section's status shows in its own StatusArea, which takes the pane's status shape: "run" is
// only the place it matches there, and the kind of job Cancel stops.
const idle: RunStatus = { place: "run", progress: null, message: null, warnings: [] };

export interface LettersContext {
  engine: EngineWorker;
  host: PaneHost;
  target: Target;
  run: LastRun;
  ruleset: RulesetSent;
  fileName: string | null;
}

export function useLetters(ctx: LettersContext) {
  const [choices, setChoices] = React.useState<LettersChoices>(() => ({
    kind: "categorisation",
    bands: new Set(),
    stage: "",
    changed: false,
    unsent: false,
    combined: false,
    record: true,
    date: todayIso(),
    template: null,
  }));
  const [status, setStatus] = React.useState<RunStatus>(idle);
  const [saved, setSaved] = React.useState<{ blob: Blob; name: string } | null>(null);
  const job = React.useRef<AbortController | null>(null);
  const choose = (change: Partial<LettersChoices>) => setChoices((c) => ({ ...c, ...change }));

  async function make() {
    const signal = (job.current = new AbortController()).signal;
    const { run, ruleset } = ctx;
    // Once the record is being written in Excel, the job can no longer be cancelled.
    let cancellable = true;
    const progress = (fraction: number, label: string) => signal.aborted || setStatus({ ...idle, progress: { fraction, label, cancel: cancellable ? "run" : null } });
    const committing = () => (cancellable = false);
    progress(0, "Loading the template…");
    try {
      const template = choices.template ? await ownTemplate(choices.template) : await bundledTemplate(run.ruleset.id, choices.kind, run.ruleset.title);
      const ask: LettersAsk = {
        kind: choices.kind,
        bands: [...choices.bands],
        stages: choices.stage ? [choices.stage] : [],
        changed: choices.changed,
        unsent: choices.unsent,
        combined: choices.combined,
        date: choices.date,
        asOf: run.outcome.result.asOf,
        record: choices.record,
        template,
        workbookName: ctx.fileName ?? `${ctx.target.sheet}.xlsx`,
      };
      const histories = (run.ruleset.history ?? []).flatMap((h) => h.sheet);
      const made: LettersMade = await makeLetters(ctx.engine, ctx.host, ctx.target, ruleset, histories, ask, { signal, progress, committing });
      if (signal.aborted) return;
      const file = made.file && { blob: new Blob([made.file.bytes as BlobPart], { type: made.file.type }), name: made.file.name };
      setSaved(file);
      if (file) saveFile(file.blob, file.name);
      setStatus({ ...idle, message: lettersMessage(made, choices.kind, ctx.host.kind) });
    } catch (error) {
      if (signal.aborted || error instanceof CancelledError) return;
      setStatus({ ...idle, message: lettersProblem(error) });
    }
  }

  function cancel() {
    if (!status.progress) return;
    job.current?.abort();
    setStatus({ ...idle, message: { intent: "info", title: "Letters cancelled", body: "No letter was saved, and nothing was recorded in the workbook." } });
  }

  return {
    choices,
    choose,
    status,
    busy: !!status.progress,
    /** The last file made, to save again. */
    saved,
    make: () => void make(),
    saveAgain: () => saved && saveFile(saved.blob, saved.name),
    cancel,
  };
}
