// The pane's "Since the last run" at task-pane size (350 x 800), outside Office (see pane-page.ts):
// the Staffordshire example is run (no earlier run: one line says so), the result downloaded, two
// nursery schools' Ofsted grades edited in it with ExcelJS as an officer would, and the edited copy
// uploaded and run again. The movement table then holds the engine's counts (movement() on the
// edited copy, recordedMovement() on the second result, as `categorise diff --runs` reads it), the
// two schools are listed with the triggers they gained and pick the school as the list does, and the
// second result's summary sheet has the same table. axe finds nothing; nothing sticks out sideways.
// Screenshot: docs/images/pane-movement.png (and test/artifacts/pane-350-movement.png).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { categorise, movement, movementLine, NO_LONGER, NOT_BEFORE, parseRuleset, recordedMovement, type Movement } from "../../engine";
import { openWorkbook } from "../../hosts/file/run-and-clear";
import { axeViolations, horizontalOverflow } from "./pane-checks";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const artifacts = join(root, "test", "artifacts");
const example = join(root, "examples", "staffordshire-schools.xlsx");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
/** The two schools edited: Waterhouses Nursery School (A) and Rising Brook Nursery School (B), judged inadequate. */
const EDITED = [
  { row: 2, key: "123962", name: "Waterhouses Nursery School", from: "A" },
  { row: 3, key: "123967", name: "Rising Brook Nursery School", from: "B" },
];

let pane: PanePage;
let page: Page;
let dir: string;

const section = () => page.locator("section[aria-label='Since the last run']");

async function upload(file: string) {
  await page.setInputFiles("#workbook-file", file);
  await page.waitForFunction(() => (document.querySelector("#target-select") as HTMLSelectElement | null)?.value === "sheet:Schools", null, { timeout: 60_000 });
}

async function run(schools = 400) {
  await page.click("[data-testid=run]");
  await page.locator("[data-testid=message]").getByText(`Categorised ${schools} schools`).waitFor({ timeout: 60_000 });
  await section().waitFor({ timeout: 30_000 });
}

async function download(name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

/** The pane's table as numbers, row by row (without the header row): the counts, gone and total columns. */
function paneTable(): Promise<{ from: string; cells: string[] }[]> {
  return section()
    .locator("[data-testid=movement-table] tbody tr, [data-testid=movement-table] tfoot tr")
    .evaluateAll((trs) => trs.map((tr) => ({ from: tr.getAttribute("data-from")!, cells: Array.from(tr.querySelectorAll("td")).map((td) => td.textContent!.trim()) })));
}

/** The table the engine's movement gives, as the pane should show it. */
function expectedTable(m: Movement): { from: string; cells: string[] }[] {
  const { rows, columns, counts, newSchools, gone } = m.bands;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totals = columns.map((_, j) => sum(counts.map((r) => r[j])) + newSchools[j]);
  const text = (xs: number[]) => xs.map((n) => n.toLocaleString("en-GB"));
  return [
    ...rows.map((id, i) => ({ from: id, cells: text([...counts[i], gone[i], sum(counts[i]) + gone[i]]) })),
    { from: "new", cells: [...text(newSchools), "", text([sum(newSchools)])[0]] },
    { from: "total", cells: text([...totals, sum(gone), sum(totals) + sum(gone)]) },
  ];
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "pane-movement-"));
  pane = await openPanePage({ width: 350, height: 800 });
  page = pane.page;
  await pane.open();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("movement since the last run in the pane (outside Office)", () => {
  let edited: string;
  let expected: Movement;

  it("says in one line that there is no earlier run after the first run of a workbook", async () => {
    await upload(example);
    await run();
    await section().getByTestId("movement-none").getByText("No earlier run on 'Schools' is recorded in this workbook").waitFor();
    expect(await section().locator("table").count()).toBe(0);
    // Outside Office there are no live updates, so no note about them.
    expect(await section().getByTestId("movement-live-note").count()).toBe(0);

    // The officer's edit on the categorised copy: both nursery schools judged inadequate.
    const first = await download("first.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    const ws = wb.getWorksheet("Schools")!;
    const header = (ws.getRow(1).values as unknown[]).findIndex((v) => v === "Ofsted grade");
    expect(header).toBeGreaterThan(0);
    for (const e of EDITED) {
      expect(ws.getCell(e.row, 1).value).toBe(Number(e.key));
      ws.getCell(e.row, header).value = 4;
    }
    edited = join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(edited);

    // What the engine says the second run will show: this run against the record in the edited copy.
    const book = openWorkbook(new Uint8Array(readFileSync(edited)), "edited.xlsx");
    const result = await categorise(book.source, ruleset, { store: book.store });
    expected = movement(book.store, result, ruleset)!;
    expect(expected).not.toBeNull();
    expect(expected.counts.categoryChanged).toBe(2);
  });

  it("after the edited copy is run, shows the engine's movement table and the two schools with their new triggers", async () => {
    await upload(edited);
    await run();
    await section().getByTestId("movement-line").getByText(movementLine(expected)).waitFor();
    expect(await paneTable()).toEqual(expectedTable(expected));
    // Columns: this run's categories, then the schools no longer in the sheet, then the total.
    const heads = await section().locator("[data-testid=movement-table] thead th").allTextContents();
    const labelled = expected.bands.columns.map((id) => `${id} ${expected.labels.bands[id]}`);
    expect(heads.map((h) => h.replace(/\s+/g, " ").trim())).toEqual(["this run →last run ↓Last run's category", ...labelled, `Gone: ${NO_LONGER.toLowerCase()}`, "Total"]);
    // The diagonal is marked off: its cells have a background the others do not.
    const bg = (from: string, to: number) => section().locator(`[data-testid=movement-table] tr[data-from='${from}'] td`).nth(to).evaluate((td) => getComputedStyle(td).backgroundColor);
    const d = expected.bands.columns.indexOf("D");
    const a = expected.bands.columns.indexOf("A");
    expect(await bg("A", a)).not.toBe(await bg("C", a));
    expect(await bg("A", d)).not.toBe(await bg("D", a));
    // Screen readers have a real table: headers with scope, the labels with the ids.
    expect(await section().locator("th[scope=col]").count()).toBe(expected.bands.columns.length + 3);
    expect(await section().locator("th[scope=row]").count()).toBe(expected.bands.rows.length + 2);

    // The two schools, first, each with the triggers it gained.
    const items = section().locator("[data-testid=movement-changes] > li");
    expect(await items.count()).toBe(Math.min(expected.changes.length, 25));
    for (const [i, e] of EDITED.entries()) {
      const change = expected.changes[i];
      expect(change).toMatchObject({ key: Number(e.key), name: e.name, from: { band: e.from }, to: { band: "D" } });
      const item = items.nth(i).locator("button");
      expect(await item.getAttribute("data-key")).toBe(e.key);
      const text = (await item.innerText()).replace(/\s+/g, " ");
      expect(text).toContain(`${e.from} → to D ${e.name}`);
      const added = change.triggersAdded.map((t) => expected.labels.triggers[t]).join("; ");
      expect(added).toMatch(/Ofsted/);
      expect(text).toContain(`Added: ${added}`);
      expect(text).toContain(`Stage: none → ${expected.labels.stages[change.to!.stage!]}`);
    }

    // Picking one picks the school, as the school list does.
    await items.nth(1).locator("button").click();
    await page.locator("[data-testid=explanation]").getByRole("heading", { name: EDITED[1].name }).waitFor();
    expect(await items.nth(1).locator("button").getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(`[data-testid=school-options] [data-row='${EDITED[1].row}']`).getAttribute("aria-selected")).toBe("true");

    await section().scrollIntoViewIfNeeded();
    await section().evaluate((el) => el.scrollIntoView({ block: "start" }));
    const shot = join(artifacts, "pane-350-movement.png");
    await page.screenshot({ path: shot, animations: "disabled" });
    copyFileSync(shot, join(root, "docs", "images", "pane-movement.png"));

    const o = await horizontalOverflow(page);
    expect(o.sticking).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
    // Five categories fit at 350 px: the table does not scroll, so it is no tab stop.
    expect(await section().getByTestId("movement-scroll").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await section().getByTestId("movement-scroll").getAttribute("tabindex")).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    // In the dark too (outside Office the pane follows the system's setting).
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForFunction(() => getComputedStyle(document.querySelector("main")!).backgroundColor !== "rgb(255, 255, 255)");
    await page.screenshot({ path: join(artifacts, "pane-350-movement-dark.png"), animations: "disabled" });
    expect(await axeViolations(page, "section[aria-label='Since the last run']")).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
    expect(pane.pageErrors).toEqual([]);
  });

  it("writes the same table into the second result's summary sheet, which diff --runs reads back", async () => {
    const second = await download("second.xlsx");
    const book = openWorkbook(new Uint8Array(readFileSync(second)), "second.xlsx");
    const kept = recordedMovement(book.store, "Schools")!;
    expect(kept.bands).toEqual(expected.bands);
    expect(kept.counts).toEqual(expected.counts);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    const summary = wb.getWorksheet("Categorisation summary")!;
    const rows: unknown[][] = [];
    summary.eachRow({ includeEmpty: true }, (r, n) => (rows[n - 1] = (r.values as unknown[]).slice(1)));
    const top = rows.findIndex((r) => String(r?.[0] ?? "").startsWith("Movement since the last run"));
    expect(top).toBeGreaterThan(0);
    expect(rows[top + 1]?.[0]).toBe(movementLine(expected));
    const header = top + 2;
    const { rows: from, columns, counts, newSchools, gone } = expected.bands;
    expect(rows[header]).toEqual(["Last run \\ this run", ...columns, NO_LONGER, "Total"]);
    from.forEach((id, i) => expect(rows[header + 1 + i]?.slice(0, columns.length + 2)).toEqual([id, ...counts[i], gone[i]]));
    expect(rows[header + 1 + from.length]?.slice(0, columns.length + 1)).toEqual([NOT_BEFORE, ...newSchools]);
    // The schools that moved, by name, in the list under it.
    const names = rows.filter((r) => EDITED.some((e) => r?.[0] === e.name));
    expect(names.map((r) => [r[0], r[2], r[3]])).toEqual(EDITED.map((e) => [e.name, e.from, "D"]));
  });

  it("with Warwickshire's nine categories, the table scrolls inside a labelled region the keyboard can reach, and the pane does not", async () => {
    await page.selectOption("#ruleset-select", "bundled:warwickshire");
    await upload(join(root, "examples", "warwickshire-schools.xlsx"));
    await run(228);
    await upload(await download("warwickshire-first.xlsx"));
    await run(228);
    await section().getByText("No school changed category, stage or triggers.").waitFor();
    expect(await section().locator("thead th[data-band]").count()).toBe(9);
    const scroll = section().getByTestId("movement-scroll");
    expect(await scroll.getAttribute("role")).toBe("region");
    expect(await scroll.getAttribute("tabindex")).toBe("0");
    const caption = await scroll.getAttribute("aria-labelledby");
    expect(await page.locator(`[id='${caption}']`).innerText()).toBe("Schools by category: rows the last run, columns this run");
    expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await scroll.focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector("[data-testid=movement-scroll]")!.scrollLeft > 0);
    await section().screenshot({ path: join(artifacts, "pane-350-movement-nine.png"), animations: "disabled" });
    const o = await horizontalOverflow(page);
    expect(o.sticking).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
    expect(await axeViolations(page)).toEqual([]);
    expect(pane.pageErrors).toEqual([]);
  });
});
