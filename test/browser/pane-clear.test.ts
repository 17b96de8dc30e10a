// Clear is offered exactly when the workbook's run record holds results on the picked sheet, and
// when it is not, its description says why. The workbook: the Staffordshire example, never
// categorised, with two officer columns of its own named "Category" and "Reasons" (and, for the
// fake Excel, a second copy where the officer pasted a whole results header row from an old report:
// header names once enabled Clear there). Outside Office (an uploaded .xlsx) and inside a fake
// Excel: Clear is unavailable with the reason; after Run it is offered; after Clear it is not again,
// and the officer's own columns are as they were.
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { RESULT_HEADERS, STORE_SHEET } from "../../engine";
import { openInFakeExcel } from "./fake-office-script";
import { axeViolations } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const example = join(root, "examples", "staffordshire-schools.xlsx");
const NOTHING = "Nothing to clear: sheet 'Schools' has no results from a run.";
const CLEAR_DOES = "Removes the results columns and summary sheet that the run wrote, and puts back the cells' own colours.";

let pane: PanePage;
let page: Page;
let dir: string;
/** The example with the officer's own "Category" and "Reasons" columns after its last column. */
let lookalike: string;
/** The same with the officer's columns named as a whole results block (pasted from an old report). */
let pasted: string;
/** 1-based column of the officer's "Category" in both. */
let officerCategory: number;

async function withOfficerColumns(headers: string[], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(example);
  const ws = wb.getWorksheet("Schools")!;
  officerCategory = ws.actualColumnCount + 1;
  headers.forEach((h, i) => (ws.getCell(1, officerCategory + i).value = h));
  for (let r = 2; r <= 6; r++) {
    ws.getCell(r, officerCategory).value = `Officer group ${r}`;
    ws.getCell(r, officerCategory + headers.length - 1).value = `Officer note ${r}`;
  }
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const disabled = () => page.locator("[data-testid=clear]").evaluate((b) => b.getAttribute("aria-disabled") === "true" || (b as HTMLButtonElement).disabled);
/** Waits until the Clear button's description, as assistive technology reads it (its aria-describedby), is `text`. */
const waitForDescription = (text: string) =>
  page.waitForFunction(
    (text) => {
      const b = document.querySelector("[data-testid=clear]");
      const ids = (b?.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent).join(" ") === text;
    },
    text,
    { timeout: 30_000 },
  );

async function run() {
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised 400 schools/).waitFor({ timeout: 60_000 });
}

async function clear() {
  await page.click("[data-testid=clear]");
  await page.locator("[data-testid=message]").getByText("Results cleared").waitFor({ timeout: 30_000 });
}

async function expectClearUnavailable() {
  await waitForDescription(NOTHING);
  expect(await disabled()).toBe(true);
}

async function expectClearOffered() {
  await waitForDescription(CLEAR_DOES);
  expect(await disabled()).toBe(false);
  expect(await page.locator("[data-testid=clear]").getAttribute("title")).toBe(CLEAR_DOES);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pane-clear-"));
  lookalike = await withOfficerColumns(["Category", "Reasons"], "lookalike.xlsx");
  pasted = await withOfficerColumns([...RESULT_HEADERS], "pasted.xlsx");
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Clear outside Office, on an uploaded workbook", () => {
  it("a workbook never categorised, with officer columns named 'Category' and 'Reasons': Clear is unavailable and says why", async () => {
    await page.setInputFiles("#workbook-file", lookalike);
    await page.waitForFunction(() => (document.querySelector("#target-select") as HTMLSelectElement | null)?.value === "sheet:Schools", null, { timeout: 60_000 });
    await expectClearUnavailable();
    // The reason is also the button's tooltip (it stays focusable while unavailable, so it can be found).
    expect(await page.locator("[data-testid=clear]").getAttribute("title")).toBe(NOTHING);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("after Run, Clear is offered; after Clear, it is not, and the officer's own columns are as uploaded", async () => {
    await run();
    await expectClearOffered();
    await clear();
    await expectClearUnavailable();
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
    const cleared = join(dir, "cleared.xlsx");
    await dl.saveAs(cleared);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cleared);
    const ws = wb.getWorksheet("Schools")!;
    expect([ws.getCell(1, officerCategory).value, ws.getCell(1, officerCategory + 1).value, ws.getCell(1, officerCategory + 2).value]).toEqual(["Category", "Reasons", null]);
    expect([ws.getCell(3, officerCategory).value, ws.getCell(3, officerCategory + 1).value]).toEqual(["Officer group 3", "Officer note 3"]);
    expect(pane.pageErrors).toEqual([]);
  });
});

describe("Clear inside (a fake) Excel", () => {
  /** The run record's JSON as the workbook's store sheet holds it now (0-based cells of the fake Excel), empty without one. */
  const recordText = () =>
    page.evaluate((name) => {
      const xl = (window as any).__xl;
      if (!xl.sheets.some((s: { name: string }) => s.name === name)) return "";
      const ws = xl.sheet(name);
      return Array.from({ length: 10 }, (_, r) => String(ws.cell(r, 1)?.value ?? "")).join("");
    }, STORE_SHEET);

  it("officer columns named as a whole results block, but no run recorded: Clear is unavailable and says why", async () => {
    await openInFakeExcel(page, pasted, dir);
    await expectClearUnavailable();
  });

  it("the 'Category' and 'Reasons' workbook: unavailable, offered after Run, unavailable after Clear", async () => {
    await openInFakeExcel(page, lookalike, dir);
    await expectClearUnavailable();
    await run();
    await expectClearOffered();
    expect(await recordText()).toContain('"records":{"Schools"');
    await clear();
    await expectClearUnavailable();
    expect(await recordText()).toContain('"records":{}');
    expect(pane.pageErrors).toEqual([]);
  });
});
