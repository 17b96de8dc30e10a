// Run and Clear on a workbook file: the command-line tool and the page outside Office both use this,
// so a workbook behaves the same whichever wrote it. The streaming reader gives the values; the
// package-preserving writer (both in hosts/xlsx-package) writes only what changed, so charts,
// pivot tables, macros and labels survive. What to clear, which fills to read and restore, and the run record to keep are the
// engine's re-run policy; this file only does the I/O.
import { buildOutputPlan, categorise, cutArea, NotWrittenError, planClear, planRun, printLayout, runSnapshotArea, type FillSnapshot, type OutputPlan, type Ruleset, type RunOptions, type RunResult, type StoreContents } from "../../engine";
import { clearEdits, runEdits, storeEdits } from "./package-edits";
import { patchWorkbook, readCellFillList, readPrintSetup, type CellFill } from "../xlsx-package";
import type { OpenWorkbook } from "./open-workbook";

export { openWorkbook, type OpenWorkbook } from "./open-workbook";

export interface FileRunOptions extends RunOptions {
  /** Called once the run is categorised and checked, just before the workbook is written. */
  onWrite?: () => void;
}

export interface FileRun {
  /** The workbook with the results: the input's bytes with only the changed parts rewritten. */
  bytes: Uint8Array;
  result: RunResult;
  plan: OutputPlan;
  /** Notes for the user besides result.warnings (e.g. colours that could not be restored). */
  notes: string[];
}

const sheetNames = (book: OpenWorkbook) => book.sheets.map((s) => s.name);

/**
 * Categorises a sheet and returns the workbook with the results, fills, summary sheet and run
 * record, as the re-run policy decides; every other part of the file is kept as it was.
 * Throws NotWrittenError when officer data is in the way (nothing is written).
 */
export async function runOnFile(book: OpenWorkbook, ruleset: Ruleset, options: FileRunOptions = {}): Promise<FileRun> {
  const { source, store } = book;
  const result = await categorise(source, ruleset, { ...options, store });
  const plan = buildOutputPlan(result, ruleset, source, store);
  const sheet = source.readSheet(plan.sheet)!;
  const header = { cells: sheet.headers, row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const area = runSnapshotArea(plan, store, header, sheet.headerRow + sheet.rows.length);
  const names = sheetNames(book);
  const decision = planRun(plan, store, header, names, cutArea(sheet, area), area);
  options.onWrite?.();

  const read = decision.readFills.length ? readCellFillList(book.bytes, plan.sheet, decision.readFills, book.parts) : [];
  // Cells of one style share a fill, and so share its snapshot.
  const snapshots = new Map<CellFill, FillSnapshot>();
  const fills: FillSnapshot[] = read.map((f) => {
    let snapshot = snapshots.get(f);
    if (!snapshot) snapshots.set(f, (snapshot = f.fillXml ? { color: f.color, xml: f.fillXml } : { color: f.color ?? null }));
    return snapshot;
  });
  // Page setup: the schools sheet's own is read first, for an officer's is kept (this host draws no charts).
  const print = printLayout(plan, readPrintSetup(book.bytes, plan.sheet, book.parts), false);
  const bytes = patchWorkbook(book.bytes, runEdits(plan, decision, decision.storeAfter(fills), names, book.storeRows, print), book.parts);
  const notes = print.schoolsNote ? [...decision.notes, print.schoolsNote] : decision.notes;
  return { bytes, result, plan: { ...plan, summary: { ...plan.summary, name: decision.summaryName } }, notes };
}

/**
 * Clears a sheet's results, restores the recorded officer fills and deletes the summary sheet
 * that run wrote, as the re-run policy decides. Returns the workbook and a message for the user.
 */
export function clearOnFile(book: OpenWorkbook, sheetName: string): { bytes: Uint8Array; message: string } {
  const sheet = book.source.readSheet(sheetName);
  if (!sheet) throw new NotWrittenError("missing-target", `There is no sheet '${sheetName}' in this workbook.`, sheetName);
  const { store } = book;
  const header = { cells: sheet.headers, row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const decision = planClear(sheetName, store, { header, bottom: sheet.headerRow + sheet.rows.length });
  const nothing = !decision.clear && !decision.restore.length && !decision.dropSummary && !store.records[sheetName];
  return { bytes: nothing ? book.bytes : patchWorkbook(book.bytes, clearEdits(sheetName, decision, sheetNames(book), book.storeRows), book.parts), message: decision.message };
}

/** Stores (or, with null, removes) the ruleset JSON in the workbook, keeping the run records. */
export function storeRulesetOnFile(book: OpenWorkbook, text: string | null): Uint8Array {
  return patchWorkbook(book.bytes, storeEdits({ ...book.store, ruleset: text }, sheetNames(book), book.storeRows), book.parts);
}

/** Writes the store (run records, ruleset, the record of letters sent) as given, the dropdowns' lists kept. */
export function storeOnFile(book: OpenWorkbook, store: StoreContents): Uint8Array {
  return patchWorkbook(book.bytes, storeEdits(store, sheetNames(book), book.storeRows), book.parts);
}
