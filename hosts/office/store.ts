/// <reference types="office-js" />
// The workbook store on its very hidden sheet, through Office.js: the ruleset JSON kept with the
// workbook, and the run records the re-run policy reads and writes.
import { emptyStore, parseStore, storeGrid, STORE_SHEET, type StoreContents } from "../../engine";
import type { Context, Dims } from "./read";

/** Queues the store's contents onto its very hidden sheet (created when missing). */
export function queueStoreWrite(context: Context, store: StoreContents, exists: boolean): void {
  const sheets = context.workbook.worksheets;
  const ws = exists ? sheets.getItem(STORE_SHEET) : sheets.add(STORE_SHEET);
  if (!exists) ws.visibility = "VeryHidden"; // string form: no Excel global needed at run time
  ws.getRange("A:B").clear();
  const grid = storeGrid(store);
  ws.getRangeByIndexes(0, 0, grid.length, 2).values = grid;
}


/** The store as the workbook holds it now, and whether its sheet exists (two small requests). */
async function readStore(context: Context): Promise<{ store: StoreContents; exists: boolean }> {
  const ws = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  ws.load("isNullObject"); // eslint-disable-line office-addins/no-navigational-load -- the fake Excel and Office.js both answer it
  await context.sync();
  if (ws.isNullObject) return { store: emptyStore(), exists: false };
  const used = ws.getUsedRangeOrNullObject(true) as Dims;
  used.load("isNullObject,values");
  await context.sync();
  return { store: used.isNullObject ? emptyStore() : parseStore(used.values), exists: true };
}

/** Reads the store, changes it and writes it back whole (the ruleset, a record of letters sent). */
export async function updateStore(context: Context, change: (store: StoreContents) => StoreContents): Promise<void> {
  const { store, exists } = await readStore(context);
  queueStoreWrite(context, change(store), exists);
  await context.sync();
}

/** The ruleset JSON stored in the workbook, or null. */
export async function readStoredRuleset(context: Context): Promise<string | null> {
  return (await readStore(context)).store.ruleset;
}

/** The sheets the run record holds results for, and the sheet whose run wrote the summary sheet. */
export async function readRecordedResults(context: Context): Promise<{ sheets: string[]; summary: string | null }> {
  const { store } = await readStore(context);
  return { sheets: Object.keys(store.records), summary: store.summary?.sheet ?? null };
}

/** Stores (or, with null, removes) the ruleset JSON in the workbook, keeping the run records. */
export async function writeStoredRuleset(context: Context, text: string | null): Promise<void> {
  await updateStore(context, (store) => ({ ...store, ruleset: text }));
}
