// The pane's Letters inside (a fake) Excel at task-pane size: the sheets are read through Office.js
// on the page, the letters made in the engine worker and saved as a download, and the batch is
// written to the workbook's very hidden store sheet (hosts/office/letters-record.ts), so 'not yet
// sent' then finds none. The fake Excel is served in place of office.js (fake-office-script.ts).
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { parseStore, STORE_SHEET } from "../../engine";
import { docxBodyText } from "../../hosts/docx";
import { openInFakeExcel } from "./fake-office-script";
import { horizontalOverflow } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const D_SCHOOLS = 69;

let pane: PanePage;
let page: Page;
let dir: string;

const letters = () => page.locator("section[aria-label='Letters']");
const message = () => letters().locator("[data-testid=message]");

/** The store sheet's values, from A1, as the fake Excel holds them. */
const storeValues = () =>
  page.evaluate((name) => {
    const xl = (window as any).__xl;
    const sheet = xl.sheet(name);
    const used = sheet.usedRange();
    return sheet.grid({ row1: 0, col1: 0, row2: used.row2, col2: used.col2 }).map((row: { value: unknown }[]) => row.map((c) => c.value));
  }, STORE_SHEET);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pane-letters-office-"));
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
  await openInFakeExcel(page, join(root, "examples", "staffordshire-schools.xlsx"), dir);
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised 400 schools/).waitFor({ timeout: 60_000 });
  await letters().waitFor({ timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("letters from the pane inside Excel (fake)", () => {
  it("saves the D letters, records them on the store sheet, and 'not yet sent' then finds none", async () => {
    await letters().locator("[data-testid=letters-bands] [data-band=D]").click();
    const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), letters().locator("[data-testid=letters-make]").click()]);
    expect(dl.suggestedFilename()).toBe("Schools-letters.zip");
    const path = join(dir, "letters.zip");
    await dl.saveAs(path);
    await message().getByText(`Made ${D_SCHOOLS} categorisation letters`).waitFor({ timeout: 60_000 });
    await message().getByText("Recorded in the workbook as sent.").waitFor();
    const docs = Object.values(unzipSync(new Uint8Array(readFileSync(path))));
    expect(docs).toHaveLength(D_SCHOOLS);
    for (const bytes of docs) expect(docxBodyText(bytes)).not.toMatch(/\{[#^/]?\w+\}/);

    const store = parseStore(await storeValues());
    expect(store.letters).toHaveLength(1);
    expect(store.letters![0]).toMatchObject({ kind: "categorisation", sheet: "Schools", template: "categorisation-letter.docx" });
    expect(store.letters![0].schools).toHaveLength(D_SCHOOLS);
    // The run's own record is still there: Clear would still find its columns.
    expect(store.records.Schools).toBeDefined();

    await letters().locator("[data-testid=letters-unsent]").click();
    await letters().locator("[data-testid=letters-make]").click();
    await message().getByText("No categorisation letter was made").waitFor({ timeout: 60_000 });
    expect(parseStore(await storeValues()).letters).toHaveLength(1);
    expect((await horizontalOverflow(page)).sticking).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  });
});
