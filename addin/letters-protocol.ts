// What the pane asks the engine worker for when the officer makes letters (letters-service.ts does
// it), and what comes back: the file to save, and each school that got no letter, with why.
import type { LetterBatch, LetterKindId } from "../engine";

/** The officer's choices in the Letters section. */
export interface LettersAsk {
  kind: LetterKindId;
  /** Category ids; none: every category (or, for a notice, the kind's stages). */
  bands: string[];
  /** Escalation stage ids. */
  stages: string[];
  /** Only schools whose category or stage changed since the run before the pane's run. */
  changed: boolean;
  /** Only schools the workbook records no letter of this kind for. */
  unsent: boolean;
  /** One document with every letter, instead of a .docx per school in a .zip. */
  combined: boolean;
  /** The letters' date, YYYY-MM-DD. */
  date: string;
  /** The run's date, so the letters say what the pane showed. */
  asOf: string;
  /** Keep the batch in the workbook's record of letters sent. */
  record: boolean;
  /** The Word template: the bundled one for the ruleset and kind, or the officer's own. */
  template: { bytes: Uint8Array; name: string };
  /** The workbook's name, for the file's name. */
  workbookName: string;
}

/** A school as the pane lists it: "124040 Boley Park Infant School". */
export interface LetterSchool {
  school: string;
  why: string;
}

export interface LettersMade {
  /** The .zip (or .docx) to save; null when no letter could be made. */
  file: { bytes: Uint8Array; name: string; type: string } | null;
  /** How the schools were chosen, in words. */
  chosen: string;
  /** The schools that got a letter, in sheet order. */
  written: string[];
  /** Chosen, but no letter by the framework: not categorised, an academy for a notice, type unknown. */
  leftOut: LetterSchool[];
  /** No letter because the template needs a value the school lacks: the fields and why. */
  gaps: LetterSchool[];
  /** Of the schools written, how many had a letter of this kind before, and the latest date. */
  before: { count: number; latest: string | null };
  /** Categorised schools on the sheet with no letter of this kind recorded, besides these. */
  neverSent: number;
  /** With `changed`: the date of the run compared with. */
  comparedWith: string | null;
  /**
   * The batch to keep in the workbook's record (null when not recorded). Outside Office the worker
   * has already written it into the file (`workbook`); inside Excel the page writes it.
   */
  record: { batch: Omit<LetterBatch, "schools">; schools: LetterBatch["schools"] } | null;
  /** Outside Office: the workbook file with the record. */
  workbook?: Uint8Array;
}
