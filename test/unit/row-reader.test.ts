// engine/read/row-reader.ts: a row read by the function written for the run's fields gives the same
// facts, problems and withheld cells as the loop used where new Function is refused (a
// Content-Security-Policy without 'unsafe-eval'), over rows of awkward cells.
import { FieldReader } from "../../engine/read/cell-reader";
import { RowReader } from "../../engine/read/row-reader";
import type { Field } from "../../engine/ruleset/schema";
import type { CellValue, SheetData } from "../../engine/workbook";
import { withEvalRefused } from "../helpers/eval-refused";

const FIELDS: Field[] = [
  { id: "urn", label: "URN", type: "integer", headers: ["URN"] },
  { id: "name", label: "School name", type: "text", headers: ["School name"] },
  { id: "type", label: "Type", type: "text", warnIfBlank: true, values: { Community: ["CY"], Academy: [] }, headers: ["Type"] },
  { id: "absence", label: "Absence", type: "percent", min: 0, max: 100, headers: ["Absence"] },
  { id: "pupils", label: "Pupils", type: "integer", min: 0, max: 5000, headers: ["Pupils"] },
  { id: "grade", label: "Ofsted grade", type: "ofstedGrade", headers: ["Ofsted grade"] },
  { id: "inspected", label: "Inspected", type: "date", headers: ["Inspected"] },
  { id: "safeguarding", label: "Safeguarding", type: "yesno", headers: ["Safeguarding"] },
  { id: "category", label: "Category", type: "categoryOfConcern", headers: ["Category"] },
  { id: "noColumn", label: "No column", type: "number", headers: ["Nowhere"] },
];
const ODD: CellValue[] = [null, "", "SUPP", "x", "ninety", "CY", "Academy", "Nursery", 12, -4, 2.5, 7000, "7,000", "45%", "Good", 3, 9, "yes", "perhaps", true,
  "2019-02-30", "31/12/2018", new Date(Date.UTC(2019, 3, 1, 15)), "SM", "none", "A school with a long name", "  padded long name text  ", NaN];

function oddSheet(rows: number): SheetData {
  let seed = 3;
  const pick = () => ODD[(seed = (seed * 48271) % 2147483647) % ODD.length];
  const grid = Array.from({ length: rows }, (_, i) => [100000 + i, ...FIELDS.slice(1, -1).map(pick)]);
  return { name: "Schools", headers: FIELDS.slice(0, -1).map((f) => f.headers[0]), rows: grid, headerRow: 3, firstColumn: 2 };
}

function readAll(sheet: SheetData) {
  const reader = new RowReader(FIELDS.map((f, i) => new FieldReader(f, i < FIELDS.length - 1 ? i : -1)));
  return sheet.rows.map((_, i) => {
    const { facts, problems, withheld } = reader.read(sheet, i, {});
    return { facts, problems, withheld: [...withheld] };
  });
}

test("where new Function is refused, rows read by a loop come out the same", () => {
  const sheet = oddSheet(600);
  const written = readAll(sheet);
  const looped = withEvalRefused(() => readAll(sheet));
  expect(looped).toEqual(written);
  // The rows did hold problems, markers and fields without a column.
  expect(written.filter((r) => r.problems.length).length).toBeGreaterThan(100);
  expect(written.filter((r) => r.withheld.length).length).toBeGreaterThan(100);
  expect(written.every((r) => r.facts.noColumn === null)).toBe(true);
});

test("a row's problems name the cell's column and come in field order; the next row starts afresh", () => {
  const sheet: SheetData = { name: "S", headers: ["URN", "School name", "Type", "Absence", "Pupils"], rows: [[1, "Oak", "", 104, "lots"], [2, "Ash", "CY", 5, 10]], headerRow: 1, firstColumn: 1 };
  const reader = new RowReader(FIELDS.slice(0, 5).map((f, i) => new FieldReader(f, i)));
  const first = reader.read(sheet, 0, {});
  expect(first.problems).toEqual([
    { column: "column 'Type' (C)", message: "blank: Type is missing" },
    { column: "column 'Absence' (D)", message: "104 is outside the expected range 0 to 100 for Absence; used as it is" },
    { column: "column 'Pupils' (E)", message: "'lots' is not a number; treated as missing" },
  ]);
  expect([...first.withheld]).toEqual([["pupils", "lots"]]);
  const second = reader.read(sheet, 1, {});
  expect(second).toEqual({ facts: { urn: 2, name: "Ash", type: "Community", absence: 5, pupils: 10 }, problems: [], withheld: new Map() });
});

test("a row that stops the read (an invalid date) leaves nothing behind for the next row", () => {
  const sheet: SheetData = { name: "S", headers: ["Pupils", "Inspected"], rows: [["lots", new Date(NaN)], [5, null]], headerRow: 1, firstColumn: 1 };
  const fields = [FIELDS[4], FIELDS[6]];
  const reader = new RowReader(fields.map((f, i) => new FieldReader(f, i)));
  expect(() => reader.read(sheet, 0, {})).toThrow(RangeError);
  expect(reader.read(sheet, 1, {})).toEqual({ facts: { pupils: 5, inspected: null }, problems: [], withheld: new Map() });
});
