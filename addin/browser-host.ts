// The uploaded workbook outside Office, in the engine worker (engine-service.ts): the run happens
// through the same file host the command-line tool uses (the streaming reader reads, the
// package-preserving writer writes only what changed). The page holds the file itself and offers it as a download
// (file-pane-host.ts). Loaded on demand, so the file host is not in what Excel loads.
import { movement, type Ruleset, type StoreContents } from "../engine";
import { clearOnFile, openWorkbook, runOnFile, storeOnFile, storeRulesetOnFile, type OpenWorkbook } from "../hosts/file/run-and-clear";
import { downloadName, downloadType } from "./download-name";
import { phase, type Progress, type RecordedResults, type RunOutcome, type Target } from "./pane-host";

export class BrowserHost {
  readonly kind = "browser" as const;
  private current: Uint8Array;
  /** The reading of the current bytes; after a change it is made again when next needed. */
  private opened: Promise<OpenWorkbook> | null;

  private constructor(
    book: OpenWorkbook,
    readonly fileName: string,
  ) {
    this.current = book.bytes;
    this.opened = Promise.resolve(book);
  }

  static async open(data: ArrayBuffer | Uint8Array, fileName: string): Promise<BrowserHost> {
    return new BrowserHost(await openWorkbook(data instanceof Uint8Array ? data : new Uint8Array(data), fileName), fileName);
  }

  /** The workbook file as it now is: the uploaded one with only the changed parts rewritten. */
  get bytes(): Uint8Array {
    return this.current;
  }

  private book(): Promise<OpenWorkbook> {
    this.opened ??= Promise.resolve()
      .then(() => openWorkbook(this.current, this.fileName))
      .catch((e: unknown) => {
        this.opened = null;
        throw e;
      });
    return this.opened;
  }

  /** The workbook after a change: what is downloaded, and what the next action reads. */
  private replace(bytes: Uint8Array): void {
    if (bytes === this.current) return;
    this.current = bytes;
    this.opened = null;
  }

  async listTargets(): Promise<Target[]> {
    const { sheets, source, store } = await this.book();
    return sheets
      .filter((ws) => ws.state === "visible" && ws.name !== store.summary?.name)
      .map((ws) => source.readSheet(ws.name)!)
      .filter((s) => s.headers.length)
      .map((s) => ({ id: `sheet:${s.name}`, sheet: s.name, label: `Sheet ${s.name}`, headers: s.headers, headerRow: s.headerRow, dataRows: s.rows.length }));
  }

  async readStoredRuleset(): Promise<string | null> {
    return (await this.book()).store.ruleset;
  }

  async recordedResults(): Promise<RecordedResults> {
    const { store } = await this.book();
    return { sheets: Object.keys(store.records), summary: store.summary?.sheet ?? null };
  }

  async storeRuleset(text: string | null): Promise<void> {
    this.replace(storeRulesetOnFile(await this.book(), text));
  }

  /** Runs on the file; the pane's summary is the worker's to add (engine-service.ts). */
  async run(target: Target, ruleset: Ruleset, progress: Progress): Promise<Omit<RunOutcome, "summary">> {
    progress(0, "Reading the workbook…");
    const book = await this.book();
    const { bytes, ...outcome } = await runOnFile(book, ruleset, {
      sheet: target.sheet,
      onProgress: phase(progress, "categorise", "Categorising: {done} of {total} rows…"),
      onWrite: () => progress(0.6, "Writing results…"),
    });
    this.replace(bytes);
    // Against the store as read before the run, as the summary sheet's movement table is.
    return { ...outcome, movement: movement(book.store, outcome.result, ruleset, outcome.plan.run) };
  }

  /** The workbook as read now: its sheets and store (for the letters, letters-service.ts). */
  openBook(): Promise<OpenWorkbook> {
    return this.book();
  }

  /** Writes the store (the record of letters sent) into the file; returns the file. */
  async writeStore(store: StoreContents): Promise<Uint8Array> {
    this.replace(storeOnFile(await this.book(), store));
    return this.current;
  }

  async clear(target: Target): Promise<string> {
    const { bytes, message } = clearOnFile(await this.book(), target.sheet);
    this.replace(bytes);
    return message;
  }

  /** The workbook as a file. */
  async download(): Promise<Blob> {
    return new Blob([this.current as BlobPart], { type: downloadType(this.fileName) });
  }

  get downloadName(): string {
    return downloadName(this.fileName);
  }
}

