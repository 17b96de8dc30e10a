/// <reference types="office-js" />
// The record of letters sent, kept in the open workbook: the store on its very hidden sheet is read
// as it is now, the batch added (engine's recordLetters), and the store written back whole, so
// "not yet sent" leaves these schools out next time.
import { recordLetters, type LetterBatch } from "../../engine";
import type { Context } from "./read";
import { updateStore } from "./store";

export async function recordLetterBatch(context: Context, batch: Omit<LetterBatch, "schools">, schools: LetterBatch["schools"]): Promise<void> {
  const letters = schools.map(([key, band, stage]) => ({ key, band, stage }));
  await updateStore(context, (store) => recordLetters(store, batch, letters));
}
