// The fake Excel (fake-office.ts) bundled for the page, holding a workbook's cells: the test serves
// it in place of Microsoft's office.js, so the pane runs as inside Excel.
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { buildSync } from "esbuild";
import type { Page } from "playwright-core";
import { fakeExcelFrom } from "../addin/fake-from-workbook";

/** The script to serve for office.js: the workbook's cells, then the fake Excel. `dir` takes the bundle. */
export async function fakeOfficeScript(workbook: string, dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(workbook);
  const sheets = fakeExcelFrom(wb).sheets.map((s) => ({ name: s.name, cells: [...s.cells].map(([k, c]) => [...k.split(",").map(Number), c.value, c.format]) }));
  const out = join(dir, "fake-office.js");
  buildSync({
    entryPoints: [join(__dirname, "fake-office.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    outfile: out,
    logLevel: "silent",
    alias: { "office-addin-manifest": join(__dirname, "fake-office-manifest.ts") },
    // fake-excel.ts is written for jest on node: give it what it uses of them.
    banner: {
      js:
        "var jest = { mock() {} }; globalThis.setImmediate = globalThis.setImmediate || ((f) => setTimeout(f, 0));" +
        "globalThis.Buffer = globalThis.Buffer || { byteLength: (s) => new TextEncoder().encode(s).length };",
    },
  });
  return `window.__fakeWorkbook = ${JSON.stringify(sheets)};\n${readFileSync(out, "utf8")}`;
}

/** Reloads the pane inside the fake Excel holding `workbook`, and waits until it has picked the Schools sheet. */
export async function openInFakeExcel(page: Page, workbook: string, dir: string, timeout = 30_000): Promise<void> {
  const script = await fakeOfficeScript(workbook, dir);
  await page.route(/appsforoffice\.microsoft\.com/, (route) => route.fulfill({ contentType: "text/javascript", body: script }));
  await page.goto(page.url());
  await page.waitForFunction(() => (document.querySelector("#target-select") as HTMLSelectElement | null)?.value === "sheet:Schools", null, { timeout });
}
