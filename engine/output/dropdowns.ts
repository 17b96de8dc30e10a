// The dropdowns (Excel data validation) a host puts on columns whose values the ruleset lists
// (a field's `values`): on the schools sheet and on history sheets. The engine says which cells and
// which values; hosts only write the validation.
import type { WorkbookSource } from "../workbook";
import type { Field, Ruleset } from "../ruleset/schema";
import { mapColumns } from "../read/mapping";
import { sheetNamed } from "../read/history";
import { columnLetter } from "../errors";

/** A column whose values the ruleset lists. */
export interface AllowedValues {
  /** "schools" for the schools sheet, else the history id. */
  table: string;
  /** Sheet names the column is looked for on (the schools sheet's are the ruleset's `sheet`). */
  sheets: string[];
  field: string;
  label: string;
  /** Headers that name the column, in the order they are looked for. */
  headers: string[];
  /** The values to offer, in the ruleset's order (other spellings are read too, but not offered). */
  values: string[];
}

/** Every listed field of a ruleset with where it is read: the schools sheet first, then each history sheet. */
function listedFields(ruleset: Ruleset): { table: string; sheets: string[]; field: Field }[] {
  const tables = [{ table: "schools", sheets: ruleset.sheet ?? [], fields: ruleset.fields }, ...(ruleset.history ?? []).map((h) => ({ table: h.id, sheets: h.sheet, fields: h.fields }))];
  return tables.flatMap((t) => t.fields.filter((f) => f.values).map((field) => ({ table: t.table, sheets: t.sheets, field })));
}

/** Every listed column of a ruleset, schools sheet first, then each history sheet. */
export function allowedValues(ruleset: Ruleset): AllowedValues[] {
  return listedFields(ruleset).map(({ table, sheets, field: f }) => ({ table, sheets, field: f.id, label: f.label, headers: f.headers, values: Object.keys(f.values!) }));
}

/** Rows below the last filled one that get the dropdown too, so new entries are offered it. */
export const SPARE_ROWS = 500;
/** Excel's limit on a list typed into the validation itself ("a,b,c"); a longer list needs a range of cells. */
export const INLINE_LIST_LIMIT = 255;

/** One data validation for a host to write: a list dropdown on a column's cells. */
export interface Dropdown {
  sheet: string;
  /** 1-based column, and its letter. */
  column: number;
  letter: string;
  header: string;
  /** 1-based rows: from under the header to SPARE_ROWS past the last row of the table. */
  firstRow: number;
  lastRow: number;
  values: string[];
  /** Whether the values fit in the validation itself (`"a,b,c"`, at most 255 characters, no commas in a value). */
  inline: boolean;
  /** The input message: what the column holds. */
  prompt: string;
  /** The error message: shown as a warning, so an officer can still type another value (it is then read as missing, with a warning). */
  error: string;
}

/**
 * Where the dropdowns go in a workbook: each listed column found on its sheet (the schools sheet
 * is `schoolsSheet`, the one the run used; a history sheet is found by its names).
 */
export function dropdowns(source: WorkbookSource, ruleset: Ruleset, schoolsSheet: string): Dropdown[] {
  const names = source.sheetNames();
  const out: Dropdown[] = [];
  for (const { table, sheets, field } of listedFields(ruleset)) {
    const name = table === "schools" ? schoolsSheet : sheetNamed(names, sheets);
    const sheet = name === undefined ? undefined : source.readSheet(name);
    if (!sheet) continue;
    // The column the run reads the field from (the same header matching).
    const at = mapColumns(sheet, [{ ...field, required: false }], sheet.headers.length).index.get(field.id);
    if (at === undefined) continue;
    const column = sheet.firstColumn + at;
    const values = Object.keys(field.values!);
    const inline = values.every((v) => !v.includes(",")) && values.join(",").length <= INLINE_LIST_LIMIT;
    out.push({
      sheet: sheet.name,
      column,
      letter: columnLetter(column),
      header: sheet.headers[at],
      firstRow: sheet.headerRow + 1,
      lastRow: sheet.headerRow + sheet.rows.length + SPARE_ROWS,
      values,
      inline,
      prompt: `${field.label}: pick one of the listed values`,
      error: `${field.label} is read only as one of the listed values; other text is treated as missing, with a warning`,
    });
  }
  return out;
}
