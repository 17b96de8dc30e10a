// The whole pane pipeline inside (a fake) Excel with the real engine and a bundled ruleset: the
// example workbook read through the Office adapter categorises exactly as through the ExcelJS
// host the command-line tool uses, and the written results match the plan.
import ExcelJS from "exceljs";
import { join } from "path";
import { buildOutputPlan, categorise, parseRuleset, resultHeaders } from "../../engine";
import { sourceFromExcelJS } from "../helpers/exceljs-source";
import { clearResults, readWorkbook, writeResults } from "../../hosts/office";
import { fakeExcelFrom } from "./fake-from-workbook";
import { dateToSerial } from "../../hosts/office/office-values";
import { rankTargets } from "../../addin/target-match";
import { readFileSync } from "fs";

const root = join(__dirname, "..", "..");
const AS_OF = "2026-03-01";


describe("Office adapter + engine on the Staffordshire example", () => {
  const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"), "staffordshire.json");
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
  });

  it("categorises exactly as the ExcelJS host does, and writes what the plan says", async () => {
    const expected = await categorise(sourceFromExcelJS(wb), ruleset, { sheet: "Schools", asOf: AS_OF });
    const xl = fakeExcelFrom(wb);
    const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, (ruleset.history ?? []).flatMap((h) => h.sheet));
    const result = await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF });
    expect(result.rows.map((r) => [r.row, r.band, r.triggers.map((t) => t.id), r.escalation?.stage ?? null, r.due])).toEqual(
      expected.rows.map((r) => [r.row, r.band, r.triggers.map((t) => t.id), r.escalation?.stage ?? null, r.due]),
    );

    const plan = buildOutputPlan(result, ruleset);
    const officerBefore = [...xl.sheet("Schools").cells].filter(([k]) => Number(k.split(",")[1]) < plan.firstColumn - 1).map(([k, c]) => [k, c.value, c.format]);
    await writeResults(xl.context, plan, read);
    const sheet = xl.sheet("Schools");
    expect(plan.headers).toEqual(resultHeaders(ruleset));
    plan.headers.forEach((h, j) => expect(sheet.cell(plan.headerRow - 1, plan.firstColumn - 1 + j).value).toBe(h));
    plan.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = sheet.cell(plan.headerRow + i, plan.firstColumn - 1 + j);
        expect(cell.value).toEqual(v === null ? "" : v instanceof Date ? dateToSerial(v) : v);
      }),
    );
    for (const group of plan.styles) {
      for (const c of group.cells) expect(sheet.cell(c.row - 1, c.column - 1).fill.color).toBe(group.style.fill!.toUpperCase());
    }
    const officerAfter = [...sheet.cells].filter(([k]) => Number(k.split(",")[1]) < plan.firstColumn - 1).map(([k, c]) => [k, c.value, c.format]);
    expect(officerAfter).toEqual(officerBefore);
    const summary = xl.sheet(plan.summary.name);
    plan.summary.rows.forEach((row, i) => row.forEach((v, j) => expect(summary.cell(i, j).value).toEqual(v === null ? "" : v)));
    for (const c of plan.summary.cellStyles ?? []) expect(summary.cell(c.row, c.column).fill.color).toBe(c.style.fill?.toUpperCase() ?? null);

    // Re-running over our own results changes nothing; clearing gives the original sheet back.
    const snapshot = () => [...xl.sheet("Schools").cells].sort(([a], [b]) => (a < b ? -1 : 1));
    const once = snapshot();
    const again = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, (ruleset.history ?? []).flatMap((h) => h.sheet));
    const second = await categorise(again.source, ruleset, { sheet: "Schools", asOf: AS_OF, store: again.store });
    expect(second.tableColumns).toBe(result.tableColumns);
    await writeResults(xl.context, buildOutputPlan(second, ruleset), again);
    expect(snapshot()).toEqual(once);
    await clearResults(xl.context, { kind: "sheet", sheet: "Schools" });
    expect(snapshot()).toEqual([...fakeExcelFrom(wb).sheet("Schools").cells].sort(([a], [b]) => (a < b ? -1 : 1)));
  });

  it("auto-detects the Schools sheet for the ruleset", async () => {
    const targets = wb.worksheets.map((ws) => {
      const s = sourceFromExcelJS(wb).readSheet(ws.name)!;
      return { id: `sheet:${ws.name}`, sheet: ws.name, label: ws.name, headers: s.headers, headerRow: s.headerRow, dataRows: s.rows.length };
    });
    const ranked = rankTargets(targets, ruleset);
    expect(ranked[0].target.sheet).toBe("Schools");
    expect(ranked[0].missingRequired).toEqual([]);
  });
});
