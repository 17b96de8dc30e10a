/// <reference types="office-js" />
// Clear results through Office.js, as the engine's re-run policy decides: the results columns go,
// officer cells get their own fills back, and the summary sheet that run wrote is deleted.
import { clearSnapshotArea, NotWrittenError, planClear, STORE_SHEET, type Ruleset } from "../../engine";
import { readWorkbook, type Context, type OfficeTarget } from "./read";
import { queueStoreWrite } from "./store";
import { queueStyle, restoreFill } from "./styles";

/** Clears a target's results; returns a message for the officer. */
export async function clearResults(context: Context, target: OfficeTarget, ruleset: Ruleset | null): Promise<string> {
  const read = await readWorkbook(context, target);
  if (read.protectedSheets.has(target.sheet)) throw NotWrittenError.protectedSheet(target.sheet);
  const ws = context.workbook.worksheets.getItem(target.sheet);
  const sheet = read.source.readSheet(target.sheet)!;
  const at = clearSnapshotArea(target.sheet, read.store);
  let recordedHeaders: unknown[] | null = null;
  if (at) {
    const row = ws.getRangeByIndexes(at.top - 1, at.left - 1, 1, at.right - at.left + 1);
    row.load("values");
    await context.sync();
    recordedHeaders = row.values[0];
  }
  const table = { headers: sheet.headers, headerRow: sheet.headerRow, firstColumn: sheet.firstColumn, bottom: read.rect.rowIndex + read.rect.rowCount };
  const decision = planClear(target.sheet, read.store, { recordedHeaders: recordedHeaders as never, table }, ruleset);
  const dropSummary = decision.dropSummary && read.sheetNames.includes(decision.dropSummary) ? decision.dropSummary : null;
  if (!decision.clear && !decision.restore.length && !dropSummary) return decision.message;
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
