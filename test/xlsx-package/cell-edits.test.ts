// A sheet's cell edits sorted by row and column, edits of one cell merged, each checked as it is read.
import { sortCellEdits } from "../../hosts/xlsx-package/cell-edits";
import type { CellEdit } from "../../hosts/xlsx-package";

const edit = (row: number, column: number, extra: Partial<CellEdit> = {}): CellEdit => ({ row, column, ...extra });

describe("sortCellEdits", () => {
  test("rows in order, each row's edits by column, in arrays", () => {
    const sorted = sortCellEdits([edit(9, 3, { value: "c" }), edit(2, 5, { value: 5 }), edit(9, 1, { value: "a" }), edit(2, 1, { style: { bold: true } }), edit(4, 2, { clear: true })], "Sheet 'S'");
    expect([...sorted.rows]).toEqual([2, 4, 9]);
    expect([...sorted.rowStart]).toEqual([0, 2, 3, 5]);
    expect([...sorted.columns]).toEqual([1, 5, 2, 1, 3]);
    expect(sorted.values).toEqual([undefined, 5, undefined, "a", "c"]);
    expect(sorted.styles).toEqual([{ bold: true }, undefined, undefined, undefined, undefined]);
    expect([...sorted.clears]).toEqual([0, 0, 1, 0, 0]);
  });

  test("edits of one cell merge in the order given: later values win, styles merge, a clear starts again", () => {
    const sorted = sortCellEdits(
      [
        edit(1, 2, { value: "a", style: { fill: "#FF0000" } }),
        edit(1, 1, { clear: true }),
        edit(1, 2, { style: { bold: true } }),
        edit(1, 1, { value: 3 }),
        edit(1, 2, { value: "b" }),
        edit(2, 1, { value: 1, style: { bold: true } }),
        edit(2, 1, { clear: true, style: { fill: "#00FF00" } }),
      ],
      "Sheet 'S'",
    );
    expect([...sorted.columns]).toEqual([1, 2, 1]);
    expect(sorted.values).toEqual([3, "b", undefined]);
    expect(sorted.styles).toEqual([undefined, { fill: "#FF0000", bold: true }, { fill: "#00FF00" }]);
    expect([...sorted.clears]).toEqual([1, 0, 1]);
  });

  test("many edits in one row, out of order, are sorted too", () => {
    const cells = Array.from({ length: 500 }, (_, i) => edit(3, 500 - i, { value: i }));
    const sorted = sortCellEdits(cells, "Sheet 'S'");
    expect([...sorted.columns]).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(sorted.values[0]).toBe(499);
  });

  test("an edit that cannot be made is refused, naming the sheet", () => {
    expect(() => sortCellEdits([edit(0, 1, { value: 1 })], "Sheet 'S'")).toThrow(/^Sheet 'S': row 0, column 1 is outside the sheet/);
    expect(() => sortCellEdits([edit(1, 1, { style: { fill: "red" } })], "Sheet 'S'")).toThrow(/fill colour 'red'/);
  });
});
