// The dropdowns (list data validation) through the Office adapter, on the Staffordshire example in
// the fake Excel: the engine's plan says where they go, the host puts them there after the results
// (long lists kept on the store sheet), leaves an officer's own validation alone with a note, skips
// a protected history sheet, costs two requests however many there are, and a re-run changes nothing.
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { buildOutputPlan, categorise, NotWrittenError, parseRuleset, parseStore, recordedRuns, STORE_SHEET, type OutputPlan, type PlannedDropdown } from "../../engine";
import { clearResults, readWorkbook, writeResults } from "../../hosts/office";
import { isOurSource, mayPut, storeLists } from "../../hosts/office/dropdowns";
import { fakeExcelFrom } from "./fake-from-workbook";
import { BUNDLED_RULESETS } from "../../addin/bundled-rulesets";
import { EngineWorker } from "../../addin/engine-client";
import { OfficePaneHost } from "../../addin/office-pane-host";
import { inProcessWorkers } from "../unit/in-process-worker";
import { FakeExcel, type FakeValidation } from "./fake-excel";

const root = join(__dirname, "..", "..");
const AS_OF = "2026-03-01";
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"), "staffordshire.json");
const HISTORIES = (ruleset.history ?? []).flatMap((h) => h.sheet);
const SCHOOLS = { kind: "sheet" as const, sheet: "Schools" };
const listed = (field: string) => Object.keys(ruleset.fields.find((f) => f.id === field)!.values!);
const historyListed = (field: string) => Object.keys(ruleset.history!.flatMap((h) => h.fields).find((f) => f.id === field)!.values!);

let wb: ExcelJS.Workbook;
beforeAll(async () => {
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
});

/** The example in the fake Excel (numbers and formats as Office holds them), with an LA judgement column added (AF). */
function example(): FakeExcel {
  const xl = fakeExcelFrom(wb);
  const schools = xl.sheet("Schools");
  schools.put(0, 31, [["LA judgement"], ["Neither"], ["Serious weaknesses"]]);
  return xl;
}

/** One run as the pane does it, the plan built with the workbook read; the syncs the write took. */
async function run(xl: FakeExcel, change: (plan: OutputPlan) => OutputPlan = (p) => p) {
  const read = await readWorkbook(xl.context, SCHOOLS, HISTORIES);
  const result = await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF, store: read.store });
  const plan = change(buildOutputPlan(result, ruleset, read.source));
  const before = xl.syncCount;
  const report = await writeResults(xl.context, plan, read);
  return { read, plan, report, syncs: xl.syncCount - before };
}

/** The values a validation's list offers: typed in, or read from the cells it names. */
function offered(xl: FakeExcel, source: string): string[] {
  if (!source.startsWith("=")) return source.split(",");
  const m = /^='((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(source)!;
  const col = m[2].charCodeAt(0) - 65;
  const sheet = xl.sheet(m[1]);
  return Array.from({ length: Number(m[5]) - Number(m[3]) + 1 }, (_, i) => String(sheet.cell(Number(m[3]) - 1 + i, col).value));
}

/** The validation on a 1-based cell. */
const at = (xl: FakeExcel, sheet: string, row: number, column: number) => xl.sheet(sheet).cell(row - 1, column - 1).validation;
const byHeader = (plan: OutputPlan, sheet: string, header: string) => plan.dropdowns!.find((d) => d.sheet === sheet && d.header === header)!;

/** Every sheet's cells (validations included), visibility and protection, for "nothing changed" checks. */
const snapshot = (xl: FakeExcel) => structuredClone(xl.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: [...s.cells].sort(([a], [b]) => (a < b ? -1 : 1)) })));

const OFFICERS_OWN: FakeValidation = { rule: { list: { inCellDropDown: true, source: "Yes,No,Maybe" } }, prompt: { showPrompt: true, title: "Mine", message: "My own list" } };

describe("dropdowns through the Office adapter on the Staffordshire example", () => {
  it("puts each dropdown on its column's rows (table + 500 spare), with the ruleset's values, a prompt and a warning", async () => {
    const xl = example();
    const { plan, report } = await run(xl);
    expect(plan.dropdowns!.map((d) => `${d.sheet}!${d.letter}${d.firstRow}:${d.letter}${d.lastRow}`)).toEqual([
      "Schools!F2:F901",
      "Schools!AF2:AF901",
      "Notices!C2:C509",
      "Notices!F2:F509",
    ]);
    const lists: [string, string, string[]][] = [
      ["Schools", "Type", listed("type")],
      ["Schools", "LA judgement", listed("laJudgement")],
      ["Notices", "Notice", historyListed("notice")],
      ["Notices", "Review outcome", historyListed("reviewOutcome")],
    ];
    for (const [sheet, header, values] of lists) {
      const d = byHeader(plan, sheet, header);
      for (const row of [d.firstRow, d.firstRow + 1, d.lastRow]) {
        const v = at(xl, sheet, row, d.column)!;
        expect(v.rule).toEqual({ list: { inCellDropDown: true, source: d.source } });
        expect(offered(xl, v.rule!.list.source)).toEqual(values);
        expect(v.prompt).toEqual({ showPrompt: true, title: header, message: d.prompt });
        expect(v.errorAlert).toEqual({ showAlert: true, style: "Warning", title: header, message: d.error });
      }
      // Not on the header, not below the spare rows, not on the next column.
      expect(at(xl, sheet, d.firstRow - 1, d.column)).toBeUndefined();
      expect(at(xl, sheet, d.lastRow + 1, d.column)).toBeUndefined();
      expect(at(xl, sheet, d.firstRow, d.column + 1)).toBeUndefined();
    }
    expect(byHeader(plan, "Schools", "LA judgement").prompt).toBe("LA judgement: would be judged: pick one of the listed values");
    expect(byHeader(plan, "Notices", "Review outcome").error).toMatch(/^Review outcome is read only as one of the listed values; other text is treated as missing/);
    expect(report.warnings.filter((w) => /dropdown/i.test(w))).toEqual([]);
    // The results are written as before.
    expect(xl.sheet("Schools").cell(0, plan.firstColumn - 1).value).toBe("Category");
  });

  it("keeps a long list (34 school types, over 255 characters) on the very hidden store sheet; short ones are typed in", async () => {
    const xl = example();
    const { plan } = await run(xl);
    const type = byHeader(plan, "Schools", "Type");
    expect(type.inline).toBe(false);
    expect(type.source).toBe("='_categorisation'!$D$2:$D$35");
    const store = xl.sheet(STORE_SHEET);
    expect(store.visibility).toBe("VeryHidden");
    expect(store.cell(0, 3).value).toBe("Dropdown on 'Schools'!F2:F901");
    expect(Array.from({ length: 34 }, (_, i) => store.cell(i + 1, 3).value)).toEqual(listed("type"));
    expect(store.cell(35, 3).value).toBe("");
    // Short lists are typed into the validation; their store columns still name the cells and keep the values.
    expect(byHeader(plan, "Notices", "Notice").source).toBe("Notice of Concern,Warning notice (s60)");
    expect(store.cell(0, 5).value).toBe("Dropdown on 'Notices'!C2:C509");
    // The store itself (columns A and B) reads back as before.
    const again = await readWorkbook(xl.context, SCHOOLS, HISTORIES);
    expect(again.store.records.Schools).toMatchObject({ firstColumn: plan.firstColumn });
    expect(again.store.problems).toBeUndefined();
    expect(again.storeLists.map((l) => `${l.sheet}!${l.letter}${l.firstRow}:${l.lastRow} ${l.values.length}`)).toEqual([
      "Schools!F2:901 34",
      "Schools!AF2:901 3",
      "Notices!C2:509 2",
      "Notices!F2:509 2",
    ]);
  });

  it("leaves an officer's own validation alone, with a note naming the sheet and column; the other dropdowns go on", async () => {
    const xl = example();
    // The officer's own list on all of Review outcome, and a whole-number rule on a few Type cells.
    xl.sheet("Notices").validate({ row1: 1, col1: 5, row2: 508, col2: 5 }, OFFICERS_OWN);
    xl.sheet("Schools").validate({ row1: 9, col1: 5, row2: 11, col2: 5 }, { rule: { wholeNumber: { formula1: 0, operator: "GreaterThan" } } });
    const { report } = await run(xl);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        "The dropdown for 'Review outcome' was not put on sheet 'Notices', column F: those cells already have a data validation of their own, which is left as it is.",
        "The dropdown for 'Type' was not put on sheet 'Schools', column F: those cells already have a data validation of their own, which is left as it is.",
      ]),
    );
    expect(at(xl, "Notices", 2, 6)).toEqual(OFFICERS_OWN);
    expect(at(xl, "Notices", 509, 6)).toEqual(OFFICERS_OWN);
    expect(at(xl, "Schools", 10, 6)!.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThan" } });
    expect(at(xl, "Schools", 2, 6)).toBeUndefined();
    expect(at(xl, "Notices", 2, 3)!.rule!.list.source).toBe("Notice of Concern,Warning notice (s60)");
    expect(at(xl, "Schools", 2, 32)!.rule!.list.source).toBe("Serious weaknesses,Special measures,Neither");
    // And again on a re-run.
    const second = await run(xl);
    expect(second.report.warnings.filter((w) => /dropdown/.test(w))).toHaveLength(2);
    expect(at(xl, "Notices", 2, 6)).toEqual(OFFICERS_OWN);
  });

  it("takes an officer's validation with exactly our list as ours", async () => {
    const xl = example();
    xl.sheet("Notices").validate({ row1: 1, col1: 2, row2: 508, col2: 2 }, { rule: { list: { inCellDropDown: true, source: "Notice of Concern, Warning notice (s60)" } } });
    const { report } = await run(xl);
    expect(report.warnings.filter((w) => /dropdown/.test(w))).toEqual([]);
    expect(at(xl, "Notices", 2, 3)!.prompt!.title).toBe("Notice");
  });

  it("costs two requests (read, then write), whatever the number of dropdowns, and none when there are none", async () => {
    const counts = [];
    for (const keep of [0, 1, 2, 4]) {
      const xl = example();
      const r = await run(xl, (p) => ({ ...p, dropdowns: p.dropdowns!.slice(0, keep) }));
      expect(r.plan.dropdowns).toHaveLength(keep);
      counts.push(r.syncs);
    }
    expect(counts.slice(1)).toEqual([counts[0] + 2, counts[0] + 2, counts[0] + 2]);
    // A plan built without the workbook has no dropdowns, and writes as before.
    const xl = example();
    const read = await readWorkbook(xl.context, SCHOOLS, HISTORIES);
    const plan = buildOutputPlan(await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF }), ruleset);
    expect(plan.dropdowns).toBeUndefined();
    const before = xl.syncCount;
    await writeResults(xl.context, plan, read);
    expect(xl.syncCount - before).toBe(counts[0]);
    expect(xl.sheet("Schools").cells.get("1,5")?.validation).toBeUndefined();
  });

  it("a second run changes nothing (idempotent); rows added later get the dropdown too", async () => {
    const xl = example();
    await run(xl);
    const record = () => parseStore(xl.sheet(STORE_SHEET).grid(xl.sheet(STORE_SHEET).usedRange()!).map((r) => r.map((c) => c.value)));
    const once = snapshot(xl);
    const recordOnce = record();
    const second = await run(xl);
    // Every sheet as it was; the hidden record only gains the second run in its history of runs.
    const outside = (s: ReturnType<typeof snapshot>) => s.filter((sh) => sh.name !== STORE_SHEET);
    expect(outside(snapshot(xl))).toEqual(outside(once));
    expect(record().records).toEqual(recordOnce.records);
    expect(recordedRuns(recordOnce, "Schools")).toHaveLength(1);
    expect(recordedRuns(record(), "Schools")).toHaveLength(2);
    expect(second.report.warnings.filter((w) => /dropdown/.test(w))).toEqual([]);

    // The officer adds a notice under the table: the dropdown grows with it, still ours.
    xl.sheet("Notices").put(9, 0, [[124999, "A new school", "Notice of Concern", 46000, "", ""]]);
    const third = await run(xl);
    const notice = byHeader(third.plan, "Notices", "Notice");
    expect(notice.lastRow).toBe(510);
    expect(third.report.warnings.filter((w) => /dropdown/.test(w))).toEqual([]);
    expect(at(xl, "Notices", 510, 3)!.rule!.list.source).toBe(notice.source);
    expect(xl.sheet(STORE_SHEET).cell(0, 5).value).toBe("Dropdown on 'Notices'!C2:C510");
  });

  it("a protected history sheet keeps its cells, with a note; the run goes on", async () => {
    const xl = example();
    xl.sheet("Notices").protected = true;
    const notices = snapshot(xl).find((s) => s.name === "Notices");
    const { report } = await run(xl);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        "The dropdown for 'Notice' was not put on sheet 'Notices', column C: the sheet is protected.",
        "The dropdown for 'Review outcome' was not put on sheet 'Notices', column F: the sheet is protected.",
      ]),
    );
    expect(snapshot(xl).find((s) => s.name === "Notices")).toEqual(notices);
    expect(xl.writes.filter((w) => w.sheet === "Notices")).toEqual([]);
    expect(at(xl, "Schools", 2, 6)!.rule!.list.source).toBe("='_categorisation'!$D$2:$D$35");
  });

  it("a protected schools sheet is still refused before anything is written", async () => {
    const xl = example();
    xl.sheet("Schools").protected = true;
    await expect(run(xl)).rejects.toBeInstanceOf(NotWrittenError);
    expect(xl.writes).toEqual([]);
  });

  it("a dropdown Excel refuses is a warning; the results are complete", async () => {
    const xl = example();
    const tooLong = (d: PlannedDropdown): PlannedDropdown => ({ ...d, inline: true, source: d.values.join(",") });
    const { report, plan } = await run(xl, (p) => ({ ...p, dropdowns: p.dropdowns!.map((d) => (d.header === "Type" ? tooLong(d) : d)) }));
    expect(report.warnings.some((w) => w.startsWith("The dropdowns could not be added ("))).toBe(true);
    expect(xl.sheet("Schools").cell(1, plan.firstColumn - 1).value).not.toBe("");
  });

  it("Clear results leaves the dropdowns and their lists", async () => {
    const xl = example();
    await run(xl);
    await clearResults(xl.context, SCHOOLS);
    expect(at(xl, "Schools", 2, 6)!.rule!.list.source).toBe("='_categorisation'!$D$2:$D$35");
    expect(offered(xl, at(xl, "Schools", 2, 6)!.rule!.list.source)).toEqual(listed("type"));
    expect(at(xl, "Notices", 2, 3)!.rule!.list.source).toBe("Notice of Concern,Warning notice (s60)");
  });

  it("the pane's run inside Excel (engine in the worker) puts them too", async () => {
    const xl = example();
    (globalThis as unknown as { Excel: unknown }).Excel = { run: <T>(batch: (context: unknown) => Promise<T>) => batch(xl.context) };
    try {
      const staffs = BUNDLED_RULESETS[0];
      const host = new OfficePaneHost(new EngineWorker(inProcessWorkers().spawn));
      const target = { id: "sheet:Schools", sheet: "Schools", label: "Sheet Schools", headers: [], headerRow: 1, dataRows: 400 };
      const control = { signal: new AbortController().signal, progress: () => undefined, committing: () => undefined };
      const outcome = await host.run(target, { text: staffs, ruleset: parseRuleset(staffs.text, staffs.source) }, control);
      expect(outcome.plan.dropdowns!.map((d) => `${d.sheet}!${d.letter}`)).toEqual(["Schools!F", "Schools!AF", "Notices!C", "Notices!F"]);
      expect(at(xl, "Notices", 2, 6)!.rule!.list.source).toBe("Sufficient improvement,Insufficient improvement");
    } finally {
      delete (globalThis as { Excel?: unknown }).Excel;
    }
  });
});

describe("whose validation it is", () => {
  const ours = [["a", "b"], ["Notice of Concern", "Warning notice (s60)"]];
  it("a reference to the store sheet is ours, however Excel writes it; another sheet's is not", () => {
    expect(isOurSource("='_categorisation'!$D$2:$D$35", ours)).toBe(true);
    expect(isOurSource("=_categorisation!$E$2:$E$9", ours)).toBe(true);
    expect(isOurSource("=Lists!$A$1:$A$3", ours)).toBe(false);
    expect(isOurSource("=MyNamedList", ours)).toBe(false);
  });
  it("a typed-in list is ours when it is one of our lists, spaces aside", () => {
    expect(isOurSource("a,b", ours)).toBe(true);
    expect(isOurSource("Notice of Concern, Warning notice (s60)", ours)).toBe(true);
    expect(isOurSource("a,b,c", ours)).toBe(false);
    expect(isOurSource(null, ours)).toBe(false);
  });
  it("cells may take ours when they have none or ours, or ours on an earlier run's rows and none below", () => {
    const yes = () => true;
    const list = { type: "List", source: "a,b" };
    const none = { type: "None", source: null };
    expect(mayPut(none, undefined, yes)).toBe(true);
    expect(mayPut(list, undefined, yes)).toBe(true);
    expect(mayPut(list, undefined, () => false)).toBe(false);
    expect(mayPut({ type: "WholeNumber", source: null }, undefined, yes)).toBe(false);
    expect(mayPut({ type: "MixedCriteria", source: null }, undefined, yes)).toBe(false);
    expect(mayPut({ type: "MixedCriteria", source: null }, { inside: list, outside: [none] }, yes)).toBe(true);
    expect(mayPut({ type: "Inconsistent", source: null }, { inside: list, outside: [list] }, yes)).toBe(false);
  });
  it("the store's list columns are read back from column D on, by their first row", () => {
    const grid = [
      ["Ruleset (JSON)", "Results record (JSON)", null, "Dropdown on 'Schools'!F2:F901", "Dropdown on 'It''s'!B3:B9", "something else"],
      ["~{}", "~{}", null, "a", "x", null],
      [null, null, null, "b", null, null],
    ];
    expect(storeLists(grid, 1)).toEqual([
      { sheet: "Schools", letter: "F", firstRow: 2, lastRow: 901, values: ["a", "b"] },
      { sheet: "It's", letter: "B", firstRow: 3, lastRow: 9, values: ["x"] },
    ]);
    expect(storeLists(grid.map((r) => r.slice(2)), 3)).toHaveLength(2);
  });
});
