// Watch flags in the task pane, in a real browser (test/browser/pane-page.ts), outside Office: a
// workbook written with ExcelJS, run with the bundled Staffordshire rules; a school just inside the
// Progress 8 margin shows its watch flag in the watch colour, with how near the floor it is, and its
// category unchanged.
import { join } from "path";
import { openPanePage, type PanePage } from "./browser/pane-page";
import { tempDir } from "./helpers/cli";
import { writeBook, rowsOf } from "./helpers/workbook";

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
const school = (urn: number, name: string, extra: Record<string, number>) => ({
  URN: urn, "School name": name, Type: "Community school", Phase: "Secondary", District: "Stafford", Pupils: 900,
  "Ofsted grade": "Good", "Academic year": "2018/19", ...extra,
});

let pane: PanePage;
let book: string;

beforeAll(async () => {
  book = await writeBook(join(tempDir("watch-pane-"), "schools.xlsx"), {
    Schools: rowsOf([
      school(100001, "Near the floor", { "Progress 8": -0.45, "P8 upper CI": -0.1 }),
      school(100002, "Well clear", { "Progress 8": 0.2, "P8 upper CI": 0.5 }),
    ]),
  });
  pane = await openPanePage();
  await pane.open();
}, 180_000);

afterAll(async () => {
  await pane?.close();
});

test("a school inside a margin: its watch flag, in the watch colour, with the reason", async () => {
  const { page } = pane;
  await page.setInputFiles("#workbook-file", book);
  await page.waitForFunction(() => !!(document.querySelector("#target-select") as HTMLSelectElement | null)?.value);
  await page.selectOption("#ruleset-select", "bundled:staffordshire");
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(/Categorised 2 schools/).waitFor({ timeout: 30_000 });

  const pick = (name: string) => page.locator("[data-testid=school-list] [role=option][data-row]").filter({ hasText: name }).first().click();
  await pick("Near the floor");
  const explanation = page.locator("[data-testid=explanation]");
  const badge = explanation.locator("[data-testid=watch] .fui-Badge");
  await badge.waitFor();
  expect(await badge.innerText()).toBe("Below KS4 floor standard");
  expect(await badge.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color])).toEqual([rgb("#E4DFEC"), rgb("#3F3151")]);
  const text = await explanation.innerText();
  expect(text).toContain("Watch Below KS4 floor standard: Progress 8 −0.45 is 0.05 above the floor of −0.5");
  expect(await explanation.locator("dd .fui-Badge").first().innerText()).toBe("A No concern");
  expect(await explanation.locator("[data-testid=every-rule]").textContent()).toContain("Watch Below KS4 floor standard: Progress 8 −0.45 is 0.05 above the floor of −0.5");

  await pick("Well clear");
  await explanation.getByText("row 3").waitFor();
  expect(await explanation.locator("[data-testid=watch]").count()).toBe(0);
  expect(pane.pageErrors).toEqual([]);
}, 120_000);
