// The record of letters sent, inside Excel (hosts/office/letters-record.ts) on the fake Excel: the
// first batch makes the very hidden store sheet, a second is added after it, and the ruleset and
// run records already kept there stay as they were.
import { lettersSent, parseStore, STORE_SHEET } from "../../engine";
import { readStoredRuleset, writeStoredRuleset } from "../../hosts/office";
import { recordLetterBatch } from "../../hosts/office/letters-record";
import { FakeExcel } from "./fake-excel";

async function storeOf(xl: FakeExcel) {
  const used = xl.context.workbook.worksheets.getItem(STORE_SHEET).getUsedRangeOrNullObject(true);
  used.load("values");
  await xl.context.sync();
  return parseStore(used.values);
}

describe("recording letters in the open workbook", () => {
  it("keeps each batch on the very hidden store sheet, beside the stored ruleset", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Schools");
    await recordLetterBatch(xl.context, { date: "2025-09-01", kind: "categorisation", template: "categorisation-letter.docx", sheet: "Schools" }, [
      ["124040", "D", null],
      ["124041", "C", "noticeOfConcern"],
    ]);
    expect(xl.sheet(STORE_SHEET).visibility).toBe("VeryHidden");
    await writeStoredRuleset(xl.context, '{"id":"kept"}');
    await recordLetterBatch(xl.context, { date: "2025-10-01", kind: "categorisation", template: "ours.docx", sheet: "Schools" }, [["124040", "D", "noticeOfConcern"]]);

    const store = await storeOf(xl);
    expect(store.letters!.map((b) => b.date)).toEqual(["2025-09-01", "2025-10-01"]);
    expect(await readStoredRuleset(xl.context)).toBe('{"id":"kept"}');
    const sent = lettersSent(store, "categorisation", "Schools");
    expect(sent.get("124040")).toEqual({ date: "2025-10-01", template: "ours.docx", band: "D", stage: "noticeOfConcern" });
    expect(sent.get("124041")).toEqual({ date: "2025-09-01", template: "categorisation-letter.docx", band: "C", stage: "noticeOfConcern" });
    expect(lettersSent(store, "s60", "Schools").size).toBe(0);
  });
});
