// The engine's live-update decisions on their own: which rows an edit asks for, what is said
// instead, and an event's address read as cells.
import { classifyEdits, type LiveBasis } from "../../engine";
import { editedArea } from "../../hosts/office";
import { ruleset } from "./live-workbook";

const basis: LiveBasis = {
  sheet: { name: "Schools", headers: ["URN", "School name", "Ofsted grade", "Officer category"], rows: [], headerRow: 3, firstColumn: 2 },
  histories: [{ name: "Notices", headers: ["URN", "Notice"], rows: [], headerRow: 1, firstColumn: 1 }],
  asOf: "2026-03-01",
  results: { firstColumn: 6, headers: ["Category", "Rule category", "Triggers"] },
  lastRow: 10,
  store: { ruleset: null, records: {}, summary: null },
};
const at = (top: number, left: number, bottom = top, right = left) => ({ top, left, bottom, right });

describe("classifyEdits", () => {
  it("asks for the data rows an officer-column edit touches, and says when it runs below the table", () => {
    const e = classifyEdits(basis, ruleset, [{ sheet: "Schools", area: at(9, 3, 12, 4) }, { sheet: "Schools", area: at(5, 2) }]);
    expect(e.rows).toEqual([5, 9, 10]);
    expect(e.notes).toEqual(["'Schools' C9:D12 is below the schools the last run categorised; run the categorisation again to include new rows."]);
    expect(e.rerun).toBeNull();
  });

  it("leaves cells beside the table and above its header alone, and says an edit in the results columns is replaced", () => {
    expect(classifyEdits(basis, ruleset, [{ sheet: "Schools", area: at(1, 1, 2, 30) }, { sheet: "Schools", area: at(5, 1) }, { sheet: "Other", area: at(5, 2) }])).toEqual({ rows: [], histories: [], notes: [], rerun: null });
    const e = classifyEdits(basis, ruleset, [{ sheet: "Schools", area: at(4, 8) }]);
    expect(e.rows).toEqual([]);
    expect(e.notes[0]).toMatch(/^'Schools' H4 is in the results \('Triggers'\)/);
  });

  it("a header edit, or rows inserted, ask for a run; a history edit asks for that sheet", () => {
    expect(classifyEdits(basis, ruleset, [{ sheet: "Schools", area: at(3, 7) }]).rerun).toMatch(/header row of 'Schools' was changed \(G3\)/);
    expect(classifyEdits(basis, ruleset, [{ sheet: "Schools", area: null }]).rerun).toMatch(/inserted or deleted/);
    expect(classifyEdits(basis, ruleset, [{ sheet: "Notices", area: at(7, 2) }, { sheet: "Notices", area: null }])).toMatchObject({ histories: ["Notices"], rerun: null });
    expect(classifyEdits(basis, ruleset, [{ sheet: "Notices", area: at(1, 2) }]).rerun).toMatch(/history sheet 'Notices'/);
  });
});

describe("editedArea", () => {
  it("reads cells, ranges, whole rows and whole columns", () => {
    expect(editedArea("B5")).toEqual(at(5, 2));
    expect(editedArea("Schools!$B$5:$AD$9")).toEqual(at(5, 2, 9, 30));
    expect(editedArea("5:7")).toEqual(at(5, 1, 7, 16_384));
    expect(editedArea("C:D")).toEqual(at(1, 3, 1_048_576, 4));
    expect(editedArea("nonsense")).toBeNull();
  });
});
