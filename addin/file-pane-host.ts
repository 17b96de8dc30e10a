// The pane outside Office: the officer uploads an .xlsx, which is opened, run and cleared in the
// engine worker (BrowserHost there, on the command-line tool's file host). This side keeps the file
// as it stands, takes the worker's new file only when a change has finished, and offers it as a
// download; so a cancelled run leaves the file as it was. A fresh worker (after a cancel) is given
// the file again before its next request.
import { downloadName, downloadType } from "./download-name";
import type { EngineWorker } from "./engine-client";
import type { PaneHost, Progress, RecordedResults, RulesetInUse, RunControl, RunOutcome, Target } from "./pane-host";
import type { EngineRequest, EngineReplies } from "./worker-protocol";

/** Where the progress bar stands while the result comes back from the worker (after writing). */
const RECEIVE = [0.9, 1] as const;

export class FilePaneHost implements PaneHost {
  readonly kind = "browser" as const;

  private constructor(
    private readonly engine: EngineWorker,
    private bytes: Uint8Array,
    readonly fileName: string,
  ) {}

  /** Opens an uploaded file in the worker; an unreadable one is refused with the reason. */
  static async open(engine: EngineWorker, data: ArrayBuffer, fileName: string, signal?: AbortSignal): Promise<FilePaneHost> {
    const host = new FilePaneHost(engine, new Uint8Array(data), fileName);
    await host.opened({ signal });
    return host;
  }

  /** Makes sure the running worker holds this file (a fresh one is given it again). */
  private async opened(options: { signal?: AbortSignal; progress?: Progress }): Promise<void> {
    if (this.engine.holds(this)) return;
    // Requests are taken in order, so later ones may be sent while this one is opening.
    const opening = this.engine.request({ kind: "openFile", bytes: this.bytes, name: this.fileName }, options);
    this.engine.hold(this);
    try {
      await opening;
    } catch (e) {
      if (this.engine.holds(this)) this.engine.hold(null);
      throw e;
    }
  }

  private async ask<K extends EngineRequest["kind"]>(request: Extract<EngineRequest, { kind: K }>, options: { signal?: AbortSignal; progress?: Progress } = {}): Promise<EngineReplies[K]> {
    await this.opened(options);
    return this.engine.request(request, options);
  }

  listTargets(): Promise<Target[]> {
    return this.ask({ kind: "listTargets" });
  }

  readStoredRuleset(): Promise<string | null> {
    return this.ask({ kind: "readStoredRuleset" });
  }

  recordedResults(): Promise<RecordedResults> {
    return this.ask({ kind: "recordedResults" });
  }

  async storeRuleset(text: string | null): Promise<void> {
    this.bytes = await this.ask({ kind: "storeRuleset", text });
  }

  async run(target: Target, ruleset: RulesetInUse, control: RunControl): Promise<RunOutcome> {
    const { progress, signal } = control;
    if (!this.engine.holds(this)) progress(0, `Opening ${this.fileName} again…`);
    await this.opened({ signal });
    const { bytes, ...outcome } = await this.engine.request(
      { kind: "runFile", ruleset: { text: ruleset.text.text, source: ruleset.text.source }, target },
      {
        signal,
        progress,
        onPart: (received, count) => progress(RECEIVE[0] + ((RECEIVE[1] - RECEIVE[0]) * received) / count, "Receiving the results…"),
      },
    );
    this.bytes = bytes;
    return outcome;
  }

  async clear(target: Target): Promise<string> {
    const { bytes, message } = await this.ask({ kind: "clearFile", target });
    this.bytes = bytes;
    return message;
  }

  /** Letters made in the worker from the file, which takes the record of letters sent when one is kept. */
  async makeLetters(request: Extract<EngineRequest, { kind: "makeLetters" }>, options: { signal?: AbortSignal; progress?: Progress } = {}): Promise<EngineReplies["makeLetters"]> {
    const made = await this.ask(request, options);
    if (made.workbook) this.bytes = made.workbook;
    return made;
  }

  /** The workbook as a file: the uploaded one with only the changed parts rewritten. */
  download(): Blob {
    return new Blob([this.bytes as BlobPart], { type: downloadType(this.fileName) });
  }

  get downloadName(): string {
    return downloadName(this.fileName);
  }
}
