// The browser-mode host in Node (ExcelJS works the same there): run, re-run, officer data beyond
// the results left alone, Clear back to the uploaded workbook, stored ruleset round trip.
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { parseRuleset, STORE_SHEET, SUMMARY_SHEET } from "../../engine";
import { BrowserHost } from "../../addin/browser-host";

const root = join(__dirname, "..", "..");
const ruleset = parseRuleset(readFileSync(join(root, "rules", "staffordshire.json"), "utf8"));
const noProgress = () => undefined;

async function open(host: BrowserHost) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await (await host.download()).arrayBuffer());
  return wb;
}
const cells = (wb: ExcelJS.Workbook, sheet = "Schools") => {
  const out: Record<string, unknown> = {};
  wb.getWorksheet(sheet)!.eachRow((row, r) => row.eachCell((cell, c) => void (out[`${r},${c}`] = [cell.value, cell.style?.fill ?? null])));
  return out;
};

describe("BrowserHost", () => {
  const bytes = readFileSync(join(root, "examples", "staffordshire-schools.xlsx"));
  const upload = () => BrowserHost.open(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, "staffordshire-schools.xlsx");

  it("finds the Schools sheet, runs idempotently, leaves later officer notes alone and clears back to the upload", async () => {
    const host = await upload();
    const original = await open(host);
    const targets = await host.listTargets();
    expect(targets.map((t) => t.sheet)).toEqual(["Schools", "Core group meetings", "Notices"]);

    const first = await host.run(targets[0], ruleset, noProgress);
    const once = cells(await open(host));
    expect(once[`1,${first.plan.firstColumn}`]).toEqual(["Category", expect.anything()]);
    await host.run(targets[0], ruleset, noProgress);
    expect(cells(await open(host))).toEqual(once);

    // An officer's note two columns right of the results, typed after the run (in Excel, then uploaded again).
    const noted = await open(host);
    const noteColumn = first.plan.firstColumn + first.plan.headers.length + 1;
    noted.getWorksheet("Schools")!.getCell(7, noteColumn).value = "call the head";
    const again = await BrowserHost.open((await noted.xlsx.writeBuffer()) as ArrayBuffer, "noted.xlsx");
    await again.run(targets[0], ruleset, noProgress);
    expect((await open(again)).getWorksheet("Schools")!.getCell(7, noteColumn).value).toBe("call the head");

    expect(await again.clear(targets[0])).toMatch(/Cleared the results on 'Schools' and restored [\d,]+ cell colours/);
    const cleared = await open(again);
    expect(cleared.getWorksheet("Schools")!.getCell(7, noteColumn).value).toBe("call the head");
    cleared.getWorksheet("Schools")!.getCell(7, noteColumn).value = null;
    expect(cells(cleared)).toEqual(cells(original));
    expect(cleared.getWorksheet(SUMMARY_SHEET)).toBeUndefined();
  });

  it("reads what the file's run record holds, as the pane offers Clear from it: nothing, then the run's sheet, then nothing after Clear", async () => {
    const host = await upload();
    const [schools] = await host.listTargets();
    expect(await host.recordedResults()).toEqual({ sheets: [], summary: null });
    await host.run(schools, ruleset, noProgress);
    expect(await host.recordedResults()).toEqual({ sheets: ["Schools"], summary: "Schools" });
    // Read from the file itself: the downloaded copy opened again holds the same record.
    const reopened = await BrowserHost.open(await (await host.download()).arrayBuffer(), "copy.xlsx");
    expect(await reopened.recordedResults()).toEqual({ sheets: ["Schools"], summary: "Schools" });
    await reopened.clear(schools);
    expect(await reopened.recordedResults()).toEqual({ sheets: [], summary: null });
  });

  it("stores the ruleset in a very hidden sheet that survives download", async () => {
    const host = await upload();
    expect(await host.readStoredRuleset()).toBeNull();
    const text = readFileSync(join(root, "rules", "warwickshire.json"), "utf8");
    await host.storeRuleset(text);
    const blob = await host.download();
    const again = await BrowserHost.open(await blob.arrayBuffer(), "again.xlsx");
    expect(await again.readStoredRuleset()).toBe(text);
    expect((await open(again)).getWorksheet(STORE_SHEET)?.state).toBe("veryHidden");
    expect((await again.listTargets()).map((t) => t.sheet)).not.toContain(STORE_SHEET);
  });
});
