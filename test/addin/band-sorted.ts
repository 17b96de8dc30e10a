// The largest ordinary case for the add-in's requests: generated Staffordshire-style schools in
// the fake Excel, sorted by band as an officer might sort them (so the long reasons of the
// schools of most concern sit together), with a long officer-notes column on every row.
import { readFileSync } from "fs";
import { join } from "path";
import { categorise, memorySource, parseRuleset, type CellValue, type Ruleset } from "../../engine";
import { dateToSerial } from "../../hosts/office/office-values";
import { syntheticSchools } from "../../bench/synthetic-schools";
import { FakeExcel, type FakeSheet } from "./fake-excel";

export const AS_OF = "2026-11-20";
export const NOTES_HEADER = "Officer notes";

export const staffordshire = (): Ruleset => parseRuleset(readFileSync(join(__dirname, "..", "..", "rules", "staffordshire.json"), "utf8"));

/** Text of about `chars` characters, different on every row, with some characters of two and three bytes in UTF-8. */
export function officerNote(urn: number, chars: number): string {
  const sentence = `Visit ${urn}: head says the Year 6 plan is on track – café meeting booked, governors briefed. `;
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

const toCell = (v: CellValue): string | number | boolean | null => (v instanceof Date ? dateToSerial(v) : v);

function putSheet(xl: FakeExcel, name: string, headers: string[], rows: CellValue[][]): FakeSheet {
  const sheet = xl.addSheet(name);
  sheet.put(0, 0, [headers]);
  // Date columns take a date format, as Excel gives them.
  const formats = headers.map((_, j) => (rows.some((r) => r[j] instanceof Date) ? "dd/mm/yyyy" : undefined));
  sheet.put(1, 0, rows.map((r) => headers.map((_, j) => toCell(r[j] ?? null))), formats);
  return sheet;
}

/**
 * n generated schools on sheet "Schools" (header on row 1), sorted by the band the ruleset gives
 * them, most concern first ("D-first") or last, with notes of `notesChars` characters (or so many
 * for the row's band) in the last column; the history sheets beside it.
 */
export async function bandSortedWorkbook(n: number, notesChars: number | ((band: string) => number), order: "D-first" | "A-first" = "D-first") {
  const ruleset = staffordshire();
  const data = syntheticSchools(n);
  const result = await categorise(memorySource(data), ruleset, { sheet: "Schools", asOf: AS_OF });
  const rank = new Map(ruleset.bands.map((b, i) => [b.id, i])); // the ruleset lists bands from most concern
  const bandOf = new Map(result.rows.map((r, i) => [data.Schools.rows[i], rank.get(r.band) ?? ruleset.bands.length]));
  const idOf = new Map(result.rows.map((r, i) => [data.Schools.rows[i], r.band]));
  const chars = (row: CellValue[]) => (typeof notesChars === "number" ? notesChars : notesChars(idOf.get(row)!));
  const sign = order === "D-first" ? 1 : -1;
  const rows = [...data.Schools.rows].sort((a, b) => sign * (bandOf.get(a)! - bandOf.get(b)!));
  const xl = new FakeExcel();
  putSheet(xl, "Schools", [...data.Schools.headers, NOTES_HEADER], rows.map((r) => [...r, officerNote(r[0] as number, chars(r))]));
  for (const name of ["Core group meetings", "Notices"] as const) putSheet(xl, name, data[name].headers, data[name].rows);
  const historySheets = (ruleset.history ?? []).flatMap((h) => h.sheet);
  return { xl, ruleset, historySheets, bands: rows.map((r) => bandOf.get(r)!) };
}
