// The pane outside Office: the officer uploads an .xlsx, the run happens in the page with ExcelJS
// (through the same host the command-line tool uses), and the coloured result is offered as a
// download. Loaded on demand, so ExcelJS is not in the bundle Excel loads.
import ExcelJS from "exceljs";
import { buildOutputPlan, categorise, resultHeaders, SUMMARY_SHEET, type Ruleset } from "../engine";
import type { CellRef } from "../engine/workbook";
import { applyPlanToExcelJS, sourceFromExcelJS } from "../hosts/exceljs-host";
import { TargetError } from "./errors";
import { assertResultsAreaFree, normHeader, resultsAreaOf, runArea, splitStyles } from "./results-area";
import { phase, type PaneHost, type Progress, type RunOutcome, type Target } from "./pane-host";
import {
  STORE_SHEET,
  cellKey,
  emptyStore,
  groupByFill,
  originalsMap,
  originalsRecord,
  parseStore,
  storeGrid,
  type FillSnapshot,
  type StoreContents,
} from "./workbook-store";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function fillOf(cell: ExcelJS.Cell): FillSnapshot {
  const f = cell.style?.fill as ExcelJS.Fill | undefined;
  if (!f || (f.type === "pattern" && f.pattern === "none")) return { color: null };
  const argb = f.type === "pattern" ? (f.fgColor as { argb?: string } | undefined)?.argb : undefined;
  return { color: argb ? `#${argb.slice(-6).toUpperCase()}` : "#FFFFFF", raw: f };
}

function setFill(cell: ExcelJS.Cell, fill: FillSnapshot): void {
  // Replace the style object: ExcelJS may share one between cells.
  const { fill: _old, ...rest } = cell.style ?? {};
  if (fill.raw) cell.style = { ...rest, fill: fill.raw as ExcelJS.Fill };
  else if (fill.color) cell.style = { ...rest, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + fill.color.slice(1) } } };
  else cell.style = rest;
}

function clearCell(cell: ExcelJS.Cell): void {
  cell.value = null;
  cell.style = {};
}

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
      throw new TargetError(`'${fileName}' could not be read as an Excel workbook (.xlsx): ${(e as Error).message}`);
    }
    return new BrowserHost(wb, fileName);
  }

  async listTargets(): Promise<Target[]> {
    const source = sourceFromExcelJS(this.wb);
    return this.wb.worksheets
      .filter((ws) => ws.state === "visible" && ws.name !== SUMMARY_SHEET)
      .map((ws) => source.readSheet(ws.name)!)
      .filter((s) => s.headers.length)
      .map((s) => ({ id: `sheet:${s.name}`, sheet: s.name, label: `Sheet ${s.name}`, headers: s.headers, headerRow: s.headerRow, dataRows: s.rows.length }));
  }

  private readStore(): StoreContents {
    const ws = this.wb.getWorksheet(STORE_SHEET);
    if (!ws) return emptyStore();
    const grid: unknown[][] = [];
    ws.eachRow((row, r) => (grid[r - 1] = [row.getCell(1).value, row.getCell(2).value]));
    return parseStore(Array.from(grid, (r) => r ?? []));
  }

  private writeStore(store: StoreContents): void {
    const old = this.wb.getWorksheet(STORE_SHEET);
    if (old) this.wb.removeWorksheet(old.id);
    const ws = this.wb.addWorksheet(STORE_SHEET, { state: "veryHidden" });
    for (const row of storeGrid(store)) ws.addRow(row);
  }

  async readStoredRuleset(): Promise<string | null> {
    return this.readStore().ruleset;
  }

  async storeRuleset(text: string | null): Promise<void> {
    this.writeStore({ ...this.readStore(), ruleset: text });
  }

  async run(target: Target, ruleset: Ruleset, progress: Progress): Promise<RunOutcome> {
    progress(0, "Reading the workbook…");
    const source = sourceFromExcelJS(this.wb);
    const result = await categorise(source, ruleset, { sheet: target.sheet, onProgress: phase(progress, "categorise", "Categorising: {done} of {total} rows…") });
    const plan = buildOutputPlan(result, ruleset);
    const store = this.readStore();
    const recordedRun = store.records[plan.sheet];
    const sameLayout = !!recordedRun && recordedRun.headerRow === plan.headerRow && recordedRun.firstColumn === plan.firstColumn;
    const previous = sameLayout ? recordedRun : null;
    const sheet = source.readSheet(plan.sheet)!;
    const area = runArea(plan, sheet.headerRow + sheet.rows.length, previous);
    const grid = resultsAreaOf(sheet.headers, sheet.rows, sheet.firstColumn, plan, area.right - plan.firstColumn + 1);
    assertResultsAreaFree(grid, plan, [...plan.headers, ...(previous?.headers ?? [])]);
    progress(0.6, "Writing results…");

    const ws = this.wb.getWorksheet(plan.sheet)!;
    const notes: string[] = [];
    if (recordedRun && !sameLayout) notes.push(`The table on '${plan.sheet}' moved since the last run, so trigger colours from that run could not be restored.`);
    const recorded = previous ? originalsMap(previous) : new Map<string, FillSnapshot>();
    const { results, officer } = splitStyles(plan);
    const originals = new Map<string, FillSnapshot>();
    for (const c of officer.flatMap((g) => g.cells)) originals.set(cellKey(c), recorded.get(cellKey(c)) ?? fillOf(ws.getCell(c.row, c.column)));

    // Clear the old results area, restore fills this run no longer needs, then write.
    // Only the area checked above: our columns, never a column beyond them.
    const lastRow = plan.headerRow + plan.values.length;
    for (let r = plan.headerRow; r <= area.bottom; r++) for (let c = plan.firstColumn; c <= area.right; c++) clearCell(ws.getCell(r, c));
    for (const { fill, cells } of groupByFill(recorded, (k) => !originals.has(k))) for (const c of cells) setFill(ws.getCell(c.row, c.column), fill);
    applyPlanToExcelJS(this.wb, {
      ...plan,
      styles: [...results, ...officer.map((g) => ({ style: { fill: g.fill }, cells: g.cells }))],
    });
    this.writeStore({
      ...store,
      records: { ...store.records, [plan.sheet]: { headerRow: plan.headerRow, firstColumn: plan.firstColumn, headers: plan.headers, lastRow, originals: originalsRecord(originals) } },
      summary: { sheet: plan.sheet, name: plan.summary.name },
    });
    progress(1, "Done");
    return { result, plan, notes };
  }

  async clear(target: Target, ruleset: Ruleset | null): Promise<string> {
    const store = this.readStore();
    const record = store.records[target.sheet];
    const ws = this.wb.getWorksheet(target.sheet);
    if (!ws) throw new TargetError(`The sheet '${target.sheet}' is no longer in this workbook.`);
    const sheet = sourceFromExcelJS(this.wb).readSheet(target.sheet)!;
    let area: { headerRow: number; firstColumn: number; width: number; lastRow: number } | null = null;
    if (record && record.headers.every((h, j) => normHeader(ws.getCell(record.headerRow, record.firstColumn + j).value) === normHeader(h))) {
      area = { headerRow: record.headerRow, firstColumn: record.firstColumn, width: record.headers.length, lastRow: record.lastRow };
    } else {
      const ours = new Set((ruleset ? resultHeaders(ruleset) : ["Category"]).map(normHeader));
      let end = sheet.headers.length;
      while (end > 0 && !sheet.headers[end - 1]) end--;
      for (let start = end - 1; start >= 0 && ours.has(normHeader(sheet.headers[start])); start--) {
        if (normHeader(sheet.headers[start]) === "category") {
          area = { headerRow: sheet.headerRow, firstColumn: sheet.firstColumn + start, width: end - start, lastRow: sheet.headerRow + sheet.rows.length };
          break;
        }
      }
    }
    const originals = originalsMap(record);
    if (area) {
      const bottom = Math.max(area.lastRow, sheet.headerRow + sheet.rows.length);
      for (let r = area.headerRow; r <= bottom; r++) for (let c = area.firstColumn; c < area.firstColumn + area.width; c++) clearCell(ws.getCell(r, c));
    }
    for (const { fill, cells } of groupByFill(originals)) for (const c of cells as CellRef[]) setFill(ws.getCell(c.row, c.column), fill);
    let summary = store.summary;
    if (summary?.sheet === target.sheet) {
      const old = this.wb.getWorksheet(summary.name);
      if (old) this.wb.removeWorksheet(old.id);
      summary = null;
    }
    const { [target.sheet]: _gone, ...records } = store.records;
    if (this.wb.getWorksheet(STORE_SHEET)) this.writeStore({ ...store, records, summary });
    if (!area && !originals.size) return `No results to clear on '${target.sheet}'.`;
    return `Cleared the results on '${target.sheet}'${originals.size ? ` and restored ${originals.size.toLocaleString("en-GB")} cell colours` : ""}.`;
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
