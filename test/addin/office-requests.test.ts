// The Office host's requests at the size of a large authority: 24,000 generated schools sorted by
// band (the long reasons of the schools of most concern together), with 2,000 characters of
// officer notes on every row, read, categorised and written through the fake Excel with every
// request and response at most 4 MB; the officer's own fills read in three requests and put back
// by Clear. Then the edge cases: a row too big for one request, a read Excel refuses for its size.
import { buildOutputPlan, categorise, type CellRef, type CellStyle, type FillSnapshot, type OutputPlan } from "../../engine";
import { clearResults, readWorkbook, writeResults, type OfficeRead } from "../../hosts/office";
import { dateToSerial } from "../../hosts/office/office-values";
import { readRects } from "../../hosts/office/read";
import { readFills } from "../../hosts/office/styles";
import { AS_OF, bandSortedWorkbook, NOTES_HEADER, officerNote } from "./band-sorted";
import { FakeExcel, type FakeCell, type SyncStat } from "./fake-excel";
import { schoolsSheet, syntheticPlan } from "./synthetic";

/** The ceiling every request and response keeps to (Excel on the web refuses over 5 MB). */
const FOUR_MB = 4_000_000;
const ROWS = 24_000;
const NOTES = 2_000;
const SHEET = { kind: "sheet", sheet: "Schools" } as const;

const within = (syncs: SyncStat[]) => syncs.filter((s) => s.requestBytes > FOUR_MB || s.responseBytes > FOUR_MB);
/** A cell's fill as the run record keeps it. */
const fillOf = (c: FakeCell): FillSnapshot =>
  !c.fill.color ? { color: null } : c.fill.pattern === "Solid" ? { color: c.fill.color } : { color: c.fill.color, pattern: c.fill.pattern, patternColor: c.fill.patternColor ?? "#000000" };
const fills = (xl: FakeExcel) => [...xl.sheet("Schools").cells].filter(([, c]) => c.fill.color).map(([k, c]) => [k, c.fill] as const).sort(([a], [b]) => (a < b ? -1 : 1));

describe(`${ROWS.toLocaleString("en-GB")} schools sorted by band, with ${NOTES.toLocaleString("en-GB")}-character notes`, () => {
  let xl: FakeExcel;
  let read: OfficeRead;
  let plan: OutputPlan;
  let readSyncs: SyncStat[];
  let pristineFills: ReturnType<typeof fills>;
  let notesColumn: number;
  let officerCells: CellRef[];

  beforeAll(async () => {
    const book = await bandSortedWorkbook(ROWS, NOTES, "A-first");
    xl = book.xl;
    const sheet = xl.sheet("Schools");
    notesColumn = sheet.grid({ row1: 0, col1: 0, row2: 0, col2: 30 })[0].findIndex((c) => c.value === NOTES_HEADER);
    read = await readWorkbook(xl.context, SHEET, book.historySheets);
    readSyncs = [...xl.syncs];
    const result = await categorise(read.source, book.ruleset, { sheet: "Schools", asOf: AS_OF, store: read.store });
    plan = buildOutputPlan(result, book.ruleset);

    // The officer's own colours where triggers will paint: every 500th such cell, one patterned, and
    // 500 rows of one column in yellow (put on now: fills are not read with the values).
    officerCells = plan.styles.flatMap((g) => g.cells).filter((c) => c.column < plan.firstColumn);
    const paint = (row: number, column: number, fill: FakeCell["fill"]) => sheet.edit(row - 1, column - 1, (c) => (c.fill = fill));
    officerCells.forEach((c, i) => i % 500 === 0 && paint(c.row, c.column, { color: "#00B0F0", pattern: "Solid", patternColor: null }));
    paint(officerCells[777].row, officerCells[777].column, { color: "#92D050", pattern: "LightUp", patternColor: "#FF0000" });
    const middle = officerCells[Math.floor(officerCells.length / 2)];
    for (let r = middle.row - 250; r < middle.row + 250; r++) paint(r, middle.column, { color: "#FFFF00", pattern: "Solid", patternColor: null });
    pristineFills = fills(xl);
  }, 180_000);

  it("reads the sheet in responses of at most 4 MB, every note whole", () => {
    expect(within(readSyncs)).toEqual([]);
    expect(xl.refusals).toBe(0);
    const data = read.source.readSheet("Schools")!;
    expect(data.rows).toHaveLength(ROWS);
    const urns = data.rows.map((r) => r[0] as number);
    expect(data.rows.map((r) => r[notesColumn])).toEqual(urns.map((u) => officerNote(u, NOTES)));
    // About 60 MB read: it takes many requests, none of them near the limit.
    const total = readSyncs.reduce((n, s) => n + s.responseBytes, 0);
    expect(total).toBeGreaterThan(50_000_000);
    expect(readSyncs.length).toBeLessThan(total / 1_500_000 + 5);
  });

  it("reads the officer's own fills under the trigger colours in three small requests (cell by cell took 13 and 27.6 MB)", async () => {
    expect(officerCells.length).toBeGreaterThan(20_000);
    const before = xl.syncCount;
    const got = await readFills(xl.context, xl.context.workbook.worksheets.getItem("Schools"), officerCells);
    const syncs = xl.syncs.slice(before);
    const sheet = xl.sheet("Schools");
    expect(got).toEqual(officerCells.map((c) => fillOf(sheet.cell(c.row - 1, c.column - 1))));
    expect(got.filter((f) => f.color === "#00B0F0").length).toBeGreaterThan(30);
    expect(got.filter((f) => f.color === "#FFFF00").length).toBeGreaterThan(0);
    expect(got[777]).toEqual({ color: "#92D050", pattern: "LightUp", patternColor: "#FF0000" });
    // One request asks each column's segments of 500 rows for their fill, one asks the 25-row
    // segments of those whose fills differ, one reads the cells of the short segments still mixed.
    expect(syncs).toHaveLength(3);
    expect(syncs.reduce((n, s) => n + s.responseBytes, 0)).toBeLessThan(500_000);
  });

  it("writes in requests of at most 4 MB; the sheet holds the plan; Clear puts the officer's fills back", async () => {
    const before = xl.syncCount;
    const report = await writeResults(xl.context, plan, read);
    const write = xl.syncs.slice(before);
    expect(within(write)).toEqual([]);
    expect(xl.refusals).toBe(0);
    // The long reasons of the schools of most concern come last: blocks are cut by what they hold.
    expect(report.valueBlocks).toBeGreaterThanOrEqual(5);
    expect(Math.max(...write.map((s) => s.requestBytes))).toBeGreaterThan(3_000_000);

    const sheet = xl.sheet("Schools");
    plan.values.forEach((row, i) =>
      row.forEach((v, j) => expect(sheet.cell(plan.headerRow + i, plan.firstColumn - 1 + j).value).toEqual(v === null ? "" : v instanceof Date ? dateToSerial(v) : v)),
    );
    const styleOf = new Map<string, CellStyle>();
    for (const g of plan.styles) for (const c of g.cells) styleOf.set(`${c.row - 1},${c.column - 1}`, g.style);
    for (const [k, style] of styleOf) {
      const [r, c] = k.split(",").map(Number);
      expect(sheet.cell(r, c).fill.color).toBe(style.fill!.toUpperCase());
    }

    await clearResults(xl.context, SHEET);
    expect(fills(xl)).toEqual(pristineFills);
    expect(within(xl.syncs)).toEqual([]);
  }, 180_000);
});

describe("a row too big for one request", () => {
  const COLUMNS = 60;
  /** 32,767 characters of three UTF-8 bytes each: about 98 KB a cell, 5.9 MB the row. */
  const long = (j: number) => `${j}`.padEnd(32_767, "€");

  it("is written in pieces of columns, each at most 4 MB", async () => {
    const xl = new FakeExcel();
    schoolsSheet(xl, 1);
    const base = syntheticPlan(1);
    const headers = Array.from({ length: COLUMNS }, (_, j) => `Note ${j + 1}`);
    const plan: OutputPlan = { ...base, headers, columnWidths: headers.map(() => 20), values: [headers.map((_, j) => long(j))], styles: [] };
    const read = await readWorkbook(xl.context, SHEET);
    const before = xl.syncCount;
    const report = await writeResults(xl.context, plan, read);
    expect(report.valueBlocks).toBe(2);
    expect(within(xl.syncs.slice(before))).toEqual([]);
    const cells = xl.sheet("Schools").grid({ row1: plan.headerRow, col1: plan.firstColumn - 1, row2: plan.headerRow, col2: plan.firstColumn - 2 + COLUMNS })[0];
    expect(cells.map((c) => c.value)).toEqual(headers.map((_, j) => long(j)));
  });

  it("is read back in halves of its columns after Excel refuses it whole", async () => {
    const xl = new FakeExcel();
    xl.addSheet("Notes").put(0, 0, [Array.from({ length: COLUMNS }, (_, j) => long(j))]);
    const [grid] = await readRects(xl.context, [{ sheet: "Notes", rowIndex: 0, columnIndex: 0, rowCount: 1, columnCount: COLUMNS }], false);
    expect(grid).toEqual([Array.from({ length: COLUMNS }, (_, j) => long(j))]);
    expect(xl.refusals).toBe(1);
    expect(xl.syncs).toHaveLength(2);
    expect(within(xl.syncs)).toEqual([]);
  });
});

describe("reading rows far longer than the first guess", () => {
  it("measures again with a small block after a refusal, then reads in blocks of at most 4 MB", async () => {
    const xl = new FakeExcel();
    const text = (i: number, j: number) => `${i}:${j} `.padEnd(30_000, "x");
    const rows = Array.from({ length: 300 }, (_, i) => [text(i, 0), text(i, 1)]);
    xl.addSheet("Long").put(0, 0, rows);
    const [grid] = await readRects(xl.context, [{ sheet: "Long", rowIndex: 0, columnIndex: 0, rowCount: 300, columnCount: 2 }], true);
    expect(grid).toEqual(rows);
    // 18 MB: the whole sheet, guessed small, is refused once; then about 2 MB at a time.
    expect(xl.refusals).toBe(1);
    expect(within(xl.syncs)).toEqual([]);
    expect(xl.syncs.length).toBeLessThanOrEqual(12);
  });
});
