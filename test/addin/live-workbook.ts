// The Staffordshire example in the fake Excel, run once as the pane runs it, then watched live:
// helpers for the live-update tests. The Schools sheet can be cut or grown to n schools (each grown
// row a copy with a URN of its own), so request counts can be compared across table sizes.
import { join } from "path";
import { readFileSync } from "fs";
import ExcelJS from "exceljs";
import { buildOutputPlan, categorise, evaluateLive, parseRuleset, type OutputPlan, type RunResult } from "../../engine";
import { liveState, readWorkbook, watchLive, writeResults, type LiveOutcome, type LiveWatch } from "../../hosts/office";
import type { FakeExcel } from "./fake-excel";
import { fakeExcelFrom } from "./fake-from-workbook";

const root = join(__dirname, "..", "..");
export const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"), "staffordshire.json");
export const AS_OF = "2026-03-01";
const HISTORIES = (ruleset.history ?? []).flatMap((h) => h.sheet);
/** 0-based columns of the Schools sheet. */
export const URN = 0;
export const OFSTED = 8;

let example: ExcelJS.Workbook | undefined;
async function exampleBook(): Promise<ExcelJS.Workbook> {
  if (!example) {
    example = new ExcelJS.Workbook();
    await example.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
  }
  return example;
}

/** The example in a fake Excel, its Schools sheet with n schools when n is given. */
export async function exampleExcel(n?: number): Promise<FakeExcel> {
  const xl = fakeExcelFrom(await exampleBook());
  if (n === undefined) return xl;
  const sheet = xl.sheet("Schools");
  const width = 31;
  const have = sheet.usedRange()!.row2; // data rows 1..have (0-based)
  for (let r = 1; r <= Math.max(n, have); r++) {
    if (r > n) {
      for (let c = 0; c < width; c++) sheet.cells.delete(`${r},${c}`);
      continue;
    }
    if (r <= have) continue;
    const from = ((r - 1) % have) + 1;
    for (let c = 0; c < width; c++) sheet.cells.set(`${r},${c}`, structuredClone(sheet.cell(from, c)));
    sheet.edit(r, URN, (cell) => (cell.value = 500_000 + r));
  }
  return xl;
}

export interface Ran {
  result: RunResult;
  plan: OutputPlan;
}

/** A run as the pane does it: read, categorise, write. */
export async function runOnce(xl: FakeExcel): Promise<Ran & { read: Awaited<ReturnType<typeof readWorkbook>> }> {
  const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, HISTORIES);
  const result = await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF, store: read.store });
  const plan = buildOutputPlan(result, ruleset, read.source);
  await writeResults(xl.context, plan, read);
  return { read, result, plan };
}

export interface Watched {
  watch: LiveWatch;
  outcomes: LiveOutcome[];
  errors: unknown[];
  /** Waits until every event raised has been handled and every update applied. */
  settle: () => Promise<void>;
}

/** Runs once, then watches live as the pane does (the engine here in place of its worker). */
export async function runAndWatch(xl: FakeExcel): Promise<Watched & Ran> {
  const { read, result, plan } = await runOnce(xl);
  const state = await liveState(xl.context, read, result, plan, ruleset);
  const outcomes: LiveOutcome[] = [];
  const errors: unknown[] = [];
  const watch = await watchLive({
    batch: (work) => work(xl.context),
    state,
    ruleset,
    evaluate: (source, sheet, asOf, store) => evaluateLive(source, ruleset, sheet, asOf, store),
    debounceMs: 5,
    onUpdate: (o) => outcomes.push(o),
    onError: (e) => errors.push(e),
  });
  const settle = async () => {
    await xl.delivered();
    await watch.settled();
    await xl.delivered();
  };
  return { watch, outcomes, errors, settle, result, plan };
}

/** What a full run on the workbook as it is now would write: the plan's values and styles. */
export async function freshPlan(xl: FakeExcel): Promise<OutputPlan> {
  const read = await readWorkbook(xl.context, { kind: "sheet", sheet: "Schools" }, HISTORIES);
  const result = await categorise(read.source, ruleset, { sheet: "Schools", asOf: AS_OF, store: read.store });
  return buildOutputPlan(result, ruleset, read.source);
}
