// The built task pane in a real browser (Debian's Chromium driven by playwright-core, see
// pane-page.ts), outside Office: Office.js is blocked, so the page falls back to working on an
// uploaded workbook.
// Upload the Staffordshire example, run, pick a school, check its explanation, download the
// coloured result and re-read it with ExcelJS; then Clear and check the workbook is as uploaded.
// Check the local authority summary and its charts against the engine and the downloaded workbook.
// Screenshots are saved to test/artifacts/addin.png and addin-summary.png.
// Built for production, as shipped: the first bundle (what the page loads before the pane is
// usable) is at most 150 KB gzipped (issue 14; docs/performance.md, "Pane bundle").
import { mkdirSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { categorise, laSummary, parseRuleset, RAG_STYLES, resultHeaders, STORE_SHEET, SUMMARY_SHEET, watchStyle } from "../../engine";
import { sourceFromExcelJS } from "../helpers/exceljs-source";
import { openPanePage, type PanePage } from "./pane-page";

const root = join(__dirname, "..", "..");
const artifacts = join(root, "test", "artifacts");
const example = join(root, "examples", "staffordshire-schools.xlsx");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
const argb = (hex: string) => "FF" + hex.slice(1).toUpperCase();

let pane: PanePage;
let page: Page;

async function readXlsx(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Every cell of a sheet left of a column: value and fill, by address. */
function cellsLeftOf(ws: ExcelJS.Worksheet, column: number) {
  const out: Record<string, unknown> = {};
  ws.eachRow((row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => void (c < column && (out[`${r},${c}`] = [cell.value, cell.style?.fill ?? null]))));
  return out;
}

async function download(name: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=download]")]);
  expect(dl.suggestedFilename()).toBe("staffordshire-schools-categorised.xlsx");
  const saved = join(artifacts, name);
  await dl.saveAs(saved);
  return saved;
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  pane = await openPanePage(undefined, { production: true });
  page = pane.page;
}, 240_000);

afterAll(async () => {
  await pane?.close();
});

describe("the task pane outside Office", () => {
  it("falls back to browser mode when Office.js cannot load", async () => {
    await pane.open();
    expect(pane.officeRequests()).toBe(1);
    expect(await page.getByText("Outside Excel: working on an uploaded copy").count()).toBe(1);
  });

  it("is usable from its first bundle alone, at most 150 KB gzipped", async () => {
    const first = readdirSync(pane.dist).filter((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f));
    expect(first).toHaveLength(1);
    // No other script may load: the ruleset picker (the bundled ruleset described) and Run are there all the same.
    const others = (url: URL) => url.pathname.endsWith(".js") && url.pathname !== `/${first[0]}`;
    let refused = 0;
    await page.route(others, (route) => (refused++, route.abort()));
    try {
      await pane.open();
      await page.getByText(/^Staffordshire.*version .*: \d+ categories, \d+ triggers/).waitFor();
      expect(await page.locator("#ruleset-select").isEnabled()).toBe(true);
      expect(await page.locator("[data-testid=run]").count()).toBe(1);
      // The results' chunk is asked for once the pane is on screen.
      for (let i = 0; i < 100 && !refused; i++) await page.waitForTimeout(50);
      expect(refused).toBeGreaterThan(0);
    } finally {
      await page.unroute(others);
    }
    await pane.open();
    expect(gzipSync(readFileSync(join(pane.dist, first[0]))).length).toBeLessThanOrEqual(150_000);
  });

  it("runs on an uploaded workbook and explains a school with its actual values", async () => {
    await page.setInputFiles("#workbook-file", example);
    await page.waitForFunction(() => (document.querySelector("#target-select") as HTMLSelectElement | null)?.value === "sheet:Schools");
    await page.selectOption("#ruleset-select", "bundled:staffordshire");
    expect(await page.locator("[data-testid=target-info]").innerText()).toMatch(/400 rows under the headers on row 1; \d+ of \d+ ruleset fields found \(fit \d+%\)\./);

    await page.click("[data-testid=run]");
    const message = page.locator("[data-testid=message]");
    await message.getByText(/Categorised [\d,]+ schools/).waitFor({ timeout: 30_000 });
    expect(await message.innerText()).toMatch(/D \d+ · C \d+ · B \d+ · (U \d+ · )?A \d+/);

    // Pick a high-concern school with triggers.
    const school = page.locator("[data-testid=school-list] [role=option][data-row]").filter({ has: page.locator(".fui-Badge", { hasText: /^D$/ }) }).filter({ hasText: /trigger/ }).first();
    const row = Number(await school.getAttribute("data-row"));
    await school.click();
    const explanation = page.locator("[data-testid=explanation]");
    await explanation.waitFor();
    const text = await explanation.innerText();
    expect(text).toContain(`row ${row}`);
    expect(text).toMatch(/Category\s+D High concern/);
    expect(text).toMatch(/Why\s+Category D High concern: .+\(actual [^)]+\)/);
    expect(text).toMatch(/Next action\s+\S/);
    await explanation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "addin.png"), fullPage: true });

    // The downloaded workbook: results headers, band fills, officer cells as uploaded.
    const original = await readXlsx(example);
    const result = await readXlsx(await download("addin-result.xlsx"));
    const ws = result.getWorksheet("Schools")!;
    const officerColumns = original.getWorksheet("Schools")!.columnCount;
    const headers = resultHeaders(ruleset).map((_, j) => ws.getCell(1, officerColumns + 1 + j).value);
    expect(headers).toEqual(resultHeaders(ruleset));
    const category = ws.getCell(row, officerColumns + 1);
    expect(String(category.value)).toMatch(/^D High concern/);
    expect((category.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(argb(ruleset.styles.bands.D.fill));
    // Officer values never change; their fills change only where a trigger fired.
    const before = cellsLeftOf(original.getWorksheet("Schools")!, officerColumns + 1);
    const after = cellsLeftOf(ws, officerColumns + 1);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // Trigger colours, and the watch colour of a near miss.
    const severityFills = [...Object.values(ruleset.styles.severities), watchStyle(ruleset)].map((s) => argb(s.fill));
    let triggerFilled = 0;
    for (const [k, [value, fill]] of Object.entries(after) as [string, [unknown, ExcelJS.FillPattern | null]][]) {
      expect([k, value]).toEqual([k, (before[k] as unknown[])[0]]);
      if (fill && JSON.stringify(fill) !== JSON.stringify((before[k] as unknown[])[1])) {
        expect(severityFills).toContain(fill.fgColor?.argb);
        triggerFilled++;
      }
    }
    expect(triggerFilled).toBeGreaterThan(0);
    expect(result.getWorksheet(SUMMARY_SHEET)).toBeDefined();
    expect(result.getWorksheet(STORE_SHEET)?.state).toBe("veryHidden");
  });

  it("shows the local authority summary beside national figures, and charts it", async () => {
    const panel = page.locator("[data-testid=la-summary]");
    await panel.waitFor();
    // The same measures the engine gives for the example workbook (Ofsted grades do not depend on the run date).
    const wb = await readXlsx(example);
    const expected = laSummary(await categorise(sourceFromExcelJS(wb), ruleset, { asOf: "2026-11-23" }), ruleset)!;
    const rows = await panel.locator("[data-testid=la-measures] tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-measure"), ...Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)]),
    );
    const pct = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)}%`);
    const rating = (r: string | null) => (r ? r[0].toUpperCase() + r.slice(1) : "no national figure");
    expect(rows).toEqual(expected.measures.map((m) => [m.id, m.label, pct(m.value), pct(m.national), rating(m.rag)]));
    expect(expected.measures.some((m) => m.rag)).toBe(true);
    expect(await panel.innerText()).toContain(`National: ${expected.source}`);

    // Risk chart: an authority bar in its rating's colour beside a grey national bar, lengths in proportion.
    const bars = async (chart: string) =>
      page.locator(`[data-testid=chart-${chart}] rect`).evaluateAll((rects) =>
        rects.map((r) => ({ series: r.getAttribute("data-series"), category: r.getAttribute("data-category"), value: r.getAttribute("data-value"), fill: r.getAttribute("fill"), width: Number(r.getAttribute("width")), title: r.querySelector("title")?.textContent })),
      );
    const risk = await bars("risk");
    const measured = expected.measures.filter((m) => m.value !== null);
    expect(risk.filter((b) => b.series === "Local authority").map((b) => [b.category, Number(b.value), b.fill])).toEqual(
      measured.map((m) => [m.label, m.value, m.rag ? RAG_STYLES[m.rag].fill : "#5B9BD5"]),
    );
    expect(risk.filter((b) => b.series === "National").map((b) => [b.category, b.value === "" ? null : Number(b.value)])).toEqual(measured.map((m) => [m.label, m.national]));
    const good = risk.find((b) => b.series === "Local authority" && b.category === "% of schools good or better")!;
    const inadequate = risk.find((b) => b.series === "Local authority" && b.category === "% of schools inadequate")!;
    expect(good.width / inadequate.width).toBeCloseTo(Number(good.value) / Number(inadequate.value), 5);
    expect(good.title).toBe(`% of schools good or better, Local authority: ${Number(good.value).toFixed(1)}%`);

    // Band charts: the counts are the Category column of the downloaded workbook, overall and by district.
    const result = (await readXlsx(join(artifacts, "addin-result.xlsx"))).getWorksheet("Schools")!;
    const officerColumns = wb.getWorksheet("Schools")!.columnCount;
    const header = (result.getRow(1).values as unknown[]).map(String);
    const districtColumn = header.indexOf("District");
    expect(districtColumn).toBeGreaterThan(0);
    const written: Record<string, number> = {};
    result.eachRow((row, r) => {
      if (r === 1) return;
      const band = String(row.getCell(officerColumns + 1).value).split(" ")[0];
      const district = String(row.getCell(districtColumn).value ?? "(blank)");
      for (const key of [`All schools|${band}`, `${district}|${band}`]) written[key] = (written[key] ?? 0) + 1;
    });
    const drawn: Record<string, number> = {};
    for (const b of [...(await bars("bands")), ...(await bars("bands-district"))]) drawn[`${b.category}|${b.series!.split(" ")[0]}`] = Number(b.value);
    expect(drawn).toEqual(written);
    const bandFills = (await bars("bands")).map((b) => [b.series!.split(" ")[0], b.fill]);
    for (const [band, fill] of bandFills) expect(fill).toBe(ruleset.styles.bands[band!].fill);
    expect(await page.locator("[data-testid=chart-bands-phase] rect").count()).toBeGreaterThan(0);

    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(artifacts, "addin-summary.png") });
  });

  it("re-runs idempotently, and Clear gives back the workbook as uploaded", async () => {
    const first = await readXlsx(join(artifacts, "addin-result.xlsx"));
    await page.click("[data-testid=run]");
    await page.locator("[data-testid=message]").getByText(/Categorised/).waitFor();
    const second = await readXlsx(await download("addin-rerun.xlsx"));
    const all = (wb: ExcelJS.Workbook) => cellsLeftOf(wb.getWorksheet("Schools")!, 1000);
    expect(all(second)).toEqual(all(first));

    await page.click("[data-testid=clear]");
    await page.locator("[data-testid=message]").getByText("Results cleared").waitFor();
    const cleared = await readXlsx(await download("addin-cleared.xlsx"));
    const original = await readXlsx(example);
    expect(all(cleared)).toEqual(all(original));
    expect(cleared.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
    expect(pane.pageErrors).toEqual([]);
  });
});
