// The pane at task-pane size (350 x 800), outside Office (see pane-page.ts): results where the eye
// is. After a run, or any problem, the message is in the window and has the focus, at the part of
// the pane the problem belongs to (a ruleset file's at the ruleset picker, a workbook's at the file
// picker); a long run's progress bar is in view with its label; Run says why it cannot run, and
// Download and Clear wait for a result; a workbook that fits the ruleset poorly is said to, a
// better ruleset is offered, and a run on it ends in a warning; nothing sticks out sideways; the
// school list filters by category, puts the highest concern first and is one tab stop however
// long; charts keep their text at constant px and give each bar's value to a screen reader; axe
// finds nothing; the theme follows the system, and Office's when Office gives one.
// Screenshots: test/artifacts/pane-350-*.png (and docs/images/ with DOCS_IMAGES=1).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { parseRuleset } from "../../engine";
import { bigWorkbook, rewatch, watched, watchPage } from "./big-workbook";
import { axeViolations, hasFocus, horizontalOverflow, inViewport } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const artifacts = join(root, "test", "artifacts");
const staffordshire = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
const LONG_SHEET = "Schools data for the committee";

let pane: PanePage;
let page: Page;
let dir: string;
const file = (name: string) => join(dir, name);

/** Saves a screenshot of the window to test/artifacts (and docs/images when DOCS_IMAGES is set). */
async function shot(name: string) {
  const path = join(artifacts, `pane-350-${name}.png`);
  await page.screenshot({ path, animations: "disabled" });
  if (process.env.DOCS_IMAGES) copyFileSync(path, join(root, "docs", "images", `pane-${name}.png`));
}

const section = (name: string) => page.locator(`section[aria-label="${name}"]`);
const message = () => page.locator("[data-testid=message]");
const disabled = (testId: string) => page.locator(`[data-testid=${testId}]`).evaluate((b) => b.getAttribute("aria-disabled") === "true" || (b as HTMLButtonElement).disabled);

async function expectNoOverflow() {
  const o = await horizontalOverflow(page);
  expect(o.sticking).toEqual([]);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
}

async function expectNoAxeViolations() {
  expect(await axeViolations(page)).toEqual([]);
}

/** The message bar has the focus and is wholly in the window. */
async function expectMessageWhereTheEyeIs() {
  await message().waitFor();
  expect(await hasFocus(message())).toBe(true);
  expect(await inViewport(message())).toBe(true);
}

async function upload(path: string) {
  await page.setInputFiles("#workbook-file", path);
}

async function uploadWorkbook(path: string) {
  await upload(path);
  await page.getByText(`Open: ${basename(path)}.`).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !!(document.querySelector("#target-select") as HTMLSelectElement | null)?.value, null, { timeout: 60_000 });
}

async function run(title: RegExp = /Categorised [\d,]+ schools/) {
  await page.click("[data-testid=run]");
  await message().getByText(title).waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  if (process.env.DOCS_IMAGES) mkdirSync(join(root, "docs", "images"), { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "pane-narrow-"));
  // The Staffordshire example on a sheet with a long name, which the table picker must fit.
  const long = new ExcelJS.Workbook();
  await long.xlsx.readFile(join(root, "examples", "staffordshire-schools.xlsx"));
  long.getWorksheet("Schools")!.name = LONG_SHEET;
  await long.xlsx.writeFile(file("long-sheet.xlsx"));
  // School data without the Ofsted grade both bundled rulesets need.
  const ungraded = new ExcelJS.Workbook();
  const ws = ungraded.addWorksheet("Schools");
  ws.addRow(["URN", "School name", "Phase"]);
  ws.addRow([100001, "Brook Lane School", "Secondary"]);
  await ungraded.xlsx.writeFile(file("ungraded.xlsx"));
  writeFileSync(file("schools.csv"), "URN,School name,Ofsted grade\n100001,Brook Lane School,3\n");
  writeFileSync(file("missing-comma.json"), '{\n  "id": "broken"\n  "title": "Broken"\n}\n');
  const rulesText = readFileSync(join(root, "rules", "staffordshire.json"), "utf8");
  writeFileSync(file("padded.json"), rulesText.replace(/\n/g, `\n${" ".repeat(200)}`) + " ".repeat(4_000_000));
  writeFileSync(file("big.xlsx"), (await bigWorkbook(20_000)).bytes);

  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the pane at 350 x 800", () => {
  it("before a workbook is open, Run says why it cannot run, and nothing sticks out", async () => {
    expect(await disabled("run")).toBe(true);
    expect(await page.locator("[data-testid=run-blocked]").innerText()).toBe("Open a workbook first.");
    expect(await page.locator("[data-testid=run]").getAttribute("aria-describedby")).toBe(await page.locator("[data-testid=run-blocked]").getAttribute("id"));
    expect(await disabled("download")).toBe(true);
    expect(await disabled("clear")).toBe(true);
    await expectNoOverflow();
    await expectNoAxeViolations();
  });

  it("arrow keys move through the rulesets without opening the file dialog", async () => {
    let dialogs = 0;
    page.on("filechooser", () => dialogs++);
    const select = page.locator("#ruleset-select");
    await select.focus();
    const seen = new Set<string>();
    for (const key of ["ArrowDown", "ArrowDown", "ArrowDown", "End", "ArrowUp", "ArrowUp", "Home", "ArrowDown", "ArrowUp"]) {
      await page.keyboard.press(key);
      seen.add(await select.inputValue());
    }
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    expect(seen).toEqual(new Set(["bundled:staffordshire", "bundled:warwickshire"]));
    expect(await select.inputValue()).toBe("bundled:staffordshire");
    // The file dialog is the button's to open.
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Open a ruleset file…" }).click()]);
    expect(chooser.isMultiple()).toBe(false);
    expect(dialogs).toBe(1);
  });

  it("a ruleset file with a JSON syntax error is refused at the picker, in words", async () => {
    await page.setInputFiles("#ruleset-file", file("missing-comma.json"));
    const refused = section("Ruleset").locator("[data-testid=message]");
    await refused.getByText("The ruleset has problems").waitFor({ timeout: 10_000 });
    await expectMessageWhereTheEyeIs();
    const text = await refused.innerText();
    expect(text).toContain("A comma is missing at line 3, column 3.");
    expect(text).toContain(`${staffordshire.title} (${staffordshire.version}) is still in use.`);
    expect(text).not.toMatch(/CommaExpected|JSON syntax error/);
    expect(await page.locator("#ruleset-select").inputValue()).toBe("bundled:staffordshire");
    await expectNoOverflow();
    await shot("ruleset-error");
  });

  it("a file that is not a workbook is refused in plain words, at the file picker", async () => {
    await upload(file("schools.csv"));
    const refused = section("Workbook").locator("[data-testid=message]");
    await refused.getByText("This file cannot be opened").waitFor({ timeout: 10_000 });
    await expectMessageWhereTheEyeIs();
    const text = await refused.innerText();
    expect(text).toContain("schools.csv: This file is not an .xlsx workbook. If it is an .xls or .csv file, open it in Excel and save it as an Excel Workbook (.xlsx), then try again.");
    expect(text).not.toMatch(/zip|central directory|signature|end of/i);
  });

  it("Run is unavailable, with the reason, while a column the ruleset needs is missing", async () => {
    await uploadWorkbook(file("ungraded.xlsx"));
    expect(await disabled("run")).toBe(true);
    expect(await page.locator("[data-testid=run-blocked]").innerText()).toMatch(/^Sheet Schools has no column for 'Ofsted grade', which Staffordshire .* needs\. Add the column, or pick another table or sheet\.$/);
    expect(await page.locator("[data-testid=fit-warning]").innerText()).toContain("The data lacks a column the ruleset needs");
    expect(await disabled("download")).toBe(true);
    expect(await disabled("clear")).toBe(true);
    await expectNoOverflow();
  });

  it("after a run the message bar is in the window with the focus; Download and Clear are offered", async () => {
    await uploadWorkbook(file("long-sheet.xlsx"));
    expect(await page.locator("#target-select").inputValue()).toBe(`sheet:${LONG_SHEET}`);
    expect(await page.locator("[data-testid=run-blocked]").count()).toBe(0);
    expect(await page.locator("[data-testid=fit-warning]").count()).toBe(0);
    expect(await disabled("download")).toBe(true);
    expect(await disabled("clear")).toBe(true);
    await expectNoOverflow();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("before-run");

    await run();
    await expectMessageWhereTheEyeIs();
    expect(await message().getAttribute("data-intent")).toBe("success");
    expect(await disabled("download")).toBe(false);
    expect(await disabled("clear")).toBe(false);
    await expectNoOverflow();
    await shot("after-run");
    await expectNoAxeViolations();
  });

  it("the school list: a chip per category, highest concern first, one tab stop however long", async () => {
    const list = page.locator("[data-testid=school-options]");
    const options = list.locator("[role=option]");
    const shown = () =>
      options.evaluateAll((els) =>
        els.map((e) => ({ at: Number(e.getAttribute("aria-posinset")), of: Number(e.getAttribute("aria-setsize")), band: e.getAttribute("data-band")!, row: Number(e.getAttribute("data-row")) })).sort((a, b) => a.at - b.at),
      );
    // Virtualised: 400 schools, a few dozen rows in the page; the list is one tab stop.
    const first = await shown();
    expect(first[0]).toMatchObject({ at: 1, of: 400, band: "D" });
    expect(first.length).toBeLessThan(30);
    expect(await list.getAttribute("tabindex")).toBe("0");
    expect(await list.locator("[tabindex], button, a, input").count()).toBe(0);
    expect(await page.locator("[data-testid=school-count]").innerText()).toBe("400 schools.");
    // Highest concern first: the ruleset's order of categories.
    const rank = (band: string) => staffordshire.bands.findIndex((b) => b.id === band);
    const ranks = first.map((o) => rank(o.band));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForTimeout(100);
    const last = await shown();
    expect(last[last.length - 1]).toMatchObject({ at: 400, band: "A" });

    // A chip shows only its category; the search looks in names and URNs, not categories.
    const chips = page.locator("[data-testid=band-chips] button");
    expect(await chips.evaluateAll((bs) => bs.map((b) => b.getAttribute("data-band")))).toEqual(["D", "C", "B", "U", "A"]);
    await chips.filter({ has: page.locator(".fui-Badge", { hasText: /^C$/ }) }).click();
    expect(await page.locator("[data-testid=school-count]").innerText()).toBe("26 schools of 400.");
    expect(new Set((await shown()).map((o) => o.band))).toEqual(new Set(["C"]));
    expect(await chips.filter({ has: page.locator(".fui-Badge", { hasText: /^C$/ }) }).getAttribute("aria-pressed")).toBe("true");
    await shot("chip");
    await expectNoAxeViolations();
    await chips.filter({ has: page.locator(".fui-Badge", { hasText: /^C$/ }) }).click();
    const search = page.locator("input[data-testid=school-search]");
    await search.fill("D");
    const names = await options.evaluateAll((els) => els.map((e) => e.querySelector(":scope > span")!.textContent!));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/d/i);
    expect(await page.locator("[data-testid=school-count]").innerText()).not.toBe("69 schools of 400.");
    await search.fill("");
    const urn = (await list.locator("[aria-posinset='1']").getAttribute("data-key"))!;
    await search.fill(urn);
    expect(await page.locator("[data-testid=school-count]").innerText()).toBe("1 school of 400.");
    await search.fill("");

    // The keyboard: down twice, Enter picks the third school.
    await list.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const third = (await shown())[2];
    expect(await list.getAttribute("aria-activedescendant")).toBe(await list.locator(`[aria-posinset="3"]`).getAttribute("id"));
    await page.keyboard.press("Enter");
    const explanation = page.locator("[data-testid=explanation]");
    await explanation.waitFor();
    await page.waitForTimeout(600); // the explanation scrolls into view smoothly
    await shot("school");
    expect(await explanation.innerText()).toContain(`row ${third.row}`);
    expect(await list.locator(`[data-row="${third.row}"]`).getAttribute("aria-selected")).toBe("true");

    // Every rule checked: a scrollable block the keyboard can reach.
    await explanation.locator("summary", { hasText: "Every rule checked" }).click();
    const rules = page.locator("[data-testid=every-rule]");
    expect(await rules.getAttribute("tabindex")).toBe("0");
    expect(await rules.getAttribute("aria-label")).toBe("Every rule checked");
    await expectNoOverflow();
    await expectNoAxeViolations();
  });

  it("charts keep their text at constant px, and every bar's value reaches a screen reader", async () => {
    const scales = async () =>
      page.locator("[data-testid=la-summary] figure").evaluateAll((figures) =>
        figures.map((f) => {
          const svg = f.querySelector("svg")!;
          return { scale: svg.getScreenCTM()!.a, svg: svg.getBoundingClientRect().width, figure: f.clientWidth, fontSizes: [...new Set(Array.from(svg.querySelectorAll("text")).map((t) => getComputedStyle(t).fontSize))] };
        }),
      );
    const narrow = await scales();
    expect(narrow.length).toBeGreaterThan(2);
    for (const c of narrow) {
      expect(c.scale).toBeCloseTo(1, 5);
      expect(c.svg).toBe(c.figure);
      for (const size of c.fontSizes) expect(["11px", "12px"]).toContain(size);
    }
    // Wider, the charts are laid out again at the new width, text the same size.
    await page.setViewportSize({ width: 600, height: 800 });
    await page.waitForFunction(() => Array.from(document.querySelectorAll("[data-testid=la-summary] svg")).every((s) => s.getBoundingClientRect().width > 400));
    for (const c of await scales()) expect(c.scale).toBeCloseTo(1, 5);
    await page.setViewportSize({ width: 350, height: 800 });
    await page.waitForFunction(() => Array.from(document.querySelectorAll("[data-testid=la-summary] svg")).every((s) => s.getBoundingClientRect().width < 340));

    // The accessibility tree has each bar, named with its category, series and value.
    const chart = page.locator("[data-testid=chart-bands-district]");
    const titles = await chart.locator("rect").evaluateAll((rects) => rects.map((r) => r.querySelector("title")!.textContent!));
    expect(titles.length).toBeGreaterThan(5);
    const tree = await chart.ariaSnapshot();
    for (const t of titles) expect(tree).toContain(`img "${t}"`);
    expect(titles.join("\n")).toMatch(/, D High concern: \d+ schools?/);
    await expectNoOverflow();
    await page.locator("[data-testid=chart-risk]").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot("summary");
  });

  it("moving through the rulesets past one that must be checked keeps the focus in the list", async () => {
    // A ruleset file (Staffordshire's, padded to a few MB so its check takes a moment) is checked in
    // the engine worker each time it is picked; the list stays usable meanwhile.
    await page.setInputFiles("#ruleset-file", file("padded.json"));
    const select = page.locator("#ruleset-select");
    await page.waitForFunction(() => (document.querySelector("#ruleset-select") as HTMLSelectElement).value === "file:padded.json", null, { timeout: 30_000 });
    await select.focus();
    await page.keyboard.press("ArrowUp"); // a bundled ruleset: taken at once
    expect(await select.inputValue()).toBe("bundled:warwickshire");
    // What the page shows while the check runs: the label, where the focus is, what the list shows and whether it can be used.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      new MutationObserver(() => {
        const label = document.querySelector("[data-testid=progress-label]")?.textContent;
        const select = document.querySelector("#ruleset-select") as HTMLSelectElement;
        if (label) seen.push(`${label} | ${document.activeElement?.id} | ${select.value} | ${select.disabled ? "disabled" : "usable"}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.keyboard.press("ArrowDown"); // the file again: checked first
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length > 0, null, { timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector("[data-testid=progress-label]"), null, { timeout: 30_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    // Not disabled meanwhile: a focused control that is disabled loses the focus to the page's body.
    expect(new Set(seen)).toEqual(new Set(["Checking padded.json… | ruleset-select | file:padded.json | usable"]));
    expect(await select.inputValue()).toBe("file:padded.json");
    expect(await hasFocus(select)).toBe(true);
    // Moving on before a check ends: the last pick wins, the check's late answer is ignored.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    expect(await select.inputValue()).toBe("bundled:warwickshire");
    await page.waitForTimeout(2_000);
    expect(await select.inputValue()).toBe("bundled:warwickshire");
    expect(await page.locator("[data-testid=progress-label]").count()).toBe(0);
    // Back to the bundled one for what follows.
    await select.selectOption("bundled:staffordshire");
  });

  it("a workbook that fits the ruleset poorly is said to, the better ruleset is offered, and a run on it is a warning", async () => {
    await page.selectOption("#ruleset-select", "bundled:staffordshire");
    await uploadWorkbook(join(root, "examples", "warwickshire-schools.xlsx"));
    const warning = page.locator("[data-testid=fit-warning]");
    await warning.waitFor();
    expect(await page.locator("[data-testid=target-info]").innerText()).toMatch(/12 of 33 ruleset fields found \(fit 36%, poor\)\./);
    expect(await warning.innerText()).toMatch(/The data fits the ruleset poorly[\s\S]*Only 12 of the 33 fields .* were found in Sheet Schools\. Warwickshire 2013 \(bundled\) fits it better/);
    expect(await warning.getByRole("button", { name: "Use Warwickshire 2013 (bundled)" }).count()).toBe(1);
    await expectNoOverflow();
    await warning.scrollIntoViewIfNeeded();
    await shot("wrong-ruleset");

    await run(/fits the ruleset poorly/);
    await expectMessageWhereTheEyeIs();
    expect(await message().getAttribute("data-intent")).toBe("warning");
    expect(await message().innerText()).toMatch(/Categorised 228 schools, but the data fits the ruleset poorly/);
    await expectNoOverflow();
    await shot("wrong-ruleset-run");
    await expectNoAxeViolations();

    // Taking the offer picks the ruleset that fits; its run is green.
    await message().getByRole("button", { name: "Use Warwickshire 2013 (bundled)" }).click();
    await page.waitForFunction(() => (document.querySelector("#ruleset-select") as HTMLSelectElement).value === "bundled:warwickshire");
    expect(await warning.count()).toBe(0);
    await run();
    expect(await message().getAttribute("data-intent")).toBe("success");
  });

  it("a long run's progress bar is in the window, labelled, with Cancel beside it; then writing is said", async () => {
    await page.selectOption("#ruleset-select", "bundled:staffordshire");
    await uploadWorkbook(file("big.xlsx"));
    await page.evaluate(() => window.scrollTo(0, 0));
    await watchPage(page);
    await rewatch(page);
    await page.click("[data-testid=run]");
    const bar = page.getByRole("progressbar", { name: /^Categorising: [\d,]+ of 20,000 rows…$/ });
    await bar.waitFor({ timeout: 60_000 });
    expect(await inViewport(bar)).toBe(true);
    expect(await inViewport(page.locator("[data-testid=progress-label]"))).toBe(true);
    expect(await inViewport(page.locator("[data-testid=cancel]"))).toBe(true);
    expect(await hasFocus(page.locator("[data-testid=run]"))).toBe(true);
    await expectNoOverflow();
    await message().getByText(/Categorised 20,000 schools/).waitFor({ timeout: 120_000 });
    await expectMessageWhereTheEyeIs();
    expect((await watched(page)).labels).toContain("Writing results…");
  }, 180_000);

  it("dark: the pane follows the system outside Office", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    const theme = page.locator(".fui-FluentProvider").first();
    await page.waitForFunction(() => document.querySelector(".fui-FluentProvider")?.getAttribute("data-theme") === "dark");
    const background = await page.locator("main").evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(background).toBe("rgb(41, 41, 41)");
    expect(await theme.evaluate(() => document.documentElement.style.colorScheme)).toBe("dark");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("dark");
    await page.locator("[data-testid=school-list]").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot("dark-results");
    await page.locator("[data-testid=chart-bands]").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot("dark-summary");
    await expectNoOverflow();
    await expectNoAxeViolations();
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForFunction(() => document.querySelector(".fui-FluentProvider")?.getAttribute("data-theme") === "light");
  });

  it("dark: inside Office the pane follows Office's theme (Office.context.officeTheme), whatever the system's", async () => {
    // Office.js as a host other than Excel gives it: the pane works on files, in Office's colours.
    await page.route(/appsforoffice\.microsoft\.com/, (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `window.Office = { HostType: { Excel: "Excel" }, context: { officeTheme: { isDarkTheme: true, bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#333333", controlForegroundColor: "#FFFFFF" } },
          onReady(cb) { return Promise.resolve({ host: "Word", platform: "PC" }).then((info) => { cb && cb(info); return info; }); } };`,
      }),
    );
    await page.emulateMedia({ colorScheme: "light" });
    await pane.open();
    await page.waitForFunction(() => document.querySelector(".fui-FluentProvider")?.getAttribute("data-theme") === "dark");
    expect(await page.locator("main").evaluate((m) => getComputedStyle(m).backgroundColor)).toBe("rgb(41, 41, 41)");
    await expectNoAxeViolations();
    expect(pane.pageErrors).toEqual([]);
  });
});
