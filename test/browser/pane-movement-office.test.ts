// "Since the last run" inside (a fake) Excel at task-pane size: the first run has nothing to compare
// with; an officer's edit (an Ofsted grade) is followed live, which leaves the movement alone, as
// the recorded run is unchanged; the second run shows the movement from the first, as the engine
// works it out from the same two sheets, and so does the summary sheet it writes (the worker builds
// it with the store as read before the run). The fake Excel is served in place of office.js.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { categorise, movementLine, parseRuleset, parseStore, recordedMovement, recordRun, runMovement, STORE_SHEET, SUMMARY_SHEET, type Movement } from "../../engine";
import { openWorkbook } from "../../hosts/file/run-and-clear";
import { openInFakeExcel } from "./fake-office-script";
import { axeViolations, horizontalOverflow } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const example = join(root, "examples", "staffordshire-schools.xlsx");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
const OFSTED = 8; // 0-based column of "Ofsted grade"

let pane: PanePage;
let page: Page;
let dir: string;

const section = () => page.locator("section[aria-label='Since the last run']");

/** A sheet's values from A1, as the fake Excel holds them. */
const sheetValues = (name: string) =>
  page.evaluate((name) => {
    const sheet = (window as any).__xl.sheet(name);
    const used = sheet.usedRange();
    return sheet.grid({ row1: 0, col1: 0, row2: used.row2, col2: used.col2 }).map((row: { value: unknown }[]) => row.map((c) => c.value));
  }, name);

async function run() {
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised 400 schools/).waitFor({ timeout: 60_000 });
  await section().waitFor({ timeout: 30_000 });
}

/** The engine's movement for the example before and after Waterhouses Nursery School (row 2) is judged inadequate. */
async function expectedMovement(): Promise<Movement> {
  const before = openWorkbook(new Uint8Array(readFileSync(example)), "example.xlsx");
  const first = await categorise(before.source, ruleset, { store: before.store });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(example);
  wb.getWorksheet("Schools")!.getCell(2, OFSTED + 1).value = 4;
  const edited = join(dir, "edited.xlsx");
  await wb.xlsx.writeFile(edited);
  const after = openWorkbook(new Uint8Array(readFileSync(edited)), "edited.xlsx");
  const second = await categorise(after.source, ruleset, { store: after.store });
  return runMovement(recordRun(first, ruleset), recordRun(second, ruleset), second.rows);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pane-movement-office-"));
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
  await openInFakeExcel(page, example, dir);
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("movement since the last run in the pane inside Excel (fake)", () => {
  it("shows nothing to compare with after the first run, and after an edit and a second run the movement from the first", async () => {
    const expected = await expectedMovement();
    expect(expected.counts.categoryChanged).toBe(1);

    await run();
    await section().getByTestId("movement-none").waitFor();

    // Followed live: the school is D in the pane's list at once, but no run was recorded, so no movement yet.
    await page.evaluate((c) => (window as any).__xl.officerEdit("Schools", 1, c, [[4]]), OFSTED);
    await page.locator("[data-testid=live-last]").getByText("Row 2, Waterhouses Nursery School: now D High concern.").waitFor({ timeout: 10_000 });
    expect(await section().getByTestId("movement-none").count()).toBe(1);

    await run();
    await section().getByTestId("movement-line").getByText(movementLine(expected)).waitFor();
    // Inside Excel the pane says the movement is between full runs.
    await section().getByTestId("movement-live-note").getByText("edits updated live since this run are not counted here", { exact: false }).waitFor();
    const cell = (from: string, to: string) => section().locator(`[data-testid=movement-table] tr[data-from='${from}'] td`).nth(expected.bands.columns.indexOf(to)).innerText();
    expect(await cell("A", "D")).toBe("1");
    expect(await cell("A", "A")).toBe(String(expected.bands.counts[expected.bands.rows.indexOf("A")][expected.bands.columns.indexOf("A")]));
    const first = section().locator("[data-testid=movement-changes] > li").first().locator("button");
    expect(await first.getAttribute("data-key")).toBe("123962");
    const added = expected.changes[0].triggersAdded.map((t) => expected.labels.triggers[t]).join("; ");
    expect((await first.innerText()).replace(/\s+/g, " ")).toContain(`Added: ${added}`);

    // The store sheet keeps both runs, and the summary sheet the second run wrote has the table.
    const kept = recordedMovement(parseStore(await sheetValues(STORE_SHEET)), "Schools")!;
    expect(kept.bands).toEqual(expected.bands);
    const summary: unknown[][] = await sheetValues(SUMMARY_SHEET);
    const top = summary.findIndex((r) => String(r[0] ?? "").startsWith("Movement since the last run"));
    expect(top).toBeGreaterThan(0);
    expect(summary[top + 1][0]).toBe(movementLine(expected));
    expect(summary.some((r) => r[0] === "Waterhouses Nursery School" && r[2] === "A" && r[3] === "D")).toBe(true);

    // Picking the school selects its row in the sheet, as the school list does.
    await first.click();
    await page.locator("[data-testid=explanation]").getByRole("heading", { name: "Waterhouses Nursery School" }).waitFor();
    expect(await first.getAttribute("aria-pressed")).toBe("true");

    expect((await horizontalOverflow(page)).sticking).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  });
});
