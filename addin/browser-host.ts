// The pane outside Office: the officer uploads an .xlsx, the run happens in the page through the
// same file host the command-line tool uses (ExcelJS reads, the package-preserving writer writes
// only what changed), and the result is offered as a download. Loaded on demand, so ExcelJS is not
// in the bundle Excel loads.
import type { Ruleset } from "../engine";
import { clearOnFile, openWorkbook, runOnFile, storeRulesetOnFile, type OpenWorkbook } from "../hosts/file/run-and-clear";
import { phase, type PaneHost, type Progress, type RunOutcome, type Target } from "./pane-host";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.12";

export class BrowserHost implements PaneHost {
  readonly kind = "browser" as const;
  private constructor(
    private book: OpenWorkbook,
    readonly fileName: string,
  ) {}

  static async open(data: ArrayBuffer, fileName: string): Promise<BrowserHost> {
    return new BrowserHost(await openWorkbook(new Uint8Array(data), fileName), fileName);
  }

  /** The workbook after a change: what is downloaded, and what the next action reads. */
  private async replace(bytes: Uint8Array): Promise<void> {
    if (bytes !== this.book.bytes) this.book = await openWorkbook(bytes, this.fileName);
  }

  async listTargets(): Promise<Target[]> {
    const { sheets, source, store } = this.book;
    return sheets
      .filter((ws) => ws.state === "visible" && ws.name !== store.summary?.name)
      .map((ws) => source.readSheet(ws.name)!)
      .filter((s) => s.headers.length)
      .map((s) => ({ id: `sheet:${s.name}`, sheet: s.name, label: `Sheet ${s.name}`, headers: s.headers, headerRow: s.headerRow, dataRows: s.rows.length }));
  }

  async readStoredRuleset(): Promise<string | null> {
    return this.book.store.ruleset;
  }

  async storeRuleset(text: string | null): Promise<void> {
    await this.replace(storeRulesetOnFile(this.book, text));
  }

  async run(target: Target, ruleset: Ruleset, progress: Progress): Promise<RunOutcome> {
    progress(0, "Reading the workbook…");
    const { bytes, ...outcome } = await runOnFile(this.book, ruleset, {
      sheet: target.sheet,
      onProgress: phase(progress, "categorise", "Categorising: {done} of {total} rows…"),
      onWrite: () => progress(0.6, "Writing results…"),
    });
    await this.replace(bytes);
    progress(1, "Done");
    return outcome;
  }

  async clear(target: Target): Promise<string> {
    const { bytes, message } = clearOnFile(this.book, target.sheet);
    await this.replace(bytes);
    return message;
  }

  /** The workbook as a file: the uploaded one with only the changed parts rewritten. */
  async download(): Promise<Blob> {
    return new Blob([this.book.bytes as BlobPart], { type: this.macroEnabled ? XLSM_TYPE : XLSX_TYPE });
  }

  private get macroEnabled(): boolean {
    return /\.xlsm$/i.test(this.fileName);
  }

  get downloadName(): string {
    const ext = this.macroEnabled ? ".xlsm" : ".xlsx";
    return this.fileName.replace(/\.xls[xm]$/i, "") + "-categorised" + ext;
  }
}
