// One cell's XML for each kind of value, date serials, and A1 references.
import { cellName, columnLetters, columnOf, rowOf } from "../../hosts/xlsx-package/cell-reference";
import { cellXml, MAX_TEXT } from "../../hosts/xlsx-package/cell-xml";
import { dateSerial } from "../../hosts/xlsx-package/excel-date";

describe("cellXml", () => {
  test("numbers, booleans, text, dates and empty cells", () => {
    expect(cellXml("", "A1", 0, 42.5, false)).toBe('<c r="A1"><v>42.5</v></c>');
    expect(cellXml("", "A1", 3, -1e-7, false)).toBe('<c r="A1" s="3"><v>-1e-7</v></c>');
    expect(cellXml("", "A1", 0, Number.NaN, false)).toBe('<c r="A1" t="e"><v>#NUM!</v></c>');
    expect(cellXml("", "B2", 0, true, false)).toBe('<c r="B2" t="b"><v>1</v></c>');
    expect(cellXml("x:", "B2", 1, " =A1 ", false)).toBe('<x:c r="B2" s="1" t="inlineStr"><x:is><x:t xml:space="preserve"> =A1 </x:t></x:is></x:c>');
    expect(cellXml("", "C3", 2, new Date(Date.UTC(2025, 0, 1)), false)).toBe('<c r="C3" s="2"><v>45658</v></c>');
    expect(cellXml("", "C3", 2, null, false)).toBe('<c r="C3" s="2"/>');
    expect(cellXml("", "C3", 0, "", false)).toBe("");
  });

  test("text longer than Excel's limit is cut there", () => {
    expect(cellXml("", "A1", 0, "x".repeat(MAX_TEXT + 10), false)).toContain(`>${"x".repeat(MAX_TEXT)}<`);
  });
});

describe("dateSerial", () => {
  test.each([
    [Date.UTC(1900, 0, 1), false, 1],
    [Date.UTC(1900, 1, 28), false, 59],
    [Date.UTC(1900, 2, 1), false, 61],
    [Date.UTC(2025, 0, 1, 18), false, 45658.75],
    [Date.UTC(1904, 0, 1), true, 0],
    [Date.UTC(2025, 0, 1), true, 44196],
  ])("%s (1904: %s) -> %s", (ms, date1904, serial) => expect(dateSerial(new Date(ms), date1904)).toBeCloseTo(serial, 9));
});

describe("cell references", () => {
  test("letters and numbers both ways", () => {
    expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(16384)]).toEqual(["A", "Z", "AA", "XFD"]);
    expect([columnOf("A1"), columnOf("xfd1048576"), columnOf("AB12"), columnOf("12")]).toEqual([1, 16384, 28, 0]);
    expect([rowOf("AB12"), rowOf("A")]).toEqual([12, 0]);
    expect(cellName(3, 28)).toBe("AB3");
  });
});
