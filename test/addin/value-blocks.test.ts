// Cutting results values into write requests: each block's JSON, as Office.js would send it,
// measured against the budget, whatever the order of long and short rows; a row too big alone cut
// by columns; a cell too big alone refused, named, before anything is written.
import { NotWrittenError } from "../../engine";
import { valueBlocks, type OfficeCell, type ValueBlock } from "../../hosts/office/value-blocks";

const utf8 = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/** What a block sends: its values, and the number formats of the columns that have one in it. */
function sent(cells: OfficeCell[][], b: ValueBlock): number {
  const rows = cells.slice(b.top, b.top + b.rows).map((r) => r.slice(b.left, b.left + b.columns));
  let bytes = utf8(rows.map((r) => r.map((c) => c.value)));
  for (let j = 0; j < b.columns; j++) if (rows.some((r) => r[j].format)) bytes += utf8(rows.map((r) => [r[j].format ?? "General"]));
  return bytes;
}

/** Every cell in exactly one block, in order. */
function covered(cells: OfficeCell[][], blocks: ValueBlock[]): boolean {
  const seen = cells.map((r) => r.map(() => 0));
  for (const b of blocks) for (let i = b.top; i < b.top + b.rows; i++) for (let j = b.left; j < b.left + b.columns; j++) seen[i][j]++;
  return seen.every((r) => r.every((n) => n === 1));
}

const describe0 = (i: number, j: number) => `R${i}C${j}`;

describe("value blocks", () => {
  const dated = (i: number): OfficeCell => (i % 3 ? { value: "" } : { value: 45000 + i, format: "dd/mm/yyyy" });
  /** Rows of short text, then rows of long text with quotes, accents and line breaks. */
  const rows = (n: number, longFrom: number) =>
    Array.from({ length: n }, (_, i) => [
      { value: `Band ${i % 4}` },
      dated(i),
      { value: i >= longFrom ? `Reason "${i}" – é\n`.repeat(40) : "Annual review" },
    ]);

  it("keeps every block within the budget when the long rows come last", () => {
    const cells = rows(2_000, 1_500);
    const blocks = valueBlocks(cells, 3, { maxRows: 5_000, budget: 60_000, describe: describe0 });
    expect(covered(cells, blocks)).toBe(true);
    for (const b of blocks) expect(sent(cells, b)).toBeLessThanOrEqual(60_000);
    // Short rows go in few blocks; long rows in as many as their bytes need, not more.
    const total = blocks.reduce((n, b) => n + sent(cells, b), 0);
    expect(blocks.length).toBeLessThanOrEqual(Math.ceil(total / 50_000) + 1);
    expect(blocks.filter((b) => b.top < 1_500).length).toBeLessThanOrEqual(2);
  });

  it("keeps to the row limit however short the rows", () => {
    const cells = rows(12_000, Infinity);
    const blocks = valueBlocks(cells, 3, { maxRows: 5_000, describe: describe0 });
    expect(blocks.map((b) => b.rows)).toEqual([5_000, 5_000, 2_000]);
  });

  it("cuts a row too big for one request into runs of its columns", () => {
    const long = (j: number): OfficeCell => ({ value: `${j}`.padEnd(3_000, "€") });
    const cells = [[{ value: "short" }, { value: "row" }, { value: "" }, { value: "" }], [0, 1, 2, 3].map(long), [{ value: "after" }, { value: "" }, { value: "" }, { value: "" }]];
    const blocks = valueBlocks(cells, 4, { maxRows: 5_000, budget: 20_000, describe: describe0 });
    expect(covered(cells, blocks)).toBe(true);
    for (const b of blocks) expect(sent(cells, b)).toBeLessThanOrEqual(20_000);
    expect(blocks).toEqual([
      { top: 0, rows: 1, left: 0, columns: 4 },
      { top: 1, rows: 1, left: 0, columns: 2 },
      { top: 1, rows: 1, left: 2, columns: 2 },
      { top: 2, rows: 1, left: 0, columns: 4 },
    ]);
  });

  it("refuses a cell too big for one request, naming it, before anything is sent", () => {
    const cells = [[{ value: "ok" }], [{ value: "x".repeat(25_000) }]];
    const cut = () => valueBlocks(cells, 1, { maxRows: 5_000, budget: 20_000, describe: (i, j) => `'Reasons' (P${i + 4}, column ${j})` });
    expect(cut).toThrow(NotWrittenError);
    expect(cut).toThrow("The results cell 'Reasons' (P5, column 0) holds 26 KB, more than one request to Excel may carry (20 KB), so no results were written.");
  });
});
