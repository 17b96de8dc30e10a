// The pane inside (a fake) Excel at task-pane size (350 x 800): after a run, live updates follow
// the officer's edits. The fake Excel of the adapter tests is bundled for the page and served in
// place of Office.js (fake-office.ts), holding the Staffordshire example; the test types into it as
// an officer would. An edited Ofsted grade re-categorises that school in the sheet and in the pane,
// the summary is refreshed on demand, and the toggle stops it. Screenshot: docs/images/pane-live.png
// (and test/artifacts/pane-350-live.png).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { openInFakeExcel } from "./fake-office-script";
import { axeViolations, horizontalOverflow } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const artifacts = join(root, "test", "artifacts");
const OFSTED = 8; // 0-based column of "Ofsted grade"
const CATEGORY = 31; // 0-based column of "Category", right of the example's 31 columns

let pane: PanePage;
let page: Page;
let dir: string;

const cell = (r: number, c: number) => page.evaluate(([r, c]) => (window as any).__xl.sheet("Schools").cell(r, c), [r, c] as const);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "pane-live-"));
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
  await openInFakeExcel(page, join(root, "examples", "staffordshire-schools.xlsx"), dir, 20_000).catch(async (e) => {
    console.log(pane.pageErrors, (await page.locator("main").innerText()).slice(0, 1500));
    throw e;
  });
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("live updates in the pane (fake Excel)", () => {
  it("after a run, an edited Ofsted grade re-categorises that school in the sheet and the pane; the summary refreshes on demand", async () => {
    await page.click("[data-testid=run]");
    await page.locator("[data-testid=message]").getByText(/Categorised 400 schools/).waitFor({ timeout: 60_000 });
    const toggle = page.getByRole("switch", { name: "Update results as I edit" });
    expect(await toggle.isChecked()).toBe(true);
    expect((await cell(1, CATEGORY)).value).toMatch(/^A /);
    await expect(page.locator("[data-testid=refresh-summary]").getAttribute("aria-disabled")).resolves.toBe("true");

    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60));
    const edited = Date.now();
    await page.evaluate((c) => (window as any).__xl.officerEdit("Schools", 1, c, [[4]]), OFSTED);
    await page.locator("[data-testid=live-last]").getByText("Row 2, Waterhouses Nursery School: now D High concern.").waitFor({ timeout: 10_000 });
    const took = Date.now() - edited;
    console.log(`live update in the pane: ${took} ms from the edit to the pane's line (0.4 s of it gathering edits)`);
    expect(took).toBeLessThan(1_500);
    expect((await cell(1, CATEGORY)).value).toMatch(/^D /);
    expect((await cell(1, OFSTED)).fill.color).toBe("#FF8B8B");
    // The update takes nobody's focus: the officer is typing in the sheet.
    expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60))).toBe(focused);
    await page.getByText("1 school categorised again since the summary below.", { exact: false }).waitFor();

    await page.locator("section[aria-label='Live updates']").scrollIntoViewIfNeeded();
    const shot = join(artifacts, "pane-350-live.png");
    await page.screenshot({ path: shot, animations: "disabled" });
    mkdirSync(join(root, "docs", "images"), { recursive: true });
    copyFileSync(shot, join(root, "docs", "images", "pane-live.png"));

    await page.click("[data-testid=refresh-summary]");
    await page.getByText("The summary below is up to date.", { exact: false }).waitFor();
    const o = await horizontalOverflow(page);
    expect(o.sticking).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("turned off, edits change nothing but their cell", async () => {
    await page.getByRole("switch", { name: "Update results as I edit" }).click();
    await page.getByText("Off: edits are categorised at the next run.").waitFor();
    await page.waitForFunction(() => (window as any).__xl.handlerCount("Schools") === 0);
    await page.evaluate((c) => (window as any).__xl.officerEdit("Schools", 1, c, [[2]]), OFSTED);
    await page.waitForTimeout(800);
    expect((await cell(1, CATEGORY)).value).toMatch(/^D /);
    expect(pane.pageErrors).toEqual([]);
  });
});
