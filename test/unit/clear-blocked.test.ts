// When Clear is offered: exactly when the workbook's run record holds results on the picked table's
// sheet (or that sheet's run wrote the summary sheet). Header names count for nothing: an officer's
// own "Category" and "Reasons" columns are not ours to clear.
import { RESULT_HEADERS } from "../../engine";
import { clearBlockedBy } from "../../addin/clear-blocked";
import type { Target } from "../../addin/pane-host";

const t = (sheet: string, headers: string[]): Target => ({ id: `sheet:${sheet}`, sheet, label: `Sheet ${sheet}`, headers, headerRow: 1, dataRows: 3 });
const officer = ["URN", "School name", "Ofsted grade"];
const none = { sheets: [], summary: null };

describe("Clear offered from the run record", () => {
  it("offered on a sheet the record holds results for, whatever its headers", () => {
    expect(clearBlockedBy(true, t("Schools", officer), { sheets: ["Schools"], summary: null })).toBeNull();
    expect(clearBlockedBy(true, t("Schools", [...officer, ...RESULT_HEADERS]), { sheets: ["Other", "Schools"], summary: "Other" })).toBeNull();
  });

  it("offered on the sheet whose run wrote the summary sheet, even when its own record was left out", () => {
    expect(clearBlockedBy(true, t("Schools", officer), { sheets: [], summary: "Schools" })).toBeNull();
  });

  it("not offered on a sheet whose officer columns are named like ours but the record does not know", () => {
    const lookalike = t("Schools", [...officer, "Category", "Reasons", ...RESULT_HEADERS]);
    expect(clearBlockedBy(true, lookalike, none)).toBe("Nothing to clear: sheet 'Schools' has no results from a run.");
    expect(clearBlockedBy(true, lookalike, null)).toBe("Nothing to clear: sheet 'Schools' has no results from a run.");
  });

  it("says where the workbook's results are when they are on other sheets", () => {
    expect(clearBlockedBy(true, t("Schools", officer), { sheets: ["2025"], summary: "2025" })).toBe(
      "Nothing to clear: sheet 'Schools' has no results from a run. This workbook has results on '2025': pick that sheet to clear them.",
    );
    expect(clearBlockedBy(true, t("Schools", officer), { sheets: ["2024", "2025"], summary: null })).toBe(
      "Nothing to clear: sheet 'Schools' has no results from a run. This workbook has results on '2024', '2025': pick one of those sheets to clear them.",
    );
  });

  it("without a workbook or a picked table, says so", () => {
    expect(clearBlockedBy(false, null, null)).toBe("Nothing to clear: open a workbook first.");
    expect(clearBlockedBy(true, null, { sheets: ["Schools"], summary: null })).toBe("Nothing to clear: no table or sheet with school data is picked.");
  });
});
