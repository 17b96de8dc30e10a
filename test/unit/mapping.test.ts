// engine/read/mapping.ts: matching a sheet's headers to a ruleset's fields, reading a row's cells
// into facts, and finding where the officer's columns end.
import { mapColumns, officerColumnCount, readRow } from "../../engine/read/mapping";
import { InputError } from "../../engine/errors";
import type { Field } from "../../engine/ruleset/schema";
import type { CellValue, SheetData } from "../../engine/workbook";

const F = {
  urn: { id: "urn", label: "URN", type: "integer", required: true, headers: ["URN", "School URN"] },
  name: { id: "name", label: "School name", type: "text", headers: ["School name", "SCHNAME"] },
  absence: { id: "absence", label: "Overall absence %", type: "percent", min: 0, max: 100, headers: ["Overall absence %", "PERCTOT"] },
  leadership: { id: "leadership", label: "Leadership and management", type: "ofstedGrade", headers: ["Leadership and management"] },
  grade: { id: "grade", label: "Ofsted grade", type: "ofstedGrade", required: true, headers: ["Ofsted grade", "Overall effectiveness"] },
  pupils: { id: "pupils", label: "Pupils", type: "integer", min: 0, max: 5000, headers: ["Pupils", "NOR"] },
  p8: { id: "p8", label: "Progress 8", type: "number", min: -5, headers: ["Progress 8", "P8"] },
  safeguarding: { id: "safeguarding", label: "Safeguarding concern", type: "yesno", headers: ["Safeguarding concern"] },
  inspected: { id: "inspected", label: "Inspection date", type: "date", headers: ["Inspection date"] },
  category: { id: "category", label: "Category of concern", type: "categoryOfConcern", headers: ["Category of concern"] },
} satisfies Record<string, Field>;

function sheet(headers: string[], rows: CellValue[][] = [], at: Partial<SheetData> = {}): SheetData {
  return { name: "Schools", headers, rows: rows.map((r) => headers.map((_, i) => r[i] ?? null)), headerRow: 1, firstColumn: 1, ...at };
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("mapColumns", () => {
  test("finds each field's column by its first header", () => {
    const s = sheet(["URN", "School name", "Ofsted grade"]);
    const { index, warnings } = mapColumns(s, [F.urn, F.name, F.grade], 3);
    expect([...index]).toEqual([["urn", 0], ["name", 1], ["grade", 2]]);
    expect(warnings).toEqual([]);
  });

  test("or by any alias", () => {
    const s = sheet(["SCHNAME", "School URN", "Overall effectiveness", "PERCTOT"]);
    const { index } = mapColumns(s, [F.urn, F.name, F.grade, F.absence], 4);
    expect(Object.fromEntries(index)).toEqual({ urn: 1, name: 0, grade: 2, absence: 3 });
  });

  test("the earlier alias in the field's list wins over an earlier column", () => {
    const s = sheet(["Overall effectiveness", "Ofsted grade"]);
    expect(mapColumns(s, [F.grade], 2).index.get("grade")).toBe(1);
  });

  test("headers compare loosely: case, spacing, punctuation, & for and", () => {
    const s = sheet(["  urn ", "OVERALL ABSENCE (%)", "Leadership & Management", "school-name", "ofsted_grade"]);
    const { index, warnings } = mapColumns(s, [F.urn, F.absence, F.leadership, F.name, F.grade], 5);
    expect(Object.fromEntries(index)).toEqual({ urn: 0, absence: 1, leadership: 2, name: 3, grade: 4 });
    expect(warnings).toEqual([]);
  });

  test("a repeated header is reported, naming both columns, and the first is used", () => {
    const s = sheet(["URN", "Pupils", "Ofsted grade", "pupils"]);
    const { index, warnings } = mapColumns(s, [F.urn, F.pupils, F.grade], 4);
    expect(index.get("pupils")).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Sheet 'Schools': column 'pupils' \(D\) repeats the header of column (2|B)\b.*the first is used$/);
  });

  test("a repeated header counts from the sheet's first column", () => {
    const s = sheet(["URN", "Pupils", "Pupils"], [], { firstColumn: 3 });
    const { index, warnings } = mapColumns(s, [F.urn, F.pupils], 3);
    expect(index.get("pupils")).toBe(1);
    expect(warnings[0]).toMatch(/column 'Pupils' \(E\) repeats the header of column (4|D)\b/);
  });

  test("blank headers are skipped, and columns beyond the width are not looked at", () => {
    const s = sheet(["URN", "", "Ofsted grade", "Pupils"]);
    const { index, warnings } = mapColumns(s, [F.urn, F.grade, F.pupils], 3);
    expect(Object.fromEntries(index)).toEqual({ urn: 0, grade: 2 });
    expect(warnings).toEqual(["Sheet 'Schools': no column for Pupils (looked for 'Pupils', 'NOR'); rules using it treat it as missing"]);
  });

  test("an optional field without a column is a warning, with the nearest header when there is one", () => {
    const s = sheet(["URN", "Ofsted grade", "Pupil"]);
    const { index, warnings } = mapColumns(s, [F.urn, F.grade, F.pupils], 3);
    expect(index.has("pupils")).toBe(false);
    expect(warnings).toEqual(["Sheet 'Schools': no column for Pupils (looked for 'Pupils', 'NOR'; nearest header found: 'Pupil'); rules using it treat it as missing"]);
  });

  test("a required field without a column stops the run, naming the sheet, header row and nearest header", () => {
    const s = sheet(["URN", "Ofsted grades", "Pupils"], [], { name: "School data", headerRow: 4 });
    const e = inputError(() => mapColumns(s, [F.urn, F.grade, F.pupils], 3));
    expect(e.message).toBe("Sheet 'School data' (header row 4) has no column for required field:\n  - Ofsted grade (looked for 'Ofsted grade', 'Overall effectiveness'; nearest header found: 'Ofsted grades')");
  });

  test("every missing required field is listed at once; no hint when nothing is near", () => {
    const s = sheet(["Pupils", "District"], [], { headerRow: 2 });
    const e = inputError(() => mapColumns(s, [F.urn, F.grade, F.pupils], 2));
    expect(e.message).toMatch(/^Sheet 'Schools' \(header row 2\) has no column for required fields:\n {2}- URN \(looked for 'URN', 'School URN'\)\n {2}- Ofsted grade \(looked for 'Ofsted grade', 'Overall effectiveness'\)$/);
  });

  test("a required field whose only column lies beyond the width (in an earlier results block) is missing", () => {
    const s = sheet(["URN", "Category", "Ofsted grade"]);
    expect(() => mapColumns(s, [F.urn, F.grade], 1)).toThrow(InputError);
  });

  // Progress 8 is read from 'P8', so 'P8' is no suggestion for the missing 'P9'.
  test("the nearest-header hint does not offer a header another field already uses", () => {
    const p9: Field = { id: "p9", label: "P9", type: "number", required: true, headers: ["P9"] };
    const s = sheet(["URN", "P8"]);
    const e = inputError(() => mapColumns(s, [F.urn, F.p8, p9], 2));
    expect(e.message).not.toContain("nearest header found: 'P8'");
  });
});

describe("readRow", () => {
  const fields = [F.urn, F.name, F.absence, F.grade, F.pupils, F.p8, F.safeguarding, F.inspected, F.category];
  const headers = ["URN", "School name", "Overall absence %", "Ofsted grade", "Pupils", "Progress 8", "Safeguarding concern", "Inspection date", "Category of concern"];
  const columns = (s: SheetData) => mapColumns(s, fields, s.headers.length).index;

  test("coerces each cell to its field's type", () => {
    const s = sheet(headers, [["100001", " Oak Primary ", "5.2%", "Requires improvement", 300, "-0.45", "Y", "12/12/2019", "Special measures"]]);
    const { facts, problems, withheld } = readRow(s, 0, fields, columns(s));
    expect(facts).toEqual({ urn: 100001, name: "Oak Primary", absence: 5.2, grade: 3, pupils: 300, p8: -0.45, safeguarding: true, inspected: "2019-12-12", category: "SM" });
    expect(problems).toEqual([]);
    expect(withheld.size).toBe(0);
  });

  test("SUPP, NE and other markers are missing (never 0) and recorded as withheld, with their text", () => {
    const s = sheet(headers, [[100001, "Oak", "SUPP", "NE", "x", "ne", null, "", null]]);
    const { facts, problems, withheld } = readRow(s, 0, fields, columns(s));
    expect(facts).toMatchObject({ absence: null, grade: null, pupils: null, p8: null, safeguarding: null, inspected: null });
    expect(facts.absence).not.toBe(0);
    expect(Object.fromEntries(withheld)).toEqual({ absence: "SUPP", grade: "NE", pupils: "x", p8: "ne" });
    // Markers are not problems; blanks are neither problems nor withheld.
    expect(problems).toEqual([]);
    // A blank category of concern means none.
    expect(facts.category).toBe("None");
  });

  test("unreadable text is missing, withheld, and a problem naming the column", () => {
    const s = sheet(headers, [[100001, "Oak", "ninety", "Great", 300, null, "perhaps", "31/02/2018", null]]);
    const { facts, problems, withheld } = readRow(s, 0, fields, columns(s));
    expect(facts).toMatchObject({ absence: null, grade: null, safeguarding: null, inspected: null });
    expect(Object.fromEntries(withheld)).toEqual({ absence: "ninety", grade: "Great", safeguarding: "perhaps", inspected: "31/02/2018" });
    expect(problems.map((p) => p.column)).toEqual(["column 'Overall absence %' (C)", "column 'Ofsted grade' (D)", "column 'Safeguarding concern' (G)", "column 'Inspection date' (H)"]);
    expect(problems[0].message).toBe("'ninety' is not a percentage; treated as missing");
  });

  test("a value outside the field's range is kept, with a warning", () => {
    const s = sheet(headers, [[100001, "Oak", 104, 2, 6000, -7, false, null, null]]);
    const { facts, problems, withheld } = readRow(s, 0, fields, columns(s));
    expect(facts).toMatchObject({ absence: 104, pupils: 6000, p8: -7, safeguarding: false });
    expect(problems).toEqual([
      { column: "column 'Overall absence %' (C)", message: "104 is outside the expected range 0 to 100 for Overall absence %; used as it is" },
      { column: "column 'Pupils' (E)", message: "6000 is outside the expected range 0 to 5000 for Pupils; used as it is" },
      { column: "column 'Progress 8' (F)", message: "-7 is outside the expected range -5 to - for Progress 8; used as it is" },
    ]);
    expect(withheld.size).toBe(0);
  });

  test("values at the ends of the range are fine", () => {
    const s = sheet(headers, [[100001, "Oak", 0, 2, 5000, -5, false, null, null]]);
    expect(readRow(s, 0, fields, columns(s)).problems).toEqual([]);
  });

  test("a field without a column is missing", () => {
    const s = sheet(["URN", "Ofsted grade"], [[100001, 2]]);
    const { facts, problems } = readRow(s, 0, fields, mapColumns(s, fields, 2).index);
    expect(facts).toEqual({ urn: 100001, name: null, absence: null, grade: 2, pupils: null, p8: null, safeguarding: null, inspected: null, category: null });
    expect(problems).toEqual([]);
  });

  test("reads the row asked for, into the facts object given, naming columns from the sheet's first column", () => {
    const s = sheet(["URN", "Ofsted grade", "Pupils"], [[1, 1, 10], [2, 4, 99999]], { firstColumn: 27 });
    const into = { already: 1 } as Record<string, number | null>;
    const out = readRow(s, 1, [F.urn, F.grade, F.pupils], mapColumns(s, [F.urn, F.grade, F.pupils], 3).index, into);
    expect(out.facts).toBe(into);
    expect(into).toEqual({ already: 1, urn: 2, grade: 4, pupils: 99999 });
    expect(out.problems.map((p) => p.column)).toEqual(["column 'Pupils' (AC)"]);
  });
});

describe("officerColumnCount", () => {
  const results = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];

  test("every headed column when there is no run record, whatever the headers say", () => {
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", "Pupils"]))).toBe(3);
    // A never-categorised sheet whose own columns are headed like our results is all the officer's.
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", ...results]))).toBe(2 + results.length);
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", "Category"]))).toBe(3);
  });

  test("blank headers at the right are not the officer's", () => {
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", "", ""]))).toBe(2);
  });

  test("the block the run record names is excluded, where it stands now", () => {
    const headers = ["URN", "Ofsted grade", ...results];
    expect(officerColumnCount(sheet(headers), { headers: results, firstColumn: 3 })).toBe(2);
    // Headers as Excel may hand them back (case, spacing).
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", "category", "Rule Category", " Triggers "]), { headers: ["Category", "Rule category", "Triggers"], firstColumn: 3 })).toBe(2);
    // A column inserted left of the block: the block is found one column on.
    expect(officerColumnCount(sheet(["URN", "New", "Ofsted grade", ...results]), { headers: results, firstColumn: 3 })).toBe(3);
  });

  test("a record whose block is no longer on the header row leaves every headed column the officer's", () => {
    expect(officerColumnCount(sheet(["URN", "Ofsted grade", "Category", "Notes"]), { headers: results, firstColumn: 3 })).toBe(4);
  });
});
