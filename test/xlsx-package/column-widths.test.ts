// <cols> ranges: widths split a range around a column, keep its other attributes, and merge back.
import { colsXml, columnRange, columnStyle, withWidths } from "../../hosts/xlsx-package/column-widths";

const range = (min: number, max: number, attributes: Record<string, string> = {}) => ({ min, max, attributes });

describe("column widths", () => {
  test("a width in the middle of a range splits it in three, keeping style and hidden", () => {
    const ranges = [columnRange({ min: "2", max: "6", width: "9", style: "4", hidden: "1" })];
    expect(withWidths(ranges, [{ column: 4, width: 20 }])).toEqual([
      range(2, 3, { width: "9", style: "4", hidden: "1" }),
      range(4, 4, { width: "20", style: "4", hidden: "1", customWidth: "1" }),
      range(5, 6, { width: "9", style: "4", hidden: "1" }),
    ]);
  });

  test("widths at the ends of a range, outside any range, and next to each other merge into one range", () => {
    const ranges = [range(1, 3, { width: "9" })];
    expect(withWidths(ranges, [{ column: 1, width: 5 }, { column: 3, width: 12 }, { column: 10, width: 14 }, { column: 11, width: 14 }, { column: 12, width: 14 }])).toEqual([
      range(1, 1, { width: "5", customWidth: "1" }),
      range(2, 2, { width: "9" }),
      range(3, 3, { width: "12", customWidth: "1" }),
      range(10, 12, { width: "14", customWidth: "1" }),
    ]);
  });

  test("setting the same width on a whole range leaves one range", () => {
    expect(withWidths([range(1, 2, { width: "9", customWidth: "1" })], [{ column: 1, width: 9 }])).toEqual([range(1, 2, { width: "9", customWidth: "1" })]);
  });

  test("writes <cols>, and tells a column's style", () => {
    expect(colsXml("x:", [range(1, 2, { width: "9" })])).toBe('<x:cols><x:col min="1" max="2" width="9"/></x:cols>');
    expect(columnStyle([range(3, 5, { style: "7" })], 4)).toBe(7);
    expect(columnStyle([range(3, 5, { style: "7" })], 6)).toBe(0);
  });
});
