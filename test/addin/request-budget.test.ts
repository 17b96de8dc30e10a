// The request budget's measures against JSON.stringify's own bytes, and batches cut by estimated
// size sent again in halves when the fake Excel refuses one for its size, as Excel on the web does.
import { inBatches, jsonCellBytes, jsonGridBytes, jsonStringBytes } from "../../hosts/office/request-budget";
import { FakeExcel } from "./fake-excel";

const utf8 = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe("measuring JSON", () => {
  it("counts a string's UTF-8 bytes as JSON, quotes and escapes included", () => {
    for (const s of ["", "plain", 'say "no"', "back\\slash", "line\nbreak\ttab", "café – £5", "控制", "\u0001"]) expect(jsonStringBytes(s)).toBe(utf8(s));
    // A character outside the BMP counts 6, its 4 bytes and a little over.
    expect(jsonStringBytes("😀")).toBe(utf8("😀") + 2);
    expect([1, 0.25, -3e-7, true, false, null].map(jsonCellBytes)).toEqual([1, 0.25, -3e-7, true, false, null].map(utf8));
    const grid = [["a", 1, true], ["é", null, 2.5]];
    expect(jsonGridBytes(grid)).toBe(utf8(grid));
  });
});

describe("batches", () => {
  it("go by the estimates, and a batch refused for its size goes again in halves", async () => {
    const xl = new FakeExcel();
    const sheet = xl.addSheet("Notes");
    const note = (i: number) => `${i} `.padEnd(1_000_000, "n");
    sheet.put(0, 0, Array.from({ length: 12 }, (_, i) => [note(i)]));
    const ws = xl.context.workbook.worksheets.getItem("Notes");
    const read: string[] = [];
    const rows = Array.from({ length: 12 }, (_, i) => i);
    const load = (i: number) => ws.getRangeByIndexes(i, 0, 1, 1).load("values");
    // Guessed at 100 KB each: all twelve in one batch, 12 MB, refused; then 6, 3 (refused), 3 and 3 ...
    const syncs = await inBatches(xl.context, rows, () => 100_000, load, (i, range) => (read[i] = range.values[0][0]));
    expect(read).toEqual(rows.map(note));
    expect(xl.refusals).toBeGreaterThan(0);
    expect(syncs).toBe(xl.syncs.length);
    for (const s of xl.syncs) expect(s.responseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    // Guessed right, they go four at a time and nothing is refused.
    const refusals = xl.refusals;
    expect(await inBatches(xl.context, rows, () => 990_000, load, () => undefined)).toBe(3);
    expect(xl.refusals).toBe(refusals);
  });

  it("give up on a single item refused", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Notes").put(0, 0, [["x".repeat(6_000_000)]]);
    const ws = xl.context.workbook.worksheets.getItem("Notes");
    await expect(inBatches(xl.context, [0], () => 1, (i) => ws.getRangeByIndexes(i, 0, 1, 1).load("values"), () => undefined)).rejects.toThrow(/ResponsePayloadSizeLimitExceeded/);
  });
});
