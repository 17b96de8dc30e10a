// Movement between runs through the Office host (a fake Excel holding the example workbook): its
// writer keeps each run's categories in the store as the file host does, so a second Run in the
// add-in has the first in its own record, and the summary it writes shows the movement table.
import ExcelJS from "exceljs";
import { join } from "path";
import { readFileSync } from "fs";
import { buildOutputPlan, categorise, movement, parseRuleset, recordedMovement } from "../engine";
import { readWorkbook, writeResults } from "../hosts/office";
import { fakeExcelFrom } from "./addin/fake-from-workbook";
import { ROOT, STAFFS_BOOK } from "./helpers/cli";

const ruleset = parseRuleset(readFileSync(join(ROOT, "rules/staffordshire.json"), "utf8"), "staffordshire.json");
const TARGET = { kind: "sheet", sheet: "Schools" } as const;
const histories = (ruleset.history ?? []).flatMap((h) => h.sheet);

test("a second Run in the add-in compares with the first, from the workbook's own store", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(STAFFS_BOOK);
  const xl = fakeExcelFrom(wb);
  const read = await readWorkbook(xl.context, TARGET, histories);
  const first = await categorise(read.source, ruleset, { sheet: "Schools", asOf: "2025-09-01", store: read.store });
  await writeResults(xl.context, buildOutputPlan(first, ruleset, read.source, read.store), read);

  // The officer types a new Ofsted grade for Waterhouses Nursery School (row 2), then runs again.
  const grade = wb.getWorksheet("Schools")!.getRow(1).values as unknown[];
  xl.sheet("Schools").edit(1, grade.indexOf("Ofsted grade") - 1, (c) => (c.value = "Inadequate"));
  const again = await readWorkbook(xl.context, TARGET, histories);
  expect(again.store.runs!.map((r) => r.asOf)).toEqual(["2025-09-01"]);
  const second = await categorise(again.source, ruleset, { sheet: "Schools", asOf: "2026-01-15", store: again.store });
  const found = movement(again.store, second, ruleset)!;
  expect(found.counts.categoryChanged).toBe(1);
  expect(found.changes[0]).toMatchObject({ key: 123962, name: "Waterhouses Nursery School", from: { band: "A" }, to: { band: "D" } });
  const plan = buildOutputPlan(second, ruleset, again.source, again.store);
  await writeResults(xl.context, plan, again);

  const summary = xl.sheet(plan.summary.name);
  const at = plan.summary.rows.findIndex((r) => r[0] === "Last run \\ this run");
  expect(at).toBeGreaterThan(0);
  plan.summary.rows.slice(at, at + 8).forEach((row, i) => row.forEach((v, j) => expect(summary.cell(at + i, j).value).toEqual(v === null ? "" : v)));
  expect(summary.cell(at + 5, 0).value).toBe("A");
  expect(summary.cell(at + 5, 1).value).toBe(1); // A -> D

  // The store the Office host wrote keeps both runs: the movement reads again from it alone.
  const third = await readWorkbook(xl.context, TARGET, histories);
  expect(third.store.runs!.map((r) => r.asOf)).toEqual(["2025-09-01", "2026-01-15"]);
  expect(recordedMovement(third.store, "Schools", second.rows)).toEqual(found);
}, 60_000);
