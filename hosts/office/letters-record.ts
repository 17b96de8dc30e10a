/// <reference types="office-js" />
// The record of letters sent, kept in the open workbook: the store on its very hidden sheet is read
// as it is now, the batch added (engine's recordLetters), and the store written back whole, so
// "not yet sent" leaves these schools out next time.
import { emptyStore, parseStore, recordLetters, STORE_SHEET, type LetterBatch } from "../../engine";
import type { Context, Dims } from "./read";
import { queueStoreWrite } from "./store";

export async function recordLetterBatch(context: Context, batch: Omit<LetterBatch, "schools">, schools: LetterBatch["schools"]): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  ws.load("isNullObject"); // eslint-disable-line office-addins/no-navigational-load -- the fake Excel and Office.js both answer it
  await context.sync();
  let store = emptyStore();
  if (!ws.isNullObject) {
    const used = ws.getUsedRangeOrNullObject(true) as Dims;
    used.load("isNullObject,values");
    await context.sync();
    if (!used.isNullObject) store = parseStore(used.values);
  }
  const letters = schools.map(([key, band, stage]) => ({ key, band, stage }));
  queueStoreWrite(context, recordLetters(store, batch, letters), !ws.isNullObject);
  await context.sync();
}
