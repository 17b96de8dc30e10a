// Whether the picked table's sheet already shows a run's results, so Clear has something to do: a
// results block on a header row, of any listed table or sheet on the same sheet (in Excel a table's
// own headers stop before the results columns beside it; its sheet's header row has them).
import { RESULT_HEADERS } from "../../engine";
import type { Target } from "../../addin/pane-host";
import { showsResults } from "../../addin/target-match";

const t = (id: string, sheet: string, headers: string[]): Target => ({ id, sheet, label: id, headers, headerRow: 1, dataRows: 3 });
const officer = ["URN", "School name", "Ofsted grade"];

describe("results shown on a sheet", () => {
  it("a sheet with the results headers after the officer's columns", () => {
    const sheet = t("sheet:Schools", "Schools", [...officer, ...RESULT_HEADERS, "Consortium funding"]);
    expect(showsResults(sheet, [sheet])).toBe(true);
  });

  it("a table whose sheet has them beside it", () => {
    const table = t("table:Schools", "Schools", officer);
    const sheet = t("sheet:Schools", "Schools", [...officer, ...RESULT_HEADERS]);
    expect(showsResults(table, [table, sheet])).toBe(true);
    expect(showsResults(table, [table])).toBe(false);
  });

  it("not a sheet without them, nor one with only some, nor another sheet's", () => {
    const plain = t("sheet:Schools", "Schools", officer);
    const partial = t("sheet:Partial", "Partial", [...officer, "Category", "Reasons"]);
    const other = t("sheet:Other", "Other", [...officer, ...RESULT_HEADERS]);
    expect(showsResults(plain, [plain, other])).toBe(false);
    expect(showsResults(partial, [partial])).toBe(false);
  });
});
