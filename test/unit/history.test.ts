// engine/read/history.ts: history sheets read into each school's entries, in sheet order, with
// problems said against the school they belong to (or the sheet, for rows without a key).
import * as fs from "fs";
import * as path from "path";
import { keyText, readHistories, schoolKey } from "../../engine/read/history";
import { memorySource } from "../../engine/read/memory-source";
import { parseRuleset } from "../../engine";

const ruleset = parseRuleset(fs.readFileSync(path.resolve(__dirname, "../../rules/staffordshire.json"), "utf8"));

test("entries by school key in sheet order; problems only for the schools (or rows) that have them", () => {
  const source = memorySource({
    "Core group meetings": {
      headers: ["URN", "Meeting date", "Evidence of impact"],
      rows: [
        [100001, "2025-10-01", "No"],
        [" 100002 ", "2025-11-01", "Yes"],
        [100001, "2025-09-01", "perhaps"],
        [null, "2025-09-01", "No"],
        [100002, "soon", "No"],
      ],
    },
  });
  const { byKey, warnings, problems } = readHistories(source, ruleset);
  const meetings = byKey.get("coreGroup")!;
  // Keys as schoolKey makes them: the URN typed as text (" 100002 ") is the same school as the number.
  expect([...meetings.keys()]).toEqual([100001, 100002]);
  expect(meetings.get(100001)).toEqual([{ urn: 100001, date: "2025-10-01", impact: false }, { urn: 100001, date: "2025-09-01", impact: null }]);
  expect(meetings.get(100002)!.map((e) => e.date)).toEqual(["2025-11-01", null]);
  expect(byKey.has("notices")).toBe(false);
  expect([...problems]).toEqual([
    [100001, ["Sheet 'Core group meetings' row 4, column 'Evidence of impact' (C): 'perhaps' is not Yes or No; treated as missing"]],
    [100002, ["Sheet 'Core group meetings' row 6, column 'Meeting date' (B): 'soon' is not a date; treated as missing"]],
  ]);
  expect(warnings).toEqual(["No history sheet for Notices issued (looked for 'Notices', 'Notices issued'); facts drawn from it are missing"]);
});

test("keyText: keys compare trimmed and in lower case, numbers as written", () => {
  expect([100001, 1e21, -0, " AB12 ", "ab12", null, true].map(keyText)).toEqual(["100001", "1e+21", "0", "ab12", "ab12", "", "true"]);
});

test("schoolKey: two values are the same key exactly when their keyText is the same", () => {
  const values = [100001, "100001", " 100001 ", "100001.0", 1e21, "1e+21", "1e21", -0, 0, "0", "-0", "007", 7, 1.5, "1.5", "1.50", "AB12", "ab12", null, "", "  ", true, "true", Infinity, "Infinity", NaN, "NaN", "0x10", 16];
  for (const a of values) {
    for (const b of values) {
      const sameText = keyText(a) === keyText(b);
      // As a Map compares keys (SameValueZero: -0 is 0).
      const sameKey = new Map([[schoolKey(a), 1]]).has(schoolKey(b));
      expect([a, b, sameKey]).toEqual([a, b, sameText]);
    }
  }
  expect([100001, " 100001 ", "AB12", null, "  "].map(schoolKey)).toEqual([100001, 100001, "ab12", "", ""]);
});
