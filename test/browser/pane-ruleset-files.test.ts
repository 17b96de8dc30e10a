// Rulesets from outside (a JSON file, the one stored in a workbook) are checked in the engine
// worker before the pane takes them: a broken one is refused with its problems, as before; a good
// one is picked, stored in the workbook, and picked again when that workbook is opened.
// In a real browser (see pane-page.ts), outside Office.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { parseRuleset } from "../../engine";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const warwickshire = parseRuleset(readFileSync(join(root, "rules", "warwickshire.json"), "utf8"));

let pane: PanePage;
let page: Page;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pane-rulesets-"));
  pane = await openPanePage();
  page = pane.page;
  await pane.open();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const message = () => page.locator("[data-testid=message]");
const picked = () => page.locator("#ruleset-select").evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");

describe("rulesets from files and workbooks", () => {
  it("a broken ruleset file is refused with its problems, and the pick stays", async () => {
    await page.setInputFiles("#workbook-file", join(root, "examples", "warwickshire-schools.xlsx"));
    await page.waitForFunction(() => !!(document.querySelector("#target-select") as HTMLSelectElement | null)?.value);
    const before = await picked();
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{ "id": "broken", "title": "Broken", "bands": [] }');
    await page.setInputFiles("#ruleset-file", broken);
    await message().getByText("The ruleset has problems").waitFor({ timeout: 10_000 });
    expect(await message().innerText()).toMatch(/broken\.json cannot be used until (this is|these are) put right in the file:/);
    expect(await picked()).toBe(before);
  });

  it("a good file is picked, stored in the workbook, and picked again when the workbook is opened", async () => {
    await page.setInputFiles("#ruleset-file", join(root, "rules", "warwickshire.json"));
    await page.getByText(`${warwickshire.title}, version ${warwickshire.version}:`).waitFor({ timeout: 10_000 });
    expect(await picked()).toBe("warwickshire.json (file)");
    await page.getByRole("button", { name: "Store in workbook" }).click();
    await message().getByText("Ruleset stored").waitFor({ timeout: 10_000 });

    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
    const saved = join(dir, "with-ruleset.xlsx");
    await dl.saveAs(saved);
    await page.selectOption("#ruleset-select", "bundled:staffordshire");
    await page.setInputFiles("#workbook-file", saved);
    await page.waitForFunction(() => (document.querySelector("#ruleset-select") as HTMLSelectElement).value === "stored", null, { timeout: 30_000 });
    expect(await picked()).toBe("Stored in this workbook");
    await page.click("[data-testid=run]");
    await message().getByText(/Categorised [\d,]+ schools/).waitFor({ timeout: 30_000 });
    expect(await message().innerText()).toContain(`with ${warwickshire.title} (${warwickshire.version})`);
    expect(pane.pageErrors).toEqual([]);
  });
});
