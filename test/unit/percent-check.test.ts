// engine/read/percent-check.ts: percent columns that look like fractions are warned about, column by
// column in field order and row by row, from plain numbers only (text with a % sign, markers and
// other columns aside).
import { checkPercentColumns } from "../../engine/read/percent-check";
import type { Field } from "../../engine/ruleset/schema";
import type { CellValue, SheetData } from "../../engine/workbook";

const percent = (id: string): Field => ({ id, label: id, type: "percent", headers: [id] });
const FIELDS: Field[] = [percent("fsm"), { id: "pupils", label: "Pupils", type: "integer", headers: ["Pupils"] }, percent("absence"), percent("persistent"), percent("unmapped")];

function sheetOf(rows: CellValue[][]): { sheet: SheetData; columns: Map<string, number> } {
  const headers = ["Pupils", "persistent", "absence", "fsm"];
  return { sheet: { name: "Schools", headers, rows, headerRow: 2, firstColumn: 1 }, columns: new Map([["pupils", 0], ["persistent", 1], ["absence", 2], ["fsm", 3]]) };
}

test("fractions columns and stray fractions are said in field order, then row order", () => {
  const { sheet, columns } = sheetOf([
    [0.5, 0.2, 5.1, 30],
    [0.5, "SUPP", 0.4, "45%"],
    [0.5, 0.35, "6.2", " 0.3 "],
    [0.5, 0.9, 7, 28],
    [0.5, "x", 6, 27],
    [0.5, 0, 0.25, 33],
  ]);
  const { sheet: warnings, cells } = checkPercentColumns(sheet, FIELDS, columns);
  expect(warnings).toEqual([
    "Sheet 'Schools', column 'persistent' (B): every value is between 0 and 1. They are read as written, in percentage points (0.45 is 0.45%, not 45%). If they are fractions, format the column as Percentage in Excel, or type 45 for 45%.",
  ]);
  expect([...cells]).toEqual([
    [2, ["Row 5, column 'fsm' (D): 0.3 is read as 0.3%; the column's other values are percentage points, so if 30% was meant, type 30"]],
    [1, ["Row 4, column 'absence' (C): 0.4 is read as 0.4%; the column's other values are percentage points, so if 40% was meant, type 40"]],
    [5, ["Row 8, column 'absence' (C): 0.25 is read as 0.25%; the column's other values are percentage points, so if 25% was meant, type 25"]],
  ]);
});

test("a column of small percentages (exclusion rates) is not warned about, nor is a column without numbers", () => {
  const { sheet, columns } = sheetOf([
    [1, "NE", 0.4, "SUPP"],
    [2, "", 0.2, null],
    [3, "x", 1.5, "45%"],
  ]);
  expect(checkPercentColumns(sheet, FIELDS, columns)).toEqual({ sheet: [], cells: new Map() });
});
