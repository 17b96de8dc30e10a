// End to end: `categorise letters` on the example workbooks and on workbooks with contacts, each
// .docx read back; the bad inputs; the record of letters sent and --unsent; --changed.
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { docxBodyText, docxParagraphs, newDocx } from "../hosts/docx";
import { readWorkbook } from "../cli/files";
import { runCli, rulesVariant, STAFFS_BOOK, tempDir, WARKS_BOOK } from "./helpers/cli";
import { rowsOf, writeBook } from "./helpers/workbook";

const dir = tempDir("letters-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const hash = (f: string) => crypto.createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const docx = (file: string) => new Uint8Array(fs.readFileSync(file));
const DATE = ["--date", "2025-09-01", "--as-of", "2025-09-01"];

/** Every paragraph of every part: no placeholder or brace left. */
function expectFilled(file: string): string {
  const text = [...docxParagraphs(docx(file)).values()].flat().join("\n");
  expect(text).not.toMatch(/[{}]/);
  return text;
}

test("a categorisation letter for every categorised school of the Staffordshire example, each filled", async () => {
  const out = path.join(dir, "staffs");
  const before = hash(STAFFS_BOOK);
  const r = await runCli(["letters", STAFFS_BOOK, ...DATE, "--out", out]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Wrote 392 categorisation letters to");
  expect(r.out).toContain("No letter for 8 schools (by the framework):\n  - 146266 Brewood Infant Academy: not categorised (missing Ofsted grade)");
  expect(hash(STAFFS_BOOK)).toBe(before);
  const files = fs.readdirSync(out);
  expect(files).toHaveLength(392);
  for (const f of files) {
    const text = expectFilled(path.join(out, f));
    const urn = f.slice(0, 6);
    expect(text).toContain(`Our reference: CAT/${urn}/2025-26`);
    expect(text).toMatch(/The school is in category [ABCD] (No|Low|Medium|High) concern\./);
  }
  const boley = expectFilled(path.join(out, "124040 Boley Park Infant School.docx"));
  expect(boley).toContain("Category D means a high level of concern.");
  expect(boley).not.toContain("Category A means");
  expect(boley).toContain("Budget deficit: Budget balance £ -58,720 (below 0)");
  expect(boley).toContain("The school is at the stage 'LA Notice of Concern' of the council's procedure.");
  expect(boley).toContain("This is due by 15 September 2025.");
  const quiet = expectFilled(path.join(out, "123962 Waterhouses Nursery School.docx"));
  expect(quiet).toContain("None of the framework's early-warning triggers applies to the school this year.");
});

test("Warwickshire s60 notices: maintained schools at the intervention stage; academies listed, not sent one", async () => {
  const out = path.join(dir, "warks-s60.docx");
  const r = await runCli(["letters", WARKS_BOOK, "--rules", "warwickshire", "--kind", "s60", "--combined", ...DATE, "--out", out]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Schools: stage intervention\./);
  expect(r.out).toContain(`Wrote 1 warning notice (s60) into one document: ${out}`);
  const text = expectFilled(out);
  expect(text).toContain("Warning notice under section 60 of the Education and Inspections Act 2006");
  expect(text).toContain("The compliance period ends on 22 September 2025.");
  expect(text).toContain("Over academies and free schools the council has no powers of intervention");
  const academies = r.out.match(/an academy or free school: the council has no power to issue a warning notice/g) ?? [];
  expect(academies).toHaveLength(4);
  expect(text.match(/Warning notice under section 60/g)).toHaveLength(1);
});

/** A workbook with contact columns, and a template that needs the head teacher. */
async function contactsBook(): Promise<{ book: string; template: string }> {
  const book = await writeBook(path.join(dir, "contacts.xlsx"), {
    Schools: rowsOf([
      { URN: 1001, "School name": "Oak Primary", Type: "Community school", "Ofsted grade": 4, "Category of concern": "SWK", Complaints: 6, Headteacher: "Mr A Oak", "Chair of governors": "Mrs G Chair", "Link officers": "Jo Bloggs; Sam Jones" },
      { URN: 1002, "School name": "Elm Primary", Type: "Community school", "Ofsted grade": 3, Complaints: 0, Headteacher: null, "Chair of governors": "Mr H", "Link officers": "Sam Jones" },
      { URN: 1003, "School name": "Ash First", Type: "Community school", "Ofsted grade": 2, Complaints: 5, Headteacher: "Ms C Ash", "Chair of governors": null, "Link officers": "Jo Bloggs" },
    ]),
  });
  const template = path.join(dir, "mine.docx");
  fs.writeFileSync(
    template,
    newDocx({
      title: "mine",
      body: [
        { runs: ["Dear ", "{head", { text: "Teacher}", bold: true }, ","] },
        { runs: "{schoolName} is in category {categoryName}; link officers {linkOfficers}." },
        { runs: "{#chairOfGovernors}Copy: {chairOfGovernors}{/chairOfGovernors}" },
      ],
    }),
  );
  return { book, template };
}

test("a school missing a value the template needs gets no letter, named with the field; the others are written (exit 1)", async () => {
  const { book, template } = await contactsBook();
  const out = path.join(dir, "contacts");
  const r = await runCli(["letters", book, "--template", template, ...DATE, "--out", out]);
  expect(r.code).toBe(1);
  expect(r.out).toContain("Wrote 2 categorisation letters");
  expect(r.out).toContain("Not written: 1 letter; the template needs data these schools lack:\n  - 1002 Elm Primary (row 3): {headTeacher}: the head teacher is blank on row 3 (column 'Headteacher')");
  expect(fs.readdirSync(out).sort()).toEqual(["1001 Oak Primary.docx", "1003 Ash First.docx"]);
  expect(docxBodyText(docx(path.join(out, "1001 Oak Primary.docx")))).toBe("Dear Mr A Oak,\nOak Primary is in category D High concern; link officers Jo Bloggs; Sam Jones.\nCopy: Mrs G Chair");
  expect(docxBodyText(docx(path.join(out, "1003 Ash First.docx")))).toBe("Dear Ms C Ash,\nAsh First is in category B Low concern; link officers Jo Bloggs.\n");
});

test("a template with an unknown placeholder is refused before anything is read or written", async () => {
  const template = path.join(dir, "typo.docx");
  fs.writeFileSync(template, newDocx({ title: "t", body: [{ runs: "Dear {headteacher}, {#reasons}{txt}{/reasons}" }] }));
  const out = path.join(dir, "typo-out");
  const r = await runCli(["letters", STAFFS_BOOK, "--template", template, "--out", out]);
  expect(r.code).toBe(1);
  expect(r.err).toContain("typo.docx: unknown placeholders:");
  expect(r.err).toContain("{headteacher} in the letter's body, in the paragraph 'Dear {headteacher}, {#reasons}{txt}{/reasons}'; the nearest field is {headTeacher}");
  expect(r.err).toContain("{txt} in the letter's body");
  expect(r.err).toContain("the nearest field is {text}");
  expect(fs.existsSync(out)).toBe(false);
});

test("usage mistakes get one line with the nearest option or value", async () => {
  expect((await runCli(["letters", STAFFS_BOOK, "--kind", "s06"])).err).toMatch(/--kind s06: the kinds are categorisation, notice-of-concern, s60; did you mean 's60'\?/);
  expect((await runCli(["letters", STAFFS_BOOK, "--band", "E", "--out", path.join(dir, "x")])).err).toContain("--band E: the ruleset has no category 'E'; did you mean 'D'?");
  expect((await runCli(["letters", STAFFS_BOOK, "--stag", "x"])).err).toContain("unknown option --stag; did you mean --stage?");
  expect((await runCli(["letters", STAFFS_BOOK, "--changed", "--out", path.join(dir, "x")])).err).toContain("--changed: ");
  expect((await runCli(["letters", STAFFS_BOOK, "--template", STAFFS_BOOK])).err).toContain("is a zip file but not a Word document");
  const fields = await runCli(["letters", "--fields", "--rules", "warwickshire"]);
  expect(fields.out).toContain("{category_3A}");
  expect(fields.out).toContain("{text}");
});

test("--record keeps the letters in a copy of the workbook; a re-run says who had one and --unsent chooses the rest", async () => {
  const categorised = path.join(dir, "categorised.xlsx");
  expect((await runCli([STAFFS_BOOK, "--as-of", "2025-09-01", "--out", categorised, "--quiet"])).code).toBe(0);
  const recorded = path.join(dir, "recorded.xlsx");
  const first = await runCli(["letters", categorised, ...DATE, "--band", "C", "--out", path.join(dir, "c"), "--record", recorded]);
  expect(first.code).toBe(0);
  expect(first.out).toContain(`Recorded these letters in ${recorded}.`);
  const book = await readWorkbook(recorded);
  expect(book.store.letters).toEqual([{ date: "2025-09-01", kind: "categorisation", template: "categorisation-letter.docx", sheet: "Schools", schools: expect.any(Array) }]);
  const cSchools = book.store.letters![0].schools;
  expect(cSchools.length).toBeGreaterThan(5);
  expect(cSchools.every(([, band]) => band === "C")).toBe(true);
  // The copy is still the categorised workbook: the run record and the results are kept.
  expect(Object.keys(book.store.records)).toEqual(["Schools"]);

  const again = await runCli(["letters", recorded, ...DATE, "--band", "C,D", "--out", path.join(dir, "cd")]);
  expect(again.out).toContain(`${cSchools.length} schools of these had a categorisation letter before (the latest on 01/09/2025).`);
  const unsent = await runCli(["letters", recorded, ...DATE, "--unsent", "--band", "C,D", "--out", path.join(dir, "unsent")]);
  const names = fs.readdirSync(path.join(dir, "unsent"));
  expect(names.some((n) => cSchools.some(([key]) => n.startsWith(`${key} `)))).toBe(false);
  expect(names.length).toBe(fs.readdirSync(path.join(dir, "cd")).length - cSchools.length);
  expect(unsent.out).toContain("no categorisation letter recorded yet");
  // The record is never written over the workbook it was read from.
  expect((await runCli(["letters", recorded, "--record", recorded, "--out", path.join(dir, "y")])).err).toContain("is the input workbook");
});

test("--changed: only the schools whose category or stage differ from the run recorded in the workbook", async () => {
  const categorised = path.join(dir, "categorised-2.xlsx");
  expect((await runCli([STAFFS_BOOK, "--as-of", "2025-09-01", "--out", categorised, "--quiet"])).code).toBe(0);
  const same = await runCli(["letters", categorised, ...DATE, "--changed", "--out", path.join(dir, "same")]);
  expect(same.out).toContain("No categorisation letter was written: no school fits.");
  // New rules: complaints raise a trigger from 3, so some A schools become B.
  const stricter = rulesVariant(dir, "stricter.json", (r) => {
    const t = r.triggers.find((x: { id: string }) => x.id === "complaints");
    t.conditions.all[0].value = 3;
  });
  const changed = await runCli(["letters", categorised, "--rules", stricter, ...DATE, "--changed", "--out", path.join(dir, "changed")]);
  expect(changed.code).toBe(0);
  const files = fs.readdirSync(path.join(dir, "changed"));
  expect(files.length).toBeGreaterThan(0);
  expect(files.length).toBeLessThan(50);
  for (const f of files) expect(expectFilled(path.join(dir, "changed", f))).toMatch(/Repeated complaints: Complaints [34] \(at least 3\)/);
});
