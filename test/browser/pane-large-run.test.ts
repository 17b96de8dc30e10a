// A run on a large workbook (60,000 schools) goes to the end, and the page stays responsive all the
// way: while the worker reads, categorises and writes, and while the 60,000 results come back from
// it in parts and the pane shows them. The run follows a cancelled one, so it starts a fresh worker,
// which is given the workbook again. In a real browser (see pane-page.ts), outside Office.
// A worker's stack is about half the page's in Chromium (a call takes some 63,000 arguments there,
// 124,000 on the page), so nothing on the run's path may spread a list of cells into a call's
// arguments (`Math.max(...cells)`): with 60,000 schools the fills to read first run to ~64,000 cells.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { parseRuleset, resultHeaders } from "../../engine";
import { bigWorkbook, percentile, rewatch, roundTrips, schoolsHeaders, watched, watchPage } from "./big-workbook";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));

let pane: PanePage;
let page: Page;
let dir: string;
let bigPath: string;
let headers: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pane-large-"));
  bigPath = join(dir, "big-schools.xlsx");
  const big = await bigWorkbook(60_000);
  headers = big.headers;
  writeFileSync(bigPath, big.bytes);
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
  await watchPage(page);
}, 240_000);

afterAll(async () => {
  await pane?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("a run on 60,000 schools completes after a cancel, with the page responsive throughout", async () => {
  const message = page.locator("[data-testid=message]");
  await page.setInputFiles("#workbook-file", bigPath);
  await page.waitForFunction(() => (document.querySelector("#target-select") as HTMLSelectElement | null)?.value === "sheet:Schools", null, { timeout: 120_000 });
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=progress-label]").getByText(/^Categorising: /).waitFor({ timeout: 60_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await message.getByText("Run cancelled").waitFor({ timeout: 1_000 });

  await rewatch(page);
  const started = Date.now();
  await page.click("[data-testid=run]");
  let finished = false;
  const done = message.getByText(/Categorised [\d,]+ schools|Something went wrong/).waitFor({ timeout: 180_000 });
  void done.finally(() => (finished = true));
  const times: number[] = [];
  while (!finished) times.push(...(await roundTrips(page, 250)));
  await done;
  const { maxGap, labels, longTasks } = await watched(page);
  const phases = [...new Set(labels.map((l) => l.replace(/[\d,]+ of [\d,]+/, "n of N")))];
  const longest = Math.max(0, ...longTasks.map((t) => t.ms));
  console.log(
    `Run of 60,000 schools: ${((Date.now() - started) / 1000).toFixed(1)} s; ${times.length} round trips, median ${percentile(times, 0.5)} ms, ` +
      `90th percentile ${percentile(times, 0.9)} ms, slowest ${Math.max(...times)} ms; longest gap between 20 ms timer ticks ${maxGap.toFixed(0)} ms; ` +
      `tasks over 100 ms: ${JSON.stringify(longTasks.filter((t) => t.ms > 100))}; ${phases.join(" | ")}`,
  );
  expect(await message.innerText()).toContain("Categorised 60,000 schools");
  expect(phases.filter((p) => p !== "Starting…")).toEqual(["Opening big-schools.xlsx again…", "Reading the workbook…", "Categorising: n of N rows…", "Writing results…", "Receiving the results…"]);
  expect(percentile(times, 0.9)).toBeLessThan(200);
  // The longest of the page's own tasks is showing the results (a development build of React).
  expect(longest).toBeLessThan(500);

  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
  const saved = join(dir, "result.xlsx");
  await dl.saveAs(saved);
  const after = await schoolsHeaders(readFileSync(saved));
  expect(after.slice(0, headers.length)).toEqual(headers);
  expect(after.slice(headers.length)).toEqual(resultHeaders(ruleset));
  expect(pane.pageErrors).toEqual([]);
}, 300_000);
