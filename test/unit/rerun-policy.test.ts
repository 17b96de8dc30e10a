// The re-run and clear policy on its own: plain data in, decisions out, no workbook anywhere.
import { NotWrittenError, RESULT_HEADERS, emptyStore, type CellValue, type OutputPlan, type StoreContents } from "../../engine";
import { cutArea, planClear, planRun, runSnapshotArea, type HeaderRow } from "../../engine/output/rerun-policy";

const HEADER_ROW = 3;
const FIRST = 6; // officer columns A-E, results from F

/** A plan for `rows` schools; rows listed in `coloured` have their column-B cell given a trigger fill. */
function plan(rows: number, coloured: number[] = [], headers = RESULT_HEADERS): OutputPlan {
  return {
    sheet: "Schools",
    headerRow: HEADER_ROW,
    firstColumn: FIRST,
    headers,
    headerStyle: { fill: "#DDEBF7", bold: true },
    columnWidths: headers.map(() => 22),
    values: Array.from({ length: rows }, () => headers.map(() => "x")),
    styles: [
      { style: { fill: "#FFC7CE", font: "#9C0006" }, cells: coloured.flatMap((r) => [{ row: HEADER_ROW + r, column: 2 }, { row: HEADER_ROW + r, column: FIRST + 2 }]) },
      { style: { fill: "#C6EFCE" }, cells: [{ row: HEADER_ROW + 1, column: FIRST }] },
    ],
    summary: { name: "Categorisation summary", rows: [] },
  };
}

const OFFICER = ["URN", "Grade", "Absence", "P8", "Notes"];
/** The header row as a host reads it: officer headers, then (after a run) our results headers. */
const header = (results: string[] = [], officer = OFFICER): HeaderRow => ({ cells: [...officer, ...results], row: HEADER_ROW, firstColumn: 1 });
const NAMES = ["Schools"];

/** A blank results area of the right size, our headers on top when `headers` is given. */
function blank(area: { top: number; left: number; bottom: number; right: number }, headers: CellValue[] = []): CellValue[][] {
  return Array.from({ length: area.bottom - area.top + 1 }, (_, i) => Array.from({ length: area.right - area.left + 1 }, (_, j) => (i === 0 ? headers[j] ?? null : null)));
}

/** The store after a first run that coloured `coloured` rows, each found with the officer's yellow. */
function afterFirstRun(rows: number, coloured: number[]): StoreContents {
  const p = plan(rows, coloured);
  const area = runSnapshotArea(p, emptyStore(), header(), HEADER_ROW + rows);
  const decision = planRun(p, emptyStore(), header(), NAMES, blank(area), area);
  return decision.storeAfter(decision.readFills.map(() => ({ color: "#FFFF00" })));
}

describe("planRun", () => {
  it("on a first run: clears and writes the plan's area, reads the fills of every officer cell it colours, records them with their headers", () => {
    const p = plan(10, [2, 5]);
    const store = emptyStore();
    const area = runSnapshotArea(p, store, header(), HEADER_ROW + 10);
    expect(area).toEqual({ top: HEADER_ROW, left: FIRST, bottom: HEADER_ROW + 10, right: FIRST + RESULT_HEADERS.length - 1 });
    const d = planRun(p, store, header(), NAMES, blank(area), area);
    expect(d.clear).toEqual(area);
    expect(d.restore).toEqual([]);
    expect(d.readFills).toEqual([{ row: HEADER_ROW + 2, column: 2 }, { row: HEADER_ROW + 5, column: 2 }]);
    expect(d.styles.officer).toEqual([{ fill: "#FFC7CE", cells: d.readFills }]);
    expect(d.notes).toEqual([]);
    expect(d.summaryName).toBe("Categorisation summary");
    const after = d.storeAfter([{ color: "#FFFF00" }, { color: null }]);
    expect(after.records.Schools).toMatchObject({ headerRow: HEADER_ROW, firstColumn: FIRST, headers: RESULT_HEADERS, lastRow: HEADER_ROW + 10 });
    expect(after.records.Schools.originals).toEqual({ '{"color":"#FFFF00"}': [HEADER_ROW + 2, 2], '{"color":null}': [HEADER_ROW + 5, 2] });
    expect(after.records.Schools.originalHeaders).toEqual({ 2: "Grade" });
    expect(after.summary).toEqual({ sheet: "Schools", name: "Categorisation summary" });
  });

  it("on a re-run: restores cells that no longer trigger, keeps recorded originals (never our own fill), reads only new cells", () => {
    const store = afterFirstRun(10, [2, 5]);
    const p = plan(10, [5, 7]);
    const area = runSnapshotArea(p, store, header(RESULT_HEADERS), HEADER_ROW + 10);
    const d = planRun(p, store, header(RESULT_HEADERS), NAMES, blank(area, RESULT_HEADERS), area);
    expect(d.restore).toEqual([{ fill: { color: "#FFFF00" }, cells: [{ row: HEADER_ROW + 2, column: 2 }] }]);
    expect(d.readFills).toEqual([{ row: HEADER_ROW + 7, column: 2 }]);
    // Row 5's cell now shows our red; its recorded original (yellow) must survive, not the red.
    const after = d.storeAfter([{ color: "#00B0F0" }]);
    expect(after.records.Schools.originals).toEqual({ '{"color":"#FFFF00"}': [HEADER_ROW + 5, 2], '{"color":"#00B0F0"}': [HEADER_ROW + 7, 2] });
  });

  it("clears as far as the last run reached: wider (ruleset outputs) and longer (rows since deleted)", () => {
    const wide = [...RESULT_HEADERS, "Funding"];
    const first = plan(12, [], wide);
    const a1 = runSnapshotArea(first, emptyStore(), header(), HEADER_ROW + 12);
    const store = planRun(first, emptyStore(), header(), NAMES, blank(a1), a1).storeAfter([]);
    const p = plan(8);
    const area = runSnapshotArea(p, store, header(wide), HEADER_ROW + 8);
    expect(area).toEqual({ top: HEADER_ROW, left: FIRST, bottom: HEADER_ROW + 12, right: FIRST + wide.length - 1 });
    expect(() => planRun(p, store, header(wide), NAMES, blank(area, wide), area)).not.toThrow();
  });

  it("refuses, naming the column and cell, when officer data is in the area; only the recorded run's columns may be overwritten", () => {
    const store = afterFirstRun(10, []);
    const p = plan(10);
    const area = runSnapshotArea(p, store, header(RESULT_HEADERS), HEADER_ROW + 10);
    const grid = blank(area, RESULT_HEADERS);
    grid[4][1] = "old reason"; // under the recorded "Rule category": ours, so it may go
    expect(() => planRun(p, store, header(RESULT_HEADERS), NAMES, grid, area)).not.toThrow();
    const officer = blank(area);
    officer[6][2] = "my note"; // headerless column H, sheet row 9
    expect(() => planRun(p, emptyStore(), header(), NAMES, officer, area)).toThrow(NotWrittenError);
    expect(() => planRun(p, emptyStore(), header(), NAMES, officer, area)).toThrow(/Column H on 'Schools' holds the officer's data \(cell H9\)/);
    const headed = blank(area, [null, "Notes"]);
    expect(() => planRun(p, emptyStore(), header(), NAMES, headed, area)).toThrow(/Column G \('Notes'\)/);
  });

  it("without a record, columns headed like our results are the officer's data, never overwritten", () => {
    const p = plan(10);
    const area = runSnapshotArea(p, emptyStore(), header(), HEADER_ROW + 10);
    expect(() => planRun(p, emptyStore(), header(), NAMES, blank(area, RESULT_HEADERS), area)).toThrow(/Column F \('Category'\) on 'Schools' holds the officer's data/);
  });

  it("finds the last run after a column is inserted left of it: its block and its recorded fills move with their headers", () => {
    const store = afterFirstRun(10, [2, 5]);
    // The officer inserted a column before "Grade": Grade is now column 3, results start at G.
    const officer = ["URN", "New", "Grade", "Absence", "P8", "Notes"];
    const p = { ...plan(10, [5]), firstColumn: FIRST + 1, styles: [{ style: { fill: "#FFC7CE" }, cells: [{ row: HEADER_ROW + 5, column: 3 }] }] };
    const h = header(RESULT_HEADERS, officer);
    const area = runSnapshotArea(p, store, h, HEADER_ROW + 10);
    expect(area.left).toBe(FIRST + 1);
    const d = planRun(p, store, h, NAMES, blank(area, RESULT_HEADERS), area);
    expect(d.notes).toEqual([]);
    // Row 2 no longer triggers: its yellow goes back to Grade, now column 3 (not column 2, now "New").
    expect(d.restore).toEqual([{ fill: { color: "#FFFF00" }, cells: [{ row: HEADER_ROW + 2, column: 3 }] }]);
    expect(d.readFills).toEqual([]); // row 5's original is known, in its new column
    expect(d.storeAfter([]).records.Schools.originals).toEqual({ '{"color":"#FFFF00"}': [HEADER_ROW + 5, 3] });
  });

  it("notes that colours cannot be restored when the last run's block is gone, and records afresh", () => {
    const store = afterFirstRun(10, [2]);
    const moved: OutputPlan = { ...plan(10, [2]), firstColumn: FIRST + 1, styles: [] };
    const h = header([], [...OFFICER, "More"]);
    const area = runSnapshotArea(moved, store, h, HEADER_ROW + 10);
    const d = planRun(moved, store, h, NAMES, blank(area), area);
    expect(d.notes).toEqual(["The results columns of the last run on 'Schools' are no longer where the record says, so trigger colours from that run could not be restored."]);
    expect(d.restore).toEqual([]);
    expect(d.storeAfter([]).records.Schools.firstColumn).toBe(FIRST + 1);
  });

  it("never takes over an officer's own sheet named like the summary: picks a free name, and keeps it on later runs", () => {
    const p = plan(3);
    const area = runSnapshotArea(p, emptyStore(), header(), HEADER_ROW + 3);
    const names = ["Schools", "Categorisation summary", "categorisation summary (2)"];
    const d = planRun(p, emptyStore(), header(), names, blank(area), area);
    expect(d.summaryName).toBe("Categorisation summary (3)");
    const store = d.storeAfter([]);
    const again = planRun(p, store, header(RESULT_HEADERS), [...names, "Categorisation summary (3)"], blank(area, RESULT_HEADERS), area);
    expect(again.summaryName).toBe("Categorisation summary (3)");
  });
});

describe("cutArea", () => {
  it("cuts a rectangle out of a table, padding beyond its edges with blanks", () => {
    const table = { headers: ["A", "B", "C"], rows: [[1, 2, 3], [4, 5, 6]], headerRow: 2, firstColumn: 1 };
    expect(cutArea(table, { top: 2, left: 2, bottom: 4, right: 4 })).toEqual([["B", "C", null], [2, 3, null], [5, 6, null]]);
  });
});

describe("planClear", () => {
  it("clears the recorded block, restores every recorded fill, drops the summary and the record", () => {
    const store = afterFirstRun(10, [2, 5]);
    const d = planClear("Schools", store, { header: header(RESULT_HEADERS), bottom: HEADER_ROW + 10 });
    expect(d.clear).toEqual({ top: HEADER_ROW, left: FIRST, bottom: HEADER_ROW + 10, right: FIRST + RESULT_HEADERS.length - 1 });
    expect(d.restore).toEqual([{ fill: { color: "#FFFF00" }, cells: [{ row: HEADER_ROW + 2, column: 2 }, { row: HEADER_ROW + 5, column: 2 }] }]);
    expect(d.dropSummary).toBe("Categorisation summary");
    expect(d.store.records).toEqual({});
    expect(d.store.summary).toBeNull();
    expect(d.message).toBe("Cleared the results on 'Schools' and restored 2 cell colours.");
  });

  it("without a record clears nothing, even under columns headed like our results", () => {
    const d = planClear("Schools", emptyStore(), { header: header(RESULT_HEADERS), bottom: HEADER_ROW + 10 });
    expect(d).toMatchObject({ clear: null, restore: [], dropSummary: null, message: "No results to clear on 'Schools'." });
  });

  it("after a column was inserted, clears the block where it stands now and restores fills into their moved columns", () => {
    const store = afterFirstRun(10, [2]);
    const d = planClear("Schools", store, { header: header(RESULT_HEADERS, ["URN", "New", "Grade", "Absence", "P8", "Notes"]), bottom: HEADER_ROW + 10 });
    expect(d.clear?.left).toBe(FIRST + 1);
    expect(d.restore).toEqual([{ fill: { color: "#FFFF00" }, cells: [{ row: HEADER_ROW + 2, column: 3 }] }]);
  });

  it("does not clear where the record's headers no longer stand, but gives the officer's fills back", () => {
    const store = afterFirstRun(10, [2]);
    const d = planClear("Schools", store, { header: header(["Notes"]), bottom: HEADER_ROW + 10 });
    expect(d.clear).toBeNull();
    expect(d.restore).toHaveLength(1);
  });
});
