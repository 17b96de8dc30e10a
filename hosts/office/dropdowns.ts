/// <reference types="office-js" />
// The dropdowns (list data validation) the plan puts on the columns whose values the ruleset lists,
// through Office.js. Each list is kept on the store sheet, one column per dropdown from column D
// (row 1 names the cells it is on), rewritten by each run. An officer's own validation is never
// replaced: the validation on the cells is read first, and a column whose validation is not ours
// is left alone with a note. Two requests however many dropdowns there are: the reads, before
// anything is written, and the lists and validations after the results.
import { columnLetter, LIST_FIRST_COLUMN, parseListHeader, STORE_SHEET, type CellValue, type PlannedDropdown } from "../../engine";
import { toOffice } from "./office-values";
import type { Context } from "./read";

/** A list column an earlier run left on the store sheet: the cells it named, and its values. */
export interface StoreList {
  sheet: string;
  letter: string;
  firstRow: number;
  lastRow: number;
  values: string[];
}

/** The list columns on the store sheet, from its used range (`firstColumn` is the range's first, 1-based). */
export function storeLists(grid: CellValue[][], firstColumn: number): StoreList[] {
  const out: StoreList[] = [];
  const width = grid[0]?.length ?? 0;
  for (let j = Math.max(0, LIST_FIRST_COLUMN - firstColumn); j < width; j++) {
    const cells = parseListHeader(grid[0][j]);
    if (!cells) continue;
    const values: string[] = [];
    for (let i = 1; i < grid.length && grid[i][j] !== null; i++) values.push(String(grid[i][j]));
    out.push({ ...cells, values });
  }
  return out;
}

/** A validation as Office reports it for a range: its type, and a list's source. */
export interface ValidationState {
  type: string;
  source: string | null;
}

/** Whether a list source is one of ours: a reference to the store sheet, or one of our lists typed in. */
export function isOurSource(source: string | null, lists: readonly string[][]): boolean {
  if (source === null) return false;
  const text = source.trim();
  if (text.startsWith("=")) {
    // ='_categorisation'!$D$2:$D$35, =_categorisation!D2:D35: only the add-in writes that sheet.
    const bang = text.lastIndexOf("!");
    const sheet = text.slice(1, Math.max(bang, 1)).trim().replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    return bang > 0 && sheet.toLowerCase() === STORE_SHEET.toLowerCase();
  }
  const values = text.split(",").map((v) => v.trim());
  return lists.some((l) => l.length === values.length && l.every((v, i) => v.trim() === values[i]));
}

/** The validation reads for one dropdown: its cells, and where an earlier run's cells differ, the parts inside and outside them. */
interface Probe {
  dropdown: PlannedDropdown;
  whole: Excel.DataValidation;
  split?: { inside: Excel.DataValidation; outside: Excel.DataValidation[] };
}

/** What the probes found: the dropdowns to put, and a note for each one left alone. */
export interface DropdownDecision {
  put: PlannedDropdown[];
  notes: string[];
}

/** The validation of a column's rows top to bottom (1-based). */
const validationOf = (ws: Excel.Worksheet, column: number, top: number, bottom: number) => ws.getRangeByIndexes(top - 1, column - 1, bottom - top + 1, 1).dataValidation;

const skipped = (d: PlannedDropdown, why: string) => `The dropdown for '${d.header}' was not put on sheet '${d.sheet}', column ${d.letter}: ${why}`;

/**
 * Whether a dropdown's cells may take ours: they have no validation, or ours (the same list); or,
 * where an earlier run validated other rows of the column, ours on those rows and none on the rest.
 */
export function mayPut(whole: ValidationState, split: { inside: ValidationState; outside: ValidationState[] } | undefined, ours: (source: string | null) => boolean): boolean {
  const isOurs = (v: ValidationState) => v.type === "List" && ours(v.source);
  if (whole.type === "None" || isOurs(whole)) return true;
  return !!split && isOurs(split.inside) && split.outside.every((v) => v.type === "None");
}

/**
 * Reads the validation already on each dropdown's cells, in one request that writes nothing, and
 * decides which dropdowns to put. One on a protected sheet is left out with a note; if Excel cannot
 * say what validation the cells have, none is put, with a note.
 */
export async function checkDropdowns(context: Context, dropdowns: readonly PlannedDropdown[], protectedSheets: ReadonlySet<string>, earlier: readonly StoreList[]): Promise<DropdownDecision> {
  const probed = probeDropdowns(context, dropdowns, protectedSheets, earlier);
  if (!probed.probes.length) return { put: [], notes: probed.notes };
  try {
    await context.sync();
  } catch (e) {
    return { put: [], notes: [...probed.notes, `The dropdowns were not added: Excel could not say what data validation those cells already have (${e instanceof Error ? e.message : String(e)}).`] };
  }
  return decideDropdowns(probed);
}

/** Queues the reads of the validation on each dropdown's cells (a dropdown on a protected sheet is left out with a note). */
function probeDropdowns(context: Context, dropdowns: readonly PlannedDropdown[], protectedSheets: ReadonlySet<string>, earlier: readonly StoreList[]) {
  const notes: string[] = [];
  const probes: Probe[] = [];
  for (const d of dropdowns) {
    if (protectedSheets.has(d.sheet)) {
      notes.push(skipped(d, "the sheet is protected."));
      continue;
    }
    const ws = context.workbook.worksheets.getItem(d.sheet);
    const load = (top: number, bottom: number) => {
      const v = validationOf(ws, d.column, top, bottom);
      v.load("type,rule");
      return v;
    };
    const probe: Probe = { dropdown: d, whole: load(d.firstRow, d.lastRow) };
    const before = earlier.find((l) => l.sheet === d.sheet && l.letter === d.letter);
    const top = Math.max(d.firstRow, before?.firstRow ?? 0);
    const bottom = Math.min(d.lastRow, before?.lastRow ?? 0);
    // Rows beyond the earlier run's (the table grew, or moved): ours inside its rows, none outside.
    if (before && top <= bottom && (d.firstRow < top || bottom < d.lastRow)) {
      const outside: Excel.DataValidation[] = [];
      if (d.firstRow < top) outside.push(load(d.firstRow, top - 1));
      if (bottom < d.lastRow) outside.push(load(bottom + 1, d.lastRow));
      probe.split = { inside: load(top, bottom), outside };
    }
    probes.push(probe);
  }
  return { probes, notes, lists: earlier.map((l) => l.values) };
}

const stateOf = (v: Excel.DataValidation): ValidationState => {
  const source = v.rule?.list?.source;
  return { type: v.type, source: typeof source === "string" ? source : null };
};

/** After the sync: which dropdowns to put, and a note for each column left with its own validation. */
function decideDropdowns(probed: ReturnType<typeof probeDropdowns>): DropdownDecision {
  const notes = [...probed.notes];
  const put: PlannedDropdown[] = [];
  for (const p of probed.probes) {
    const ours = (source: string | null) => isOurSource(source, [p.dropdown.values, ...probed.lists]);
    const split = p.split && { inside: stateOf(p.split.inside), outside: p.split.outside.map(stateOf) };
    if (mayPut(stateOf(p.whole), split, ours)) put.push(p.dropdown);
    else notes.push(skipped(p.dropdown, "those cells already have a data validation of their own, which is left as it is."));
  }
  return { put, notes };
}

/**
 * Queues the lists (each store column cleared and rewritten: row 1 names the cells, the values
 * below) and the validations: cleared (they are ours or none), then the list, prompt and warning.
 */
export function queueDropdowns(context: Context, put: readonly PlannedDropdown[]): void {
  const sheets = context.workbook.worksheets;
  const store = sheets.getItem(STORE_SHEET);
  for (const d of put) {
    const letter = columnLetter(d.listColumn);
    store.getRange(`${letter}:${letter}`).clear();
    store.getRangeByIndexes(0, d.listColumn - 1, d.values.length + 1, 1).values = [[d.listHeader], ...d.values.map((v) => [toOffice(v).value])];
    const validation = validationOf(sheets.getItem(d.sheet), d.column, d.firstRow, d.lastRow);
    validation.clear();
    validation.rule = { list: { inCellDropDown: true, source: d.source } };
    validation.prompt = { showPrompt: true, title: d.title, message: d.prompt };
    validation.errorAlert = { showAlert: true, style: "Warning", title: d.title, message: d.error };
  }
}
