// The pieces of the reader: serial numbers to dates, what a number format makes of a number, the
// shared strings part, and a part inflated piece by piece.
import { strToU8, zipSync } from "fflate";
import { dateSerial, serialDate } from "../../hosts/xlsx-package/excel-date";
import { isPercentFormat } from "../../hosts/xlsx-package/number-formats";
import { streamPart } from "../../hosts/xlsx-package/part-stream";
import { readSharedStrings } from "../../hosts/xlsx-package/shared-strings";
import { DATE, NUMBER, PERCENT, valueFormats } from "../../hosts/xlsx-package/value-formats";
import { readZip } from "../../hosts/xlsx-package/zip-read";
import { rawWorkbookParts } from "./raw-workbook";
import { FORMATS, SHARED } from "./cell-kinds";

describe("serialDate", () => {
  test.each([
    [1, false, Date.UTC(1900, 0, 1)],
    [59, false, Date.UTC(1900, 1, 28)],
    [60, false, Date.UTC(1900, 1, 28)], // Excel's 29 February 1900, which never was
    [61, false, Date.UTC(1900, 2, 1)],
    [0.25, false, Date.UTC(1899, 11, 31, 6)],
    [45658.75, false, Date.UTC(2025, 0, 1, 18)],
    [0, true, Date.UTC(1904, 0, 1)],
    [44196, true, Date.UTC(2025, 0, 1)],
  ])("%s (1904: %s)", (serial, date1904, ms) => expect(serialDate(serial, date1904)).toEqual(new Date(ms)));

  test("undoes dateSerial, to the millisecond, in both systems (but for the phantom day)", () => {
    for (const date1904 of [false, true]) {
      for (let serial = 0; serial < 80000; serial += 37.013) {
        if (!date1904 && serial >= 60 && serial < 61) continue;
        const date = serialDate(serial, date1904)!;
        expect(serialDate(dateSerial(date, date1904), date1904)).toEqual(date);
      }
    }
  });

  test("is the same as ExcelJS's from 1 March 1900, and undefined where no date can be", () => {
    const exceljs = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    for (let serial = 61; serial < 2958466; serial += 997.3131) for (const d of [false, true]) expect(serialDate(serial, d)).toEqual(exceljs(serial, d));
    expect(serialDate(1e12, false)).toBeUndefined();
  });
});

describe("number formats as values", () => {
  test.each([
    [9, undefined, true],
    [10, undefined, true],
    [0, undefined, false],
    [164, "0.0%", true],
    [164, "#,##0.00%;[Red]-#,##0.00%", true],
    [164, '0.0"%"', false],
    [164, "0.0\\%", false],
    [164, "0.00", false],
  ])("percent: id %s, %s -> %s", (id, code, expected) => expect(isPercentFormat(id, code)).toBe(expected));

  test("each cell format is a number, a date or a percentage; a workbook without styles has numbers", () => {
    const xml = rawWorkbookParts({ sheets: [], ...FORMATS })["xl/styles.xml"];
    expect([...valueFormats(xml, "xl/styles.xml")]).toEqual([NUMBER, DATE, PERCENT, PERCENT, DATE, PERCENT, DATE, DATE, NUMBER, NUMBER, NUMBER, DATE, DATE, NUMBER, DATE, NUMBER]);
    expect([...valueFormats(undefined, "xl/styles.xml")]).toEqual([NUMBER]);
    expect([...valueFormats(`<styleSheet xmlns="${"http://schemas.openxmlformats.org/spreadsheetml/2006/main"}"/>`, "xl/styles.xml")]).toEqual([NUMBER]);
  });
});

describe("readSharedStrings", () => {
  test("plain, rich (runs joined, phonetic guides left out), escaped, empty; none without the part", () => {
    const parts = rawWorkbookParts({ sheets: [], sharedStrings: [...SHARED, ""] });
    const zip = zipSync({ "xl/sharedStrings.xml": strToU8(parts["xl/sharedStrings.xml"].replace("<si></si>", "<si/>")) });
    expect(readSharedStrings(zip, readZip(zip)[0])).toEqual([
      "Plain shared",
      "Rich text",
      "Line one\r\nLine two",
      "Tom & Jerry <test> AB",
      "  padded  ",
      "",
      "Ünïcödé — 名前 😀",
      "_x000D_ stays as typed",
      "",
    ]);
    expect(readSharedStrings(zip, undefined)).toEqual([]);
  });
});

describe("streamPart", () => {
  // Numbers that compress poorly, so the part is several steps of inflating.
  let seed = 1;
  const text = Array.from({ length: 200000 }, () => (seed = (seed * 48271) % 2147483647)).join(",");
  test.each([
    ["deflated", 6],
    ["stored", 0],
  ] as const)("%s: the part in order, in pieces, stopping when asked", (_label, level) => {
    const zip = zipSync({ "a.xml": [strToU8(text), { level }] });
    const entry = readZip(zip)[0];
    const pieces: Uint8Array[] = [];
    streamPart(zip, entry, (p) => (pieces.push(p.slice()), true));
    expect(pieces.length).toBeGreaterThan(1);
    expect(new TextDecoder().decode(Buffer.concat(pieces))).toBe(text);
    let calls = 0;
    streamPart(zip, entry, () => ++calls < 1);
    expect(calls).toBe(1);
  });

  test("a part that is not DEFLATE data is damage, in plain words", () => {
    const zip = zipSync({ "a.xml": strToU8(text) });
    const entry = readZip(zip)[0];
    zip.fill(0xff, entry.dataStart, entry.dataStart + 20);
    expect(() => streamPart(zip, entry, () => true)).toThrow(/damaged \(part a\.xml cannot be decompressed\)/);
  });
});
