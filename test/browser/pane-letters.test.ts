// The pane's Letters at task-pane size (350 x 800), outside Office (see pane-page.ts): after a run on
// the Staffordshire example, categorisation letters for category D are saved as a .zip whose every
// .docx is read back (one per D school, each naming its school, no placeholder left); the batch is
// recorded in the workbook, so "not yet sent" then finds none; Notices of Concern leave the
// academies out, saying why, and go into one document; a template with a mistyped placeholder is
// refused with the nearest field. axe finds nothing in the section, nothing sticks out sideways.
// Screenshot: docs/images/pane-letters.png (and test/artifacts/pane-350-letters.png).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Page } from "playwright-core";
import { categorise, parseRuleset, selectSchools, type RowResult } from "../../engine";
import { docxBodyText } from "../../hosts/docx";
import { openWorkbook } from "../../hosts/file/run-and-clear";
import { axeViolations, horizontalOverflow } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const artifacts = join(root, "test", "artifacts");
const example = join(root, "examples", "staffordshire-schools.xlsx");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
/** A placeholder or section tag, as a template writes them. */
const PLACEHOLDER = /\{[#^/]?[A-Za-z_][\w]*\}/;

let pane: PanePage;
let page: Page;
let dir: string;
let rows: RowResult[];

const letters = () => page.locator("section[aria-label='Letters']");
const message = () => letters().locator("[data-testid=message]");

/** Makes letters and returns the saved file's name and bytes. */
async function make(): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), letters().locator("[data-testid=letters-make]").click()]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  await message().waitFor({ timeout: 60_000 });
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

async function expectNoOverflow() {
  const o = await horizontalOverflow(page);
  expect(o.sticking).toEqual([]);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "pane-letters-"));
  const book = openWorkbook(new Uint8Array(readFileSync(example)), "staffordshire-schools.xlsx");
  rows = (await categorise(book.source, ruleset, { store: book.store })).rows;
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
  await page.setInputFiles("#workbook-file", example);
  await page.waitForFunction(() => !!(document.querySelector("#target-select") as HTMLSelectElement | null)?.value, null, { timeout: 60_000 });
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised 400 schools/).waitFor({ timeout: 60_000 });
  await letters().waitFor({ timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("letters from the pane", () => {
  it("saves a .zip of categorisation letters for category D: one .docx per D school, each filled, none with a placeholder left", async () => {
    const schoolsD = rows.filter((r) => r.band === "D");
    expect(schoolsD.length).toBe(69);
    await letters().locator("[data-testid=letters-bands] [data-band=D]").click();
    const file = await make();
    expect(file.name).toBe("staffordshire-schools-letters.zip");
    await message().getByText("Made 69 categorisation letters").waitFor();
    const docs = Object.entries(unzipSync(file.bytes));
    expect(docs.length).toBe(schoolsD.length);
    const named = new Set<string>();
    for (const [name, bytes] of docs) {
      expect(name).toMatch(/^\d+ .+\.docx$/);
      const text = docxBodyText(bytes);
      expect(text).not.toMatch(PLACEHOLDER);
      const school = schoolsD.find((r) => name.startsWith(`${r.key} `))!;
      expect(text).toContain(school.name!);
      expect(text).toContain("D High concern");
      named.add(String(school.key));
    }
    expect(named.size).toBe(schoolsD.length);
    expect(await message().getAttribute("data-intent")).toBe("success");
    await message().getByText("Saved to your downloads as staffordshire-schools-letters.zip (a Word document per school).").waitFor();
    await message().getByText("Recorded in the workbook as sent: download the result to keep the record.").waitFor();

    // The whole section, from its heading to the message.
    const shot = join(artifacts, "pane-350-letters.png");
    await letters().screenshot({ path: shot, animations: "disabled" });
    copyFileSync(shot, join(root, "docs", "images", "pane-letters.png"));
    expect(await axeViolations(page, "section[aria-label='Letters']")).toEqual([]);
    await expectNoOverflow();
  });

  it("records the letters in the workbook: 'not yet sent' then finds none, and the downloaded workbook keeps the batch", async () => {
    await letters().locator("[data-testid=letters-unsent]").click();
    await letters().locator("[data-testid=letters-make]").click();
    await message().getByText("No categorisation letter was made").waitFor({ timeout: 60_000 });
    await message().getByText(/no categorisation letter recorded yet/).waitFor();
    expect(await letters().locator("[data-testid=letters-save-again]").count()).toBe(0);

    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
    const path = join(dir, "with-record.xlsx");
    await dl.saveAs(path);
    const { store } = openWorkbook(new Uint8Array(readFileSync(path)), "with-record.xlsx");
    expect(store.letters).toHaveLength(1);
    const [batch] = store.letters!;
    expect(batch).toMatchObject({ kind: "categorisation", template: "categorisation-letter.docx", sheet: "Schools" });
    expect(new Set(batch.schools.map(([key]) => key))).toEqual(new Set(rows.filter((r) => r.band === "D").map((r) => String(r.key))));
    expect(batch.schools.every(([, band]) => band === "D")).toBe(true);
    await letters().locator("[data-testid=letters-unsent]").click();
  });

  it("leaves academies out of Notices of Concern, saying why, and puts the notices in one document", async () => {
    await letters().locator("[data-testid=letters-kind]").selectOption("notice-of-concern");
    await letters().getByText("Academies and free schools get none", { exact: false }).waitFor();
    await letters().locator("[data-testid=letters-output]").selectOption("combined");
    const file = await make();
    expect(file.name).toBe("staffordshire-schools-notice-of-concern.docx");
    await message().getByText("Made 28 Notices of Concern").waitFor();
    await message().getByText("No letter: 136136 Landau Forte Academy, Amington: an academy or free school", { exact: false }).waitFor();
    const text = docxBodyText(file.bytes);
    expect(text).not.toMatch(PLACEHOLDER);
    const chosen = selectSchools(rows, ruleset, { kind: "notice-of-concern", bands: ["D"] });
    expect(chosen.chosen.length).toBe(28);
    for (const r of chosen.chosen) expect(text).toContain(r.name!);
    expect((text.match(/Notice of Concern/g) ?? []).length).toBeGreaterThanOrEqual(28);
    expect(text).not.toContain("Landau Forte Academy");
    await expectNoOverflow();
  });

  it("refuses a template with a mistyped placeholder, naming it and the nearest field", async () => {
    const bundled = unzipSync(new Uint8Array(readFileSync(join(root, "rules", "letters", "staffordshire", "categorisation-letter.docx"))));
    const body = strFromU8(bundled["word/document.xml"]);
    expect(body).toContain("{schoolName}");
    bundled["word/document.xml"] = strToU8(body.replace("{schoolName}", "{schoolname}"));
    const mistyped = join(dir, "our-letter.docx");
    writeFileSync(mistyped, zipSync(bundled));
    await letters().locator("[data-testid=letters-kind]").selectOption("categorisation");
    await page.setInputFiles("#letters-template-file", mistyped);
    await letters().getByText("Your own: our-letter.docx.").waitFor();
    await letters().locator("[data-testid=letters-make]").click();
    await message().getByText("The template cannot be used").waitFor({ timeout: 60_000 });
    await message().getByText("{schoolname}", { exact: false }).waitFor();
    expect(await message().innerText()).toContain("the nearest field is {schoolName}");
    expect(await message().getAttribute("data-intent")).toBe("error");
    expect(pane.pageErrors).toEqual([]);
  });
});
