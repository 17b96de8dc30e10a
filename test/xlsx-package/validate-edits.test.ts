// Edits are checked before anything is written.
import { checkSheetName, validateEdits } from "../../hosts/xlsx-package/validate-edits";
import type { PackageEdits } from "../../hosts/xlsx-package";

const cell = (extra: object) => ({ sheets: [{ sheet: "S", cells: [{ row: 1, column: 1, ...extra }] }] }) as PackageEdits;

describe("validateEdits", () => {
  test("accepts a run's edits", () => {
    expect(() =>
      validateEdits({
        sheets: [{ sheet: "S", cells: [{ row: 1048576, column: 16384, value: new Date(), style: { fill: null, font: "#000000", bold: true, numFmt: "0%", fillXml: "<fill><patternFill/></fill>" } }], clearArea: { top: 1, left: 1, bottom: 2, right: 2 }, columnWidths: [{ column: 1, width: 0 }] }],
        addSheets: [{ name: "_categorisation", rows: [[1, "a", null, true]], state: "veryHidden" }],
      }),
    ).not.toThrow();
  });

  test.each<[string, PackageEdits, RegExp]>([
    ["a column past XFD", cell({ column: 16385 }), /outside the sheet/],
    ["a fractional row", cell({ row: 1.5 }), /outside the sheet/],
    ["an object value", cell({ value: { formula: "A1" } }), /must be text, a number, true\/false, a date or empty/],
    ["an invalid date", cell({ value: new Date("nope") }), /must be text/],
    ["a short colour", cell({ style: { font: "#FFF" } }), /font colour '#FFF'/],
    ["a fill that is not a <fill>", cell({ style: { fillXml: "<font/>" } }), /not a <fill> element/],
    ["broken fill XML", cell({ style: { fillXml: "<fill>" } }), /not a <fill> element/],
    ["an empty number format", cell({ style: { numFmt: "" } }), /number format is empty/],
    ["an upside-down area", { sheets: [{ sheet: "S", cells: [], clearArea: { top: 5, left: 1, bottom: 2, right: 1 } }] }, /upside down/],
    ["a silly width", { sheets: [{ sheet: "S", cells: [], columnWidths: [{ column: 1, width: 300 }] }] }, /not between 0 and 255/],
    ["a sheet added twice", { addSheets: [{ name: "A", rows: [] }, { name: "a", rows: [] }] }, /added twice/],
    ["a bad state", { addSheets: [{ name: "A", rows: [], state: "gone" as "hidden" }] }, /state 'gone'/],
  ])("refuses %s", (_label, edits, message) => expect(() => validateEdits(edits)).toThrow(message));

  test.each([
    ["", /1 to 31 characters/],
    ["x".repeat(32), /1 to 31 characters/],
    ["a/b", /character Excel does not allow/],
    ["[x]", /character Excel does not allow/],
    ["'quoted'", /apostrophe/],
    ["History", /keeps the sheet name 'History'/],
  ])("refuses the sheet name %j", (name, message) => expect(() => checkSheetName(name)).toThrow(message));
});
