// Issue 11, Staffordshire: each decision tried on a real .xlsx through the command line, against the
// framework's words. The --report JSON and the output workbook's summary sheet are read back.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { dropdowns, parseRuleset } from "../../engine";
import { tempDir, STAFFS_RULES } from "../helpers/cli";
import { runBook } from "./run-book";
import { rowsOf, writeBook, type Cell } from "../helpers/workbook";
import { sourceFromExcelJS } from "../helpers/exceljs-source";

const dir = tempDir("policy-staffs-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const AS_OF = "2026-11-20";

const school = (urn: number, extra: Record<string, Cell>) => ({
  URN: urn, "School name": `School ${urn}`, District: "Stafford", Phase: "Primary", Type: "Community school", Pupils: 300,
  "Ofsted grade": "Good", "Category of concern": null, "Progress 8": null, "KS2 RWM expected %": null, "Safeguarding concern": "No",
  "Budget balance £": 10000, "LA judgement": null, "Officer category": null, "Moderation reason": null, ...extra,
});
const SCHOOLS = [
  school(200001, { Phase: "Secondary", "Progress 8": -1.3 }),
  school(200002, { Type: null, "Ofsted grade": "Requires improvement" }),
  school(200003, { Type: "Acadamy convertor", "Budget balance £": -2000 }),
  school(200004, { Type: "Sponsored academy", "Ofsted grade": "Requires improvement" }),
  school(200005, { Type: "Other independent school", "Ofsted grade": "Requires improvement" }),
  school(200006, { "LA judgement": "Would be SM" }),
  school(200007, { Type: "Community special school", Phase: "Special", "KS2 RWM expected %": 12 }),
  school(200008, { Phase: "PRU/Alternative provision", "Progress 8": -1.6 }),
  school(200009, { Type: "Academy converter", Phase: "Secondary", "Progress 8": -1.3 }),
  school(200010, { Type: "Voluntary aided school", "Ofsted grade": "Requires improvement" }),
  school(200011, { "Ofsted grade": "Inadequate", "Category of concern": "Special measures" }),
  school(200012, { "Ofsted grade": "Requires improvement" }),
  school(200013, { "Ofsted grade": "Requires improvement", "Officer category": "B", "Moderation reason": "New headteacher; monitoring visit positive" }),
  school(200014, { "Officer category": "C" }),
  school(200015, { "Ofsted grade": "Requires improvement" }),
  school(200016, { "Ofsted grade": "Requires improvement" }),
  school(200017, { "Ofsted grade": "Requires improvement" }),
  school(200018, { "Ofsted grade": null }),
  school(200019, { "Ofsted grade": "Not judged", "Budget balance £": -500 }),
  school(200020, { "Ofsted grade": null, "Safeguarding concern": "Yes" }),
  school(200021, { Type: "Free school", "Budget balance £": -500 }),
];
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const MEETINGS: Cell[][] = [
  ["URN", "Meeting date", "Evidence of impact"],
  [200012, d("2026-10-01"), "No"],
  [200012, d("2026-11-05"), "No"],
  [200012, d("2026-12-10"), "Yes"], // planned: after the run date
];
const NOTICES: Cell[][] = [
  ["URN", "Notice", "Date issued", "Review outcome"],
  [200010, "Notice of Concern", d("2026-09-01"), "Insufficient improvement"],
  [200011, "Notice of Concern", d("2026-09-01"), "Insufficient improvement"],
  [200015, "LA notice of concern", d("2026-09-01"), "Not sufficient improvement"],
  [200016, "NoC", d("2026-10-20"), null],
  [200017, "Letter of concern", d("2026-10-20"), null],
];

let book: string;
let rows: Map<number, any>;
let summary: unknown[][];

beforeAll(async () => {
  book = await writeBook(path.join(dir, "schools.xlsx"), { Schools: rowsOf(SCHOOLS), "Core group meetings": MEETINGS, Notices: NOTICES });
  ({ rows, summary } = await runBook(book, STAFFS_RULES, AS_OF));
}, 30_000);

const at = (urn: number) => rows.get(urn);
const stage = (urn: number) => at(urn).escalation?.stage ?? null;
const table = (title: string) => {
  const i = summary.findIndex((r) => r[0] === title);
  expect(i).toBeGreaterThanOrEqual(0);
  const end = summary.findIndex((r, j) => j > i && (!r.length || r.every((c) => c === undefined || c === null)));
  return summary.slice(i + 1, end < 0 ? undefined : end);
};

test("unacceptably low standards: a Notice of Concern whatever the band ('irrespective of an established Core Group')", () => {
  expect(at(200001)).toMatchObject({ band: "C", triggers: [expect.objectContaining({ id: "unacceptablyLow" })], escalation: { stage: "noticeOfConcern", label: "LA Notice of Concern", due: "2026-12-04" } });
});

describe("school types, mapped from GIAS 'TypeOfEstablishment (name)'", () => {
  test("a blank type: a row warning and the next action 'confirm the school's type'", () => {
    expect(at(200002).band).toBe("D");
    expect(stage(200002)).toBe("confirmType");
    expect(at(200002).escalation.nextAction).toMatch(/^Confirm the school's type/);
    expect(at(200002).warnings).toContain("Row 3, column 'Type' (E): blank: Type is missing");
  });
  test("an unrecognised type: a warning naming the cell, the same next action", () => {
    expect(stage(200003)).toBe("confirmType");
    expect(at(200003).warnings[0]).toMatch(/^Row 4, column 'Type' \(E\): 'Acadamy convertor' is not one of the values of Type/);
  });
  test("spellings vary between datasets: 'Sponsored academy' and 'Free school' are recognised", () => {
    expect(stage(200004)).toBe("raiseWithDfE");
    expect(at(200004).warnings).toEqual([]);
    expect(at(200021)).toMatchObject({ band: "B", escalation: null, warnings: [] });
  });
  test("an independent school is not one the council categorises", () => {
    expect(stage(200005)).toBe("notCouncilSchool");
  });
});

test("the LA's own judgement 'would be judged special measures' leads directly to a Notice of Concern", () => {
  expect(at(200006)).toMatchObject({ band: "D", triggers: [expect.objectContaining({ id: "laJudgedSwkSm" })] });
  expect(at(200006).escalation).toMatchObject({ stage: "noticeOfConcern", nextAction: expect.stringContaining("liaise with the DfE about a sponsor") });
});

test("special schools and PRUs: attainment leads to 'moderation needed', not automatic banding", () => {
  for (const urn of [200007, 200008]) {
    expect(at(urn)).toMatchObject({ band: "A", triggers: [] });
    expect(at(urn).escalation).toMatchObject({ stage: "moderationNeeded", label: "Moderation needed" });
  }
});

test("academies and free schools: any concern, C as well as D, is raised with the academy and the DfE; never an LA stage", () => {
  expect(at(200009)).toMatchObject({ band: "C", escalation: { stage: "raiseWithDfE" } });
  const laStages = ["statutoryOptions", "warningNotice", "noticeReview", "noticeOfConcern", "coreGroup"];
  for (const urn of [200004, 200009, 200021]) expect(laStages).not.toContain(stage(urn));
});

test("statutory options: church and foundation schools consult the governing body and the diocese; special measures, a sponsor", () => {
  expect(at(200010).escalation).toMatchObject({ stage: "statutoryOptions", nextAction: expect.stringContaining("Consult the governing body and the diocesan authority") });
  expect(at(200010).reasons).toContain(
    "Also for voluntary aided, voluntary controlled and foundation schools: Type is one of Voluntary aided school, Voluntary controlled school, Foundation school, Foundation special school (actual Voluntary aided school)",
  );
  expect(at(200011).escalation).toMatchObject({ stage: "statutoryOptions", nextAction: expect.stringContaining("consider the statutory powers now and liaise with the DfE about a sponsor") });
  expect(at(200011).escalation.nextAction).not.toContain("diocesan");
});

test("core group meetings dated after the run date are not counted, and say so", () => {
  expect(at(200012)).toMatchObject({ band: "D", escalation: { stage: "noticeOfConcern" } });
  expect(at(200012).warnings).toContain("Core group meetings: an entry dated after the run date (Meeting date 10/12/2026) is not counted yet");
});

describe("moderation audit", () => {
  test("an officer's category against a mandatory rule is kept, with a warning and its reason", () => {
    expect(at(200013)).toMatchObject({ band: "B", ruleBand: "D", moderated: true, escalation: null });
    expect(at(200013).warnings).toContain(
      "Officer category B goes against the framework: Requires improvement and inadequate schools are D (Ofsted grade is one of 3, 4 (actual 3)), so D High concern is expected; the officer's category is kept",
    );
    expect(at(200013).reasons[0]).toBe("Moderated by officer: B Low concern (the rules gave D High concern); reason: New headteacher; monitoring visit positive");
  });
  test("a moderation without a reason is warned about", () => {
    expect(at(200014).warnings).toContain("Officer category C is given without a reason: add one in column 'Moderation reason', so the moderation can be audited");
  });
  test("the summary sheet lists moderated schools: rule's category, officer's, reason, what it goes against", () => {
    const listed = table("Moderated by officer");
    expect(listed).toEqual([
      ["School 200013", 200013, "D High concern", "B Low concern", "New headteacher; monitoring visit positive", expect.stringContaining("Requires improvement and inadequate schools are D")],
      ["School 200014", 200014, "A No concern", "C Medium concern", "(no reason given)"],
    ]);
  });
});

describe("controlled vocabularies on the history sheets", () => {
  test("synonyms: 'LA notice of concern' and 'Not sufficient improvement' are read as the listed values", () => {
    expect(stage(200015)).toBe("statutoryOptions");
    expect(at(200015).warnings).toEqual([]);
  });
  test("'NoC' is a Notice of Concern: review due 6-8 weeks after issue", () => {
    expect(at(200016).escalation).toMatchObject({ stage: "noticeReview", due: "2026-12-15" });
  });
  test("an unknown notice type is a row warning naming the sheet, row and column", () => {
    expect(stage(200017)).toBe("coreGroup");
    expect(at(200017).warnings).toEqual([
      "Sheet 'Notices' row 6, column 'Notice' (B): 'Letter of concern' is not one of the values of Notice (Notice of Concern, Warning notice (s60)); treated as missing",
    ]);
  });
  test("the engine gives hosts the dropdowns: sheet, column, rows and the values", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const lists = dropdowns(sourceFromExcelJS(wb), parseRuleset(fs.readFileSync(STAFFS_RULES, "utf8")), "Schools");
    const by = (sheet: string, header: string) => lists.find((l) => l.sheet === sheet && l.header === header);
    expect(by("Notices", "Notice")).toMatchObject({ letter: "B", firstRow: 2, lastRow: 6 + 500, values: ["Notice of Concern", "Warning notice (s60)"], inline: true });
    expect(by("Notices", "Review outcome")).toMatchObject({ letter: "D", values: ["Sufficient improvement", "Insufficient improvement"] });
    expect(by("Schools", "Type")).toMatchObject({ letter: "E", inline: false });
    expect(by("Schools", "Type")!.values).toHaveLength(34);
    expect(by("Schools", "LA judgement")!.values).toEqual(["Serious weaknesses", "Special measures", "Neither"]);
  });
});

describe("missing decisive data: never a silent 'A No concern'", () => {
  test("no Ofsted grade: U Not categorised, with the reason", () => {
    expect(at(200018)).toMatchObject({ band: "U", ruleBand: "U", escalation: null });
    expect(at(200018).reasons[0]).toBe("Not categorised: missing Ofsted grade; with it the school could be D High concern");
  });
  test("'Not judged' with a deficit: U, the rules' B kept beside it", () => {
    expect(at(200019)).toMatchObject({ band: "U", ruleBand: "B" });
    expect(at(200019).reasons[0]).toBe("Not categorised: missing Ofsted grade; with it the school could be D High concern (without it the rules give B Low concern)");
  });
  test("no grade but a safeguarding concern is D all the same", () => {
    expect(at(200020)).toMatchObject({ band: "D", escalation: { stage: "coreGroup" } });
  });
  test("counted separately on the summary sheet", () => {
    expect(summary.find((r) => r[0] === "U")).toEqual(["U", "Not categorised", 2, expect.any(Number), 0]);
    expect(table("Not categorised: missing")).toEqual([["Ofsted grade", 2], ["Schools not categorised", 2]]);
  });
});
