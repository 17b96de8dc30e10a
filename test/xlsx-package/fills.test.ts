// readCellFills, and putting an officer's fill back exactly: a solid colour and a theme pattern fill
// coloured by a run, then restored with fillXml, end as the same <fill> and the same cell XML.
import { patchWorkbook, readCellFills } from "../../hosts/xlsx-package";
import { buildCorpus, OFFICER, SCHOOLS } from "./corpus";
import { textOf } from "./parts";

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
