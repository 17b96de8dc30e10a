// The pane outside Office: the officer uploads an .xlsx, the run happens in the page with ExcelJS
// (through the same host the command-line tool uses), and the coloured result is offered as a
// download. Loaded on demand, so ExcelJS is not in the bundle Excel loads. Run and Clear are
// hosts/exceljs-run.ts, shared with the command-line tool.
import ExcelJS from "exceljs";
import { InputError, type Ruleset } from "../engine";
import { sourceFromExcelJS } from "../hosts/exceljs/workbook-io";
import { clearOnExcelJS, readStore, runOnExcelJS, writeStore } from "../hosts/exceljs/run-and-clear";
import { phase, type PaneHost, type Progress, type RunOutcome, type Target } from "./pane-host";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export class BrowserHost implements PaneHost {
  readonly kind = "browser" as const;
  private constructor(
    private wb: ExcelJS.Workbook,
    readonly fileName: string,
  ) {}

  static async open(data: ArrayBuffer, fileName: string): Promise<BrowserHost> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data);
    } catch (e) {
      throw new InputError(`'${fileName}' could not be read as an Excel workbook (.xlsx): ${(e as Error).message}`);
    }
    return new BrowserHost(wb, fileName);
  }

  async listTargets(): Promise<Target[]> {
    const source = sourceFromExcelJS(this.wb);
    const summary = readStore(this.wb).summary?.name;
    return this.wb.worksheets
      .filter((ws) => ws.state === "visible" && ws.name !== summary)
      .map((ws) => source.readSheet(ws.name)!)
      .filter((s) => s.headers.length)
      .map((s) => ({ id: `sheet:${s.name}`, sheet: s.name, label: `Sheet ${s.name}`, headers: s.headers, headerRow: s.headerRow, dataRows: s.rows.length }));
  }

  async readStoredRuleset(): Promise<string | null> {
    return readStore(this.wb).ruleset;
  }

  async storeRuleset(text: string | null): Promise<void> {
    writeStore(this.wb, { ...readStore(this.wb), ruleset: text });
  }

  async run(target: Target, ruleset: Ruleset, progress: Progress): Promise<RunOutcome> {
    progress(0, "Reading the workbook…");
    const outcome = await runOnExcelJS(this.wb, ruleset, {
      sheet: target.sheet,
      onProgress: phase(progress, "categorise", "Categorising: {done} of {total} rows…"),
      onWrite: () => progress(0.6, "Writing results…"),
    });
    progress(1, "Done");
    return outcome;
  }

  async clear(target: Target): Promise<string> {
    return clearOnExcelJS(this.wb, target.sheet);
  }

  /** The workbook as an .xlsx file. */
  async download(): Promise<Blob> {
    const buffer = await this.wb.xlsx.writeBuffer();
    return new Blob([buffer as ArrayBuffer], { type: XLSX_TYPE });
  }

  get downloadName(): string {
    return this.fileName.replace(/\.xlsx$/i, "") + "-categorised.xlsx";
  }
}
