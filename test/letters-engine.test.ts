// engine/letters: the letter's fields from a real run, the template check with nearest names, the
// fields a template needs, choosing schools, the results a recorded run gave, the letters record.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  categorise, checkPlaceholders, fieldsNeeded, letterFields, letterFileName, memorySource, missingFields, parseRuleset, parseStore, previousResults,
  recordLetters, lettersSent, schoolLetters, selectSchools, sheetFromRecords, storeGrid, emptyStore, type PlaceholderUse, type Ruleset, type RunResult,
} from "../engine";

const rules = (name: string): Ruleset => parseRuleset(fs.readFileSync(path.join(__dirname, `../rules/${name}.json`), "utf8"), `${name}.json`);
const staffs = rules("staffordshire");
const warks = rules("warwickshire");
const use = (name: string, kind: PlaceholderUse["kind"] = "value", within: string[] = []): PlaceholderUse => ({ name, kind, within, where: "the letter's body, in the paragraph 'x'" });

const SCHOOLS: Record<string, string | number | null>[] = [
  { URN: 1001, "School name": "Oak Primary", Type: "Community school", "Ofsted grade": 4, "Category of concern": "SWK", Complaints: 6, "Head teacher": "Mr A Oak", "Link officer": "Jo Bloggs" },
  { URN: 1002, "School name": "Elm Academy", Type: "Academy converter", "Ofsted grade": 3, Complaints: 0, "Head teacher": null, "Link officer": "Sam Jones" },
  { URN: 1003, "School name": "Ash First", Type: "Community school", "Ofsted grade": 2, Complaints: 5, "Head teacher": "Ms C Ash", "Link officer": "Jo Bloggs" },
  { URN: 1004, "School name": "Yew Infant", Type: "Community school", "Ofsted grade": null, Complaints: 0, "Head teacher": "Dr Y", "Link officer": null },
];

async function run(records = SCHOOLS): Promise<{ result: RunResult; source: ReturnType<typeof memorySource> }> {
  const source = memorySource({ Schools: sheetFromRecords(records) });
  return { result: await categorise(source, staffs, { asOf: "2025-09-01" }), source };
}

test("the template check names each unknown placeholder, where it is, and the nearest field", () => {
  const fields = letterFields(staffs);
  expect(() => checkPlaceholders([use("schoolName"), use("reasons", "section"), use("text", "value", ["reasons"]), use("category_D", "section")], fields, "t.docx")).not.toThrow();
  let message = "";
  try {
    checkPlaceholders([use("schoolname"), use("headteacher"), use("category_E", "section"), use("text"), use("reasons"), use("school name")], fields, "t.docx");
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain("t.docx: unknown placeholders:");
  expect(message).toContain("{schoolname} in the letter's body, in the paragraph 'x'; the nearest field is {schoolName}");
  expect(message).toContain("{headteacher} in the letter's body, in the paragraph 'x'; the nearest field is {headTeacher}");
  expect(message).toContain("{#category_E} in the letter's body, in the paragraph 'x'; the nearest field is {category_");
  expect(message).toContain("{text} in the letter's body, in the paragraph 'x' is a field of each of {reasons}: use it between {#reasons} and {/reasons}");
  expect(message).toContain("{reasons} in the letter's body, in the paragraph 'x' is a list: write {#reasons}{text}{/reasons}");
  expect(message).toContain("{school name} in the letter's body, in the paragraph 'x'; the nearest field is {schoolName}");
});

test("a template needs the values it puts in outside a section on the same field", () => {
  const needed = fieldsNeeded(
    [use("schoolName"), use("headTeacher", "section"), use("headTeacher", "value", ["headTeacher"]), use("text", "value", ["reasons"]), use("dueDate", "value", ["stage"]), use("linkOfficers", "value", ["^linkOfficers"])],
    letterFields(staffs),
  );
  expect(needed).toEqual(["schoolName", "dueDate", "linkOfficers"]);
});

test("each school's letter fields: category wording, reasons with the school's values, contacts, and why a value is missing", async () => {
  const { result, source } = await run();
  const sheet = source.readSheet("Schools")!;
  const letters = schoolLetters(result, staffs, sheet, result.rows, { kind: "categorisation", date: "2025-09-01" });
  const [oak, elm, ash] = letters;
  expect(oak.values).toMatchObject({
    schoolName: "Oak Primary", urn: "1001", date: "1 September 2025", reference: "CAT/1001/2025-26", academicYear: "2025/26", replyBy: "29 September 2025",
    category: "D", categoryName: "D High concern", category_D: true, category_A: false, isMaintained: true, isAcademy: false,
    headTeacher: "Mr A Oak", linkOfficers: "Jo Bloggs", stage: "LA Notice of Concern", stage_noticeOfConcern: true, dueDate: "15 September 2025",
  });
  expect(oak.values.categoryReason).toBe("Ofsted grade 4; Category of concern SWK");
  expect(oak.values.reasons).toContainEqual({ text: "Repeated complaints: Complaints 6 (at least 5)", label: "Repeated complaints", detail: "Complaints 6 (at least 5)", severity: "low" });
  expect(elm.values.isAcademy).toBe(true);
  expect(elm.values.headTeacher).toBeNull();
  expect(missingFields(elm, ["schoolName", "headTeacher", "chairOfGovernors"])).toEqual([
    { field: "headTeacher", why: "the head teacher is blank on row 3 (column 'Head teacher')" },
    { field: "chairOfGovernors", why: "the sheet has no chair of governors column (such as 'Chair of governors' or 'Chair of the governing body')" },
  ]);
  expect(ash.values.reasons).toEqual([{ text: "Repeated complaints: Complaints 5 (at least 5)", label: "Repeated complaints", detail: "Complaints 5 (at least 5)", severity: "low" }]);
  expect(schoolLetters(result, staffs, sheet, [result.rows[0]], { kind: "s60", date: "2025-09-01", referencePrefix: "SCC/SI" })[0].values).toMatchObject({ reference: "SCC/SI/1001/2025-26", replyBy: "22 September 2025" });
  expect(letterFileName({ key: "1001", name: "St Mary's C of E / Junior: \"Best\"" })).toBe("1001 St Mary's C of E - Junior- -Best.docx");
  expect(letterFileName({ key: "1002", name: "École Élan" })).toBe("1002 Ecole Elan.docx");
});

test("choosing schools: by band and stage with did-you-mean, notices for maintained schools only, no letter without a category", async () => {
  const { result } = await run();
  const pick = (f: Parameters<typeof selectSchools>[2]) => selectSchools(result.rows, staffs, f);
  const all = pick({ kind: "categorisation" });
  expect(all.chosen.map((r) => r.key)).toEqual([1001, 1002, 1003]);
  expect(all.leftOut.map((l) => [l.row.key, l.why])).toEqual([[1004, "not categorised (missing Ofsted grade), so there is no category to write about"]]);
  expect(pick({ kind: "categorisation", bands: ["B"] }).chosen.map((r) => r.key)).toEqual([1003]);
  expect(() => pick({ kind: "categorisation", bands: ["E"] })).toThrow("--band E: the ruleset has no category 'E'; did you mean 'D'? (its categories: D, C, B, U, A)");
  expect(() => pick({ kind: "categorisation", stages: ["noticeOfConcen"] })).toThrow(/--stage noticeOfConcen: the ruleset has no stage 'noticeOfConcen'; did you mean 'noticeOfConcern'\?/);
  // A Notice of Concern goes by default to the schools at that stage; academies are said, not sent one.
  const notice = pick({ kind: "notice-of-concern" });
  expect(notice.chosen.map((r) => r.key)).toEqual([1001]);
  expect(notice.description).toBe("stage noticeOfConcern");
  const d = pick({ kind: "s60", bands: ["D"] });
  expect(d.chosen.map((r) => r.key)).toEqual([1001]);
  expect(d.leftOut.map((l) => l.why)).toEqual([expect.stringContaining("an academy or free school: the council has no power to issue a warning notice (s60) to it, and raises its concerns with the academy trust and the DfE instead")]);
  expect(pick({ kind: "categorisation", alreadySent: new Set(["1001"]) }).chosen.map((r) => r.key)).toEqual([1002, 1003]);
});

test("a notice's default stage must be in the ruleset; Warwickshire's go to its intervention schools", async () => {
  const source = memorySource({ Schools: sheetFromRecords([{ URN: 1, "School name": "X", Academy: "No", "Overall effectiveness": 4, "Inspection date": "2019-01-10", "Category of concern": "SM" }]) });
  const result = await categorise(source, warks, { asOf: "2025-09-01" });
  expect(selectSchools(result.rows, warks, { kind: "notice-of-concern" }).description).toBe("stage intervention");
  const noStages = { ...staffs, escalation: [] };
  expect(() => selectSchools(result.rows, noStages, { kind: "s60" })).toThrow(/has no stage a warning notice \(s60\) goes with by default \(statutoryOptions, intervention\): choose the schools with --stage/);
});

test("--changed reads the Category and Escalation a recorded run wrote, as band and stage ids", () => {
  const sheet = {
    name: "Schools", headerRow: 1, firstColumn: 1,
    headers: ["URN", "Category", "Rule category", "Triggers", "Escalation"],
    rows: [[1, "D High concern (moderated)", "C Medium concern", null, "LA Notice of Concern"], [2, "A No concern", "A No concern", null, null], [3, null, null, null, null]],
  };
  const store = { ...emptyStore(), records: { Schools: { headerRow: 1, firstColumn: 2, headers: ["Category", "Rule category", "Triggers", "Escalation"], lastRow: 4, originals: {} } } };
  expect([...previousResults(sheet, store, staffs)!]).toEqual([[2, { band: "D", stage: "noticeOfConcern" }], [3, { band: "A", stage: null }]]);
  expect(previousResults(sheet, emptyStore(), staffs)).toBeNull();
});

test("the letters record goes into the store and comes back; a damaged batch is left out with a note", () => {
  let store = recordLetters(emptyStore(), { date: "2024-09-02", kind: "categorisation", template: "categorisation-letter.docx", sheet: "Schools" }, [{ key: "1001", band: "C", stage: null }]);
  store = recordLetters(store, { date: "2025-09-01", kind: "categorisation", template: "mine.docx", sheet: "Schools" }, [{ key: "1001", band: "D", stage: "coreGroup" }, { key: "1002", band: "B", stage: null }]);
  const back = parseStore(storeGrid(store));
  expect(back.letters).toEqual(store.letters);
  expect(back.problems).toBeUndefined();
  expect(lettersSent(back, "categorisation", "Schools").get("1001")).toEqual({ date: "2025-09-01", template: "mine.docx", band: "D", stage: "coreGroup" });
  expect(lettersSent(back, "s60", "Schools").size).toBe(0);
  // A record from before letters were recorded has none; a damaged batch goes, the others stay.
  expect(parseStore(storeGrid(emptyStore())).letters).toBeUndefined();
  const grid = storeGrid({ ...store, letters: [...store.letters!, { date: "yesterday", kind: "x" } as never] });
  const damaged = parseStore(grid);
  expect(damaged.letters).toHaveLength(2);
  expect(damaged.problems).toEqual(["Part of the record of letters sent is not valid and was left out."]);
});
