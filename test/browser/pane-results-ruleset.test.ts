// The results the pane shows always belong to the ruleset they were run with: picking another
// ruleset after a run leaves the school list, a school's explanation and the summary as they were
// (same categories, same colours), until the next run replaces results and ruleset together.
// In a real browser (see pane-page.ts), outside Office, on the example workbooks.
import { mkdirSync, readFileSync } from "fs";
import { join } from "path";
import { parseRuleset, type Ruleset } from "../../engine";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const rules = (name: string) => parseRuleset(readFileSync(join(root, "rules", `${name}.json`), "utf8"));
const staffordshire = rules("staffordshire");
const warwickshire = rules("warwickshire");

/** "#FFC7CE" as the browser computes it: "rgb(255, 199, 206)". */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

let pane: PanePage;

beforeAll(async () => {
  mkdirSync(join(root, "test", "artifacts"), { recursive: true });
  pane = await openPanePage();
  await pane.open();
}, 180_000);

afterAll(async () => {
  await pane?.close();
});

/** Each badge in the school list (a chip for each category, then the schools in view): its text and colours. */
async function listBadges() {
  return pane.page.locator("[data-testid=band-chips] .fui-Badge, [data-testid=school-list] [role=option][data-row] .fui-Badge").evaluateAll((badges) =>
    badges.map((b) => {
      const s = getComputedStyle(b);
      return { band: b.textContent!.trim(), fill: s.backgroundColor, font: s.color };
    }),
  );
}

/** The badge colours a ruleset gives each band seen in the list. */
const expectedBadges = (badges: { band: string }[], ruleset: Ruleset) =>
  badges.map(({ band }) => ({ band, fill: rgb(ruleset.styles.bands[band].fill ?? "#D9D9D9"), font: rgb(ruleset.styles.bands[band].font ?? "#242424") }));

async function uploadAndRun(workbook: string, rulesetKey: string) {
  const { page } = pane;
  await page.setInputFiles("#workbook-file", join(root, "examples", workbook));
  await page.waitForFunction(() => !!(document.querySelector("#target-select") as HTMLSelectElement | null)?.value);
  await page.selectOption("#ruleset-select", rulesetKey);
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised [\d,]+ schools/).waitFor({ timeout: 30_000 });
}

async function pickRuleset(key: string, ruleset: Ruleset) {
  await pane.page.selectOption("#ruleset-select", key);
  await pane.page.getByText(`${ruleset.title}, version ${ruleset.version}:`).waitFor();
}

describe("results after picking another ruleset", () => {
  it("keep the bands and colours of the ruleset they were run with", async () => {
    const { page } = pane;
    await uploadAndRun("staffordshire-schools.xlsx", "bundled:staffordshire");
    const before = await listBadges();
    expect(new Set(before.map((b) => b.band))).toEqual(new Set(["D", "C", "B", "U", "A"]));
    expect(before).toEqual(expectedBadges(before, staffordshire));

    const school = page.locator("[data-testid=school-list] [role=option][data-row]").filter({ has: page.locator(".fui-Badge", { hasText: /^D$/ }) }).first();
    const row = await school.getAttribute("data-row");
    await school.click();
    const explanation = page.locator("[data-testid=explanation]");
    const category = explanation.locator("dd .fui-Badge").first();
    await category.waitFor();

    await pickRuleset("bundled:warwickshire", warwickshire);
    expect(await listBadges()).toEqual(before);
    expect(await page.locator("[data-testid=school-list]").innerText()).toContain(`Categorised with ${staffordshire.title}, version ${staffordshire.version}.`);
    expect(await explanation.innerText()).toContain(`row ${row}`);
    expect(await category.innerText()).toBe("D High concern");
    expect(await category.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color])).toEqual([rgb(staffordshire.styles.bands.D.fill!), rgb(staffordshire.styles.bands.D.font!)]);
    const chartFills = await page.locator("[data-testid=chart-bands] rect").evaluateAll((rects) => rects.map((r) => [r.getAttribute("data-series")!.split(" ")[0], r.getAttribute("fill")]));
    expect(chartFills.length).toBeGreaterThan(0);
    for (const [band, fill] of chartFills) expect(fill).toBe(staffordshire.styles.bands[band!].fill);
    await page.screenshot({ path: join(root, "test", "artifacts", "addin-other-ruleset.png"), fullPage: true });
  });

  it("are replaced, ruleset and all, by the next run", async () => {
    const { page } = pane;
    await uploadAndRun("warwickshire-schools.xlsx", "bundled:warwickshire");
    expect(await page.locator("[data-testid=explanation]").count()).toBe(0);
    const ran = await listBadges();
    expect(new Set(ran.map((b) => b.band)).size).toBeGreaterThan(3);
    expect(ran).toEqual(expectedBadges(ran, warwickshire));

    await pickRuleset("bundled:staffordshire", staffordshire);
    expect(await listBadges()).toEqual(ran);
    expect(await page.locator("[data-testid=school-list]").innerText()).toContain(`Categorised with ${warwickshire.title}, version ${warwickshire.version}.`);
    expect(pane.pageErrors).toEqual([]);
  });
});
