// engine/read/cell-reader.ts: a field's cells read through its quick paths and remembered readings
// come out exactly as coerce reads them, for every field type and awkward cells, on first sight
// and when remembered.
import { FieldReader } from "../../engine/read/cell-reader";
import { coerce, parseNumber } from "../../engine/read/coerce";
import type { Field } from "../../engine/ruleset/schema";
import type { CellValue } from "../../engine/workbook";

const field = (type: Field["type"], extra: Partial<Field> = {}): Field => ({ id: "f", label: "F", type, headers: ["F"], ...extra });

const FIELDS: Field[] = [
  field("integer"),
  field("number"),
  field("percent"),
  field("text"),
  field("text", { values: { "Notice of Concern": ["NoC"], None: [] } }),
  field("yesno"),
  field("date"),
  field("ofstedGrade"),
  field("categoryOfConcern"),
];

const CELLS: CellValue[] = [
  null, "", "   ", 0, 1, 2, 3, 4, 5, -3, 2.5, 1e21, NaN, Infinity, -Infinity, 45.2, 43000,
  "SUPP", " supp ", "NE", "x", "-", "N/A", "not judged", "NOT JUDGED ", "lowcov", "none", "None",
  "12", " 12 ", "1,234", "£1,234", "(5)", "45%", "45 %", "1e3", ".5", "abc", "two words",
  "Good", "2 - Good", "requires improvement", "RI", "Inadequate", "special measures", "SWK", "Notice to improve",
  "yes", "Y", "no", "FALSE", true, false, "NoC", "noc", "notice of concern",
  "2019-02-28", "2019-02-30", "2019-02-28T10:00", "31/12/2018", "1/2/19", "1.2.2019",
  "School 100000", "  A long school name with spaces  ", "           x           ", "Cannock Chase", "Tamworth",
  new Date(Date.UTC(2018, 5, 3)), new Date(Date.UTC(2018, 5, 3, 23, 59)), new Date(Date.UTC(1969, 11, 31, 12)), new Date(Date.UTC(2101, 0, 1)),
];

/** What the reader gives for a cell: the quick value when there is one, else its reading. */
function viaReader(r: FieldReader, cell: CellValue) {
  const quick = r.quick(cell);
  if (quick !== undefined) return { value: quick };
  const { value, problem, marker, unlisted } = r.reading(cell);
  return Object.fromEntries(Object.entries({ value, problem, marker, unlisted }).filter(([, v]) => v !== undefined));
}

describe.each(FIELDS.map((f) => [`${f.type}${f.values ? " with values" : ""}`, f] as const))("a field of type %s", (_, f) => {
  test("reads every cell as coerce does, first and second time", () => {
    const r = new FieldReader(f, 0);
    for (const pass of [1, 2]) {
      for (const cell of CELLS) expect([pass, cell, viaReader(r, cell)]).toEqual([pass, cell, { ...coerce(cell, f) }]);
    }
  });
});

test("an invalid date cell still stops the read, as coerce does, remembered or not", () => {
  const r = new FieldReader(field("date"), 0);
  expect(() => r.reading(new Date(NaN))).toThrow(RangeError);
  expect(() => r.reading(new Date(NaN))).toThrow(RangeError);
});

test("dates are remembered by their day: times on one day read alike, the next day does not", () => {
  const r = new FieldReader(field("date"), 0);
  expect(r.reading(new Date(Date.UTC(2020, 0, 1, 0, 0)))).toBe(r.reading(new Date(Date.UTC(2020, 0, 1, 23, 59))));
  expect(r.reading(new Date(Date.UTC(2020, 0, 2))).value).toBe("2020-01-02");
});

test("parseNumber gives up at once on text without a digit, and still reads officers' numbers", () => {
  expect(["SUPP", "", "x", "(-)", "£,", "e"].map(parseNumber)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  expect(["1,234", "£1,234", "(5)", " 7 ", "1e3", ".5", "+2"].map(parseNumber)).toEqual([1234, 1234, -5, 7, 1000, 0.5, 2]);
});
