/// <reference types="office-js" />
// Clear results through Office.js, as the engine's re-run policy decides: the results columns go,
// officer cells get their own fills back, and the summary sheet that run wrote is deleted.
import { NotWrittenError, planClear, STORE_SHEET, type CellValue } from "../../engine";
import { readWorkbook, type Context, type OfficeTarget } from "./read";
import { queueStoreWrite } from "./store";
import { queueStyle, restoreFill } from "./styles";

/** Clears a target's results; returns a message for the officer. */
export async function clearResults(context: Context, target: OfficeTarget): Promise<string> {
  const read = await readWorkbook(context, target);
  if (read.protectedSheets.has(target.sheet)) throw NotWrittenError.protectedSheet(target.sheet);
  const ws = context.workbook.worksheets.getItem(target.sheet);
  const sheet = read.source.readSheet(target.sheet)!;
  // The header row, wide enough for the recorded results block (an Office table's stand outside it).
  const recorded = read.store.records[target.sheet];
  let cells: unknown[] = sheet.headers;
  const right = recorded ? recorded.firstColumn + recorded.headers.length - 1 : 0;
  if (right >= sheet.firstColumn + sheet.headers.length) {
    const row = ws.getRangeByIndexes(sheet.headerRow - 1, sheet.firstColumn - 1, 1, right - sheet.firstColumn + 1);
    row.load("values");
    await context.sync();
    cells = row.values[0];
  }
  const header = { cells: cells as CellValue[], row: sheet.headerRow, firstColumn: sheet.firstColumn };
  const decision = planClear(target.sheet, read.store, { header, bottom: read.rect.rowIndex + read.rect.rowCount });
  const dropSummary = decision.dropSummary && read.sheetNames.includes(decision.dropSummary) ? decision.dropSummary : null;
  // A record whose block or summary sheet is gone still leaves the store (so the pane offers Clear no more).
  const recordedHere = !!recorded || read.store.summary?.sheet === target.sheet;
  if (!decision.clear && !decision.restore.length && !dropSummary && !recordedHere) return decision.message;
  if (dropSummary && read.protectedSheets.has(dropSummary)) throw NotWrittenError.protectedSheet(dropSummary);

  context.application.suspendScreenUpdatingUntilNextSync();
  const c = decision.clear;
  if (c) ws.getRangeByIndexes(c.top - 1, c.left - 1, c.bottom - c.top + 1, c.right - c.left + 1).clear();
  for (const { fill, cells } of decision.restore) queueStyle(ws, cells, restoreFill(fill));
  if (dropSummary) context.workbook.worksheets.getItem(dropSummary).delete();
  if (read.sheetNames.includes(STORE_SHEET)) queueStoreWrite(context, decision.store, true);
  await context.sync();
  return decision.message;
}
