// The record of runs at the size of a large authority: 24,000 schools run twice through the Office
// host (the fake Excel counting every request). The store keeps both runs compactly, and every
// request stays within 4 MB (Excel on the web refuses over 5 MB).
import { buildOutputPlan, categorise } from "../engine";
import { readWorkbook, writeResults } from "../hosts/office";
import { AS_OF, bandSortedWorkbook } from "./addin/band-sorted";

const FOUR_MB = 4_000_000;
const ROWS = 24_000;

test(`${ROWS.toLocaleString("en-GB")} schools run twice: both runs kept, requests within 4 MB`, async () => {
  const book = await bandSortedWorkbook(ROWS, 0, "A-first");
  const { xl } = book;
  const target = { kind: "sheet", sheet: "Schools" } as const;
  const seen: { asOf: string; maxRequest: number; runsChars: number; runs: string[]; moved: number }[] = [];
  for (const asOf of [AS_OF, "2027-03-01"]) {
    const read = await readWorkbook(xl.context, target, book.historySheets);
    const result = await categorise(read.source, book.ruleset, { sheet: "Schools", asOf, store: read.store });
    const plan = buildOutputPlan(result, book.ruleset, read.source, read.store);
    const before = xl.syncCount;
    await writeResults(xl.context, plan, read);
    const after = await readWorkbook(xl.context, target, book.historySheets);
    seen.push({
      asOf,
      maxRequest: Math.max(...xl.syncs.slice(before).map((s) => s.requestBytes)),
      runsChars: JSON.stringify(after.store.runs).length,
      runs: (after.store.runs ?? []).map((r) => r.asOf),
      moved: plan.summary.rows.findIndex((r) => r[0] === "Last run \\ this run"),
    });
  }
  expect(seen.map((s) => s.runs)).toEqual([[AS_OF], [AS_OF, "2027-03-01"]]);
  expect(seen.map((s) => s.moved > 0)).toEqual([false, true]);
  for (const s of seen) expect(s.maxRequest).toBeLessThan(FOUR_MB);
  // Under 25 characters a school a run (these schools have more triggers than most).
  expect(seen[1].runsChars).toBeLessThan(2 * ROWS * 25);
}, 300_000);
