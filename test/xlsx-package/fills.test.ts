// readCellFills, and putting an officer's fill back exactly: a solid colour and a theme pattern fill
// coloured by a run, then restored with fillXml, end as the same <fill> and the same cell XML.
import { strToU8, zipSync } from "fflate";
import { patchWorkbook, readCellFills } from "../../hosts/xlsx-package";
import { buildCorpus, OFFICER, SCHOOLS } from "./corpus";
import { textOf } from "./parts";
import { MAIN_NS, rawWorkbookParts } from "./raw-workbook";

const SOLID = { row: OFFICER.solid.row, column: OFFICER.solid.column };
const PATTERN = { row: OFFICER.pattern.row, column: OFFICER.pattern.column };
const GREY = { row: 2, column: 4 };
const PLAIN = { row: 2, column: 2 };
const EMPTY = { row: 40, column: 30 };
const CELLS = [SOLID, PATTERN, GREY, PLAIN, EMPTY];
const key = (c: { row: number; column: number }) => `${c.row}:${c.column}`;

const cellXml = (bytes: Uint8Array, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(textOf(bytes, "xl/worksheets/sheet1.xml"))![0];
const fillsPart = (bytes: Uint8Array) => /<fills[^>]*>.*<\/fills>/.exec(textOf(bytes, "xl/styles.xml"))![0];

describe("cell fills", () => {
  let input: Uint8Array;
  beforeAll(async () => {
    input = await buildCorpus();
  });

  test("readCellFills gives the solid colour, and the exact fill for theme and pattern fills", () => {
    const fills = readCellFills(input, SCHOOLS, CELLS);
    expect(fills.get(key(SOLID))).toEqual({ color: "#FFFF00", fillXml: '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill>' });
    expect(fills.get(key(PATTERN))).toEqual({
      color: null,
      fillXml: '<fill><patternFill patternType="darkTrellis"><fgColor theme="4" tint="0.3999755851924192"/><bgColor theme="0"/></patternFill></fill>',
    });
    expect(fills.get(key(GREY))?.color).toBe("#EEEEEE");
    expect(fills.get(key(PLAIN))).toEqual({ color: null });
    expect(fills.get(key(EMPTY))).toEqual({ color: null });
  });

  test("a run's colour, then restoring with fillXml, gives back the same fill and the same cell", () => {
    const original = readCellFills(input, SCHOOLS, CELLS);
    const coloured = patchWorkbook(input, { sheets: [{ sheet: SCHOOLS, cells: [SOLID, PATTERN, PLAIN].map((c) => ({ ...c, style: { fill: "#FF0000" } })) }] });
    const during = readCellFills(coloured, SCHOOLS, CELLS);
    for (const c of [SOLID, PATTERN, PLAIN]) expect(during.get(key(c))?.color).toBe("#FF0000");

    const restored = patchWorkbook(coloured, {
      sheets: [{ sheet: SCHOOLS, cells: [SOLID, PATTERN, PLAIN].map((c) => ({ ...c, style: original.get(key(c))!.fillXml ? { fillXml: original.get(key(c))!.fillXml } : { fill: null } })) }],
    });
    expect(readCellFills(restored, SCHOOLS, CELLS)).toEqual(original);
    // Same style index as before the run, so the very same cell XML, and no new <fill> for the restore.
    for (const ref of ["B3", "C4", "B2"]) expect(cellXml(restored, ref)).toBe(cellXml(input, ref));
    expect(fillsPart(restored)).toBe(fillsPart(coloured));
    // The officer's <fill> elements are all still there, in their places, byte for byte.
    const fills = (bytes: Uint8Array) => fillsPart(bytes).match(/<fill>.*?<\/fill>/g)!;
    expect(fills(restored).slice(0, fills(input).length)).toEqual(fills(input));
  });
});

describe("readCellFills on a hand-written sheet", () => {
  const solid = (rgb: string) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
  // Cell formats 1, 2 and 3 fill red, green and blue.
  const styles =
    `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts>` +
    `<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${solid("FF0000")}${solid("00FF00")}${solid("0000FF")}</fills>` +
    `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>` +
    `<cellXfs count="4"><xf fillId="0"/><xf fillId="2" applyFill="1"/><xf fillId="3" applyFill="1"/><xf fillId="4" applyFill="1"/></cellXfs></styleSheet>`;
  const sheetData =
    '<row r="1"><c r="A1" s="1"/><c s="2"><v>1</v></c><c r="D1"/></row>' + // B1 has no reference: it follows A1
    "<row><c r=\"B2\" s=\"3\"/></row>" + // row 2 has no number: it follows row 1
    '<row r="4" s="2" customFormat="1"><c r="A4" s="1"/></row>' +
    // Past the last row asked about, nothing is read, not even this damage.
    '<row r="9"><c r="A9"><v>1</v></c></row><row r="10"><c r="A10"></row></c>';
  const parts = rawWorkbookParts({ sheets: [{ name: "S", sheetData }] });
  parts["xl/styles.xml"] = styles;
  parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace("<sheetData>", '<cols><col min="3" max="5" width="9" style="3"/></cols><sheetData>');
  const book = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));

  test("each cell's own fill, else its row's, else its column's, in the order asked, asked twice or not", () => {
    const asked = [{ row: 2, column: 2 }, { row: 1, column: 2 }, { row: 1, column: 1 }, { row: 1, column: 4 }, { row: 1, column: 3 }, { row: 4, column: 1 }, { row: 4, column: 2 }, { row: 3, column: 7 }, { row: 1, column: 2 }, { row: 9, column: 1 }];
    const fills = readCellFills(book, "S", asked);
    const colours = asked.map((c) => fills.get(`${c.row}:${c.column}`)?.color);
    expect(colours).toEqual(["#0000FF", "#00FF00", "#FF0000", null, "#0000FF", "#FF0000", "#00FF00", null, "#00FF00", null]);
    expect(fills.get("1:1")).toEqual({ color: "#FF0000", fillXml: solid("FF0000") });
    expect(fills.get("1:4")).toEqual({ color: null });
    expect(fills.size).toBe(9);
  });

  test("asking about nothing reads nothing; asking past the damage finds it", () => {
    expect(readCellFills(book, "S", []).size).toBe(0);
    expect(() => readCellFills(book, "S", [{ row: 11, column: 1 }])).toThrow(/closes no open element/);
  });
});
