// The engine worker's letters (addin/letters-service.ts) on the Staffordshire example, through the
// file host as the pane outside Office uses it: letters for category D read back, the record kept
// in the file so 'not yet sent' then leaves those schools out, 'changed' compared with the run
// before (refused, in words, when there is none), and a template's unknown placeholder refused.
import { readFileSync } from "fs";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { InputError, parseRuleset, type RunResult } from "../../engine";
import { BrowserHost } from "../../addin/browser-host";
import type { LettersAsk } from "../../addin/letters-protocol";
import { lettersFor } from "../../addin/letters-service";
import { docxBodyText } from "../../hosts/docx";
import { openWorkbook } from "../../hosts/file/run-and-clear";
import { patchWorkbook } from "../../hosts/xlsx-package";

const root = join(__dirname, "..", "..");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
const template = { bytes: new Uint8Array(readFileSync(join(root, "rules", "letters", "staffordshire", "categorisation-letter.docx"))), name: "categorisation-letter.docx" };
const example = new Uint8Array(readFileSync(join(root, "examples", "staffordshire-schools.xlsx")));
const noProgress = () => undefined;
const OFSTED_COLUMN = 9;

let host: BrowserHost;
let run: RunResult;

const ask = (over: Partial<LettersAsk> = {}): LettersAsk => ({
  kind: "categorisation", bands: [], stages: [], changed: false, unsent: false, combined: false, date: "2025-09-01", asOf: run.asOf, record: false, template, workbookName: "staffordshire-schools.xlsx",
  ...over,
});
const letters = (a: LettersAsk) => lettersFor({ letters: a, sheet: "Schools" }, ruleset, () => host, noProgress);

beforeAll(async () => {
  host = await BrowserHost.open(example, "staffordshire-schools.xlsx");
  const [target] = await host.listTargets();
  run = (await host.run(target, ruleset, noProgress)).result;
});

describe("letters in the engine worker, on the open file", () => {
  it("writes a letter per D school, records the batch in the file, and 'not yet sent' then leaves them out", async () => {
    const d = run.rows.filter((r) => r.band === "D");
    const made = await letters(ask({ bands: ["D"], record: true }));
    expect(made.written).toHaveLength(d.length);
    expect(made.file!.name).toBe("staffordshire-schools-letters.zip");
    const docs = unzipSync(made.file!.bytes);
    expect(Object.keys(docs)).toHaveLength(d.length);
    for (const r of d) {
      const [, bytes] = Object.entries(docs).find(([name]) => name.startsWith(`${r.key} `))!;
      const text = docxBodyText(bytes);
      expect(text).toContain(r.name!);
      expect(text).toContain("1 September 2025");
      expect(text).not.toMatch(/\{[#^/]?\w+\}/);
    }
    expect(made.record!.batch).toEqual({ date: "2025-09-01", kind: "categorisation", template: "categorisation-letter.docx", sheet: "Schools" });
    // The file the pane offers for download holds the record.
    expect(openWorkbook(made.workbook!, "x.xlsx").store.letters![0].schools).toHaveLength(d.length);
    expect(host.bytes).toBe(made.workbook);

    const again = await letters(ask({ bands: ["D"], unsent: true }));
    expect(again.file).toBeNull();
    expect(again.written).toEqual([]);
    expect(again.chosen).toBe("category D; no categorisation letter recorded yet");

    const rest = await letters(ask({ unsent: true }));
    expect(rest.written).toHaveLength(run.rows.filter((r) => !r.notCategorised).length - d.length);
    expect(rest.written.some((s) => d.some((r) => s.startsWith(`${r.key} `)))).toBe(false);
    expect(rest.record).toBeNull();
  });

  it("'changed' needs a run before this one, and then finds the school whose category changed", async () => {
    await expect(letters(ask({ changed: true }))).rejects.toBeInstanceOf(InputError);
    await expect(letters(ask({ changed: true }))).rejects.toThrow(/No run before this one is recorded on 'Schools'/);

    // Row 2's Ofsted grade becomes 4 (as if typed in Excel), and the sheet is run again.
    const school = run.rows.find((r) => r.row === 2)!;
    expect(school.band).not.toBe("D");
    const edited = patchWorkbook(host.bytes, { sheets: [{ sheet: "Schools", cells: [{ row: 2, column: OFSTED_COLUMN, value: 4 }] }] });
    host = await BrowserHost.open(edited, "staffordshire-schools.xlsx");
    const [target] = await host.listTargets();
    run = (await host.run(target, ruleset, noProgress)).result;
    expect(run.rows.find((r) => r.row === 2)!.band).toBe("D");

    const made = await letters(ask({ changed: true }));
    expect(made.written).toEqual([`${school.key} ${school.name}`]);
    expect(made.comparedWith).toBe(run.asOf);
    expect(made.chosen).toBe("category or stage changed since the recorded run");
  });

  it("puts a kind's letters in one document, and leaves academies out of notices with why", async () => {
    const made = await letters(ask({ kind: "notice-of-concern", bands: ["D"], combined: true, template: { bytes: new Uint8Array(readFileSync(join(root, "rules", "letters", "staffordshire", "notice-of-concern.docx"))), name: "notice-of-concern.docx" } }));
    expect(made.file!.name).toBe("staffordshire-schools-notice-of-concern.docx");
    expect(made.leftOut.length).toBeGreaterThan(0);
    expect(made.leftOut.every((l) => /academy or free school|type is not known/.test(l.why))).toBe(true);
    const text = docxBodyText(made.file!.bytes);
    for (const s of made.written) expect(text).toContain(s.replace(/^\S+ /, ""));
  });

  it("refuses a template with an unknown placeholder, naming it and the nearest field", async () => {
    const parts = unzipSync(template.bytes);
    parts["word/document.xml"] = strToU8(strFromU8(parts["word/document.xml"]).replace("{schoolName}", "{schoolname}"));
    const mistyped = { bytes: zipSync(parts), name: "ours.docx" };
    await expect(letters(ask({ template: mistyped }))).rejects.toMatchObject({ name: "TemplateError", message: expect.stringMatching(/\{schoolname\}.*the nearest field is \{schoolName\}/s) });
  });
});
