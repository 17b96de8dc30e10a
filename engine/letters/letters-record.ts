// The record of letters sent, kept with the run record on the workbook's hidden sheet, so a later
// run can say which schools have not had a letter of a kind yet, and when each last had one.
import type { LetterBatch, StoreContents } from "../output/run-record";
import { MAX_LETTER_BATCHES } from "../output/run-record-schema";
import type { SchoolLetter } from "./letter-values";

/** The store with a batch of letters added (the oldest batches dropped past the limit). */
export function recordLetters(store: StoreContents, batch: Omit<LetterBatch, "schools">, letters: Pick<SchoolLetter, "key" | "band" | "stage">[]): StoreContents {
  const entry: LetterBatch = { ...batch, schools: letters.map((l) => [l.key, l.band, l.stage]) };
  return { ...store, letters: [...(store.letters ?? []), entry].slice(-MAX_LETTER_BATCHES) };
}

export interface LetterSent {
  date: string;
  template: string;
  band: string;
  stage: string | null;
}

/** The latest letter of a kind each school on a sheet had, by school key. */
export function lettersSent(store: StoreContents, kind: string, sheet: string): Map<string, LetterSent> {
  const sent = new Map<string, LetterSent>();
  for (const b of store.letters ?? []) {
    if (b.kind !== kind || b.sheet !== sheet) continue;
    for (const [key, band, stage] of b.schools) {
      const before = sent.get(key);
      if (!before || before.date <= b.date) sent.set(key, { date: b.date, template: b.template, band, stage });
    }
  }
  return sent;
}
