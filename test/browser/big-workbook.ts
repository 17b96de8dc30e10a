// A large workbook for the browser tests, made from the example's Schools sheet: its rows repeated
// to n schools, each with a URN and name of its own (so no school is a duplicate of another).
import { join } from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";

const root = join(__dirname, "..", "..");

export async function bigWorkbook(n: number): Promise<{ bytes: Buffer; headers: string[] }> {
  const example = new ExcelJS.Workbook();
  await example.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
  const schools = example.getWorksheet("Schools")!;
  const rows: ExcelJS.CellValue[][] = [];
  schools.eachRow((row, r) => void (r > 1 && rows.push((row.values as ExcelJS.CellValue[]).slice(1))));
  const headers = (schools.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const urn = headers.indexOf("URN");
  const name = headers.indexOf("School name");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Schools");
  ws.addRow(headers);
  for (let i = 0; i < n; i++) {
    const row = [...rows[i % rows.length]];
    row[urn] = 200_000 + i;
    row[name] = `${String(row[name])} ${Math.floor(i / rows.length) + 1}`;
    ws.addRow(row);
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), headers };
}

/** The header row of a workbook's Schools sheet. */
export async function schoolsHeaders(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return (wb.getWorksheet("Schools")!.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
}

interface Watch {
  maxGap: number;
  labels: string[];
  last: number;
  /** Tasks over 50 ms (Chromium's long tasks): when, how long, and the progress label then. */
  longTasks: { at: number; ms: number; label: string }[];
}

/**
 * Watches the page from inside: the longest gap between its 20 ms timer ticks (how long the page
 * was held), and each progress label shown, in order.
 */
export async function watchPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { watch: Watch };
    w.watch = { maxGap: 0, labels: [], last: performance.now(), longTasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.watch.longTasks.push({ at: Math.round(e.startTime), ms: Math.round(e.duration), label: w.watch.labels[w.watch.labels.length - 1] ?? "" });
    }).observe({ type: "longtask" });
    setInterval(() => {
      const now = performance.now();
      w.watch.maxGap = Math.max(w.watch.maxGap, now - w.watch.last);
      w.watch.last = now;
      const label = document.querySelector("[data-testid=progress-label]")?.textContent;
      if (label && label !== w.watch.labels[w.watch.labels.length - 1]) w.watch.labels.push(label);
    }, 20);
  });
}

export const watched = (page: Page) => page.evaluate(() => (window as unknown as { watch: Watch }).watch);

/** Starts the watch afresh: no gap and no labels yet. */
export const rewatch = (page: Page) => page.evaluate(() => Object.assign((window as unknown as { watch: Watch }).watch, { maxGap: 0, labels: [], last: performance.now(), longTasks: [] }));

/** Round trips to the page (a small DOM query), one after another for `ms`: each one's time in milliseconds. */
export async function roundTrips(page: Page, ms: number): Promise<number[]> {
  const times: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const t = performance.now();
    await page.evaluate(() => document.querySelectorAll("button").length);
    times.push(Math.round(performance.now() - t));
    await new Promise((r) => setTimeout(r, 25));
  }
  return times;
}

/** The time that `share` of the round trips took at most (0.9: the 90th percentile). */
export const percentile = (times: number[], share: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * share))];
