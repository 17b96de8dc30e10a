// The pane's school list: filtered by category chips and by name or URN (never by category letter),
// highest concern first in the ruleset's order of categories (most triggers first within one).
import { readFileSync } from "fs";
import { join } from "path";
import { parseRuleset, type RowResult } from "../../engine";
import { schoolsShown } from "../../addin/school-order";

const ruleset = parseRuleset(readFileSync(join(__dirname, "../../rules/staffordshire.json"), "utf8"));
const school = (row: number, band: string, name: string, key: number, triggers = 0) => ({ row, band, name, key, triggers: Array.from({ length: triggers }, (_, i) => ({ id: `t${i}` })) }) as unknown as RowResult;
const rows = [school(2, "A", "Dove Primary", 101), school(3, "D", "Ash Academy", 102, 1), school(4, "B", "Birch School", 103), school(5, "D", "Cedar School", 104, 4), school(6, "U", "Elm School", 105)];
const order = (shown: RowResult[]) => shown.map((r) => r.row);

describe("the schools the list shows", () => {
  it("highest concern first, in the ruleset's order of categories, most triggers first within one", () => {
    expect(ruleset.bands.map((b) => b.id)).toEqual(["D", "C", "B", "U", "A"]);
    expect(order(schoolsShown(rows, ruleset, new Set(), "", "concern"))).toEqual([5, 3, 4, 6, 2]);
  });

  it("as in the sheet, or by name", () => {
    expect(order(schoolsShown(rows, ruleset, new Set(), "", "sheet"))).toEqual([2, 3, 4, 5, 6]);
    expect(order(schoolsShown(rows, ruleset, new Set(), "", "name"))).toEqual([3, 4, 5, 2, 6]);
  });

  it("chips: only the categories picked; none picked is all", () => {
    expect(order(schoolsShown(rows, ruleset, new Set(["D"]), "", "concern"))).toEqual([5, 3]);
    expect(order(schoolsShown(rows, ruleset, new Set(["A", "B"]), "", "concern"))).toEqual([4, 2]);
  });

  it("the search is by name or URN: 'D' finds names with a D, not every school in category D", () => {
    expect(order(schoolsShown(rows, ruleset, new Set(), "d", "sheet"))).toEqual([2, 3, 5]);
    expect(order(schoolsShown(rows, ruleset, new Set(), "104", "sheet"))).toEqual([5]);
    expect(order(schoolsShown(rows, ruleset, new Set(["D"]), "cedar", "sheet"))).toEqual([5]);
  });

  it("leaves the run's rows as they were", () => {
    const before = order(rows);
    schoolsShown(rows, ruleset, new Set(), "", "name");
    expect(order(rows)).toEqual(before);
  });
});
