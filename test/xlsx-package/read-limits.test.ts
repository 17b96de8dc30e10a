// Hostile files: a zip bomb is refused from the sizes it declares, before anything is inflated; one
// that lies about its size is stopped as soon as it expands past it; a big but allowed part is read
// piece by piece, never held whole. Every refusal is a PackageError in plain words.
import { packageInfo, PackageError, patchWorkbook, readCellFills, readWorkbookValues } from "../../hosts/xlsx-package";
import { checkTotalSize, PART_LIMITS } from "../../hosts/xlsx-package/part-limits";
import type { ZipEntry } from "../../hosts/xlsx-package/zip-read";
import { rawWorkbook, row } from "./raw-workbook";
import { spacesDeflate, withRawPart } from "./zip-bomb";

const SHEET = "xl/worksheets/sheet1.xml";
const HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const TAIL = "</sheetData></worksheet>";
const MB = 1024 * 1024;

const book = () => rawWorkbook({ sheets: [{ name: "Bomb", sheetData: row(1, [["A1", "", "<v>1</v>"]]) }] });

function errorOf(f: () => unknown): PackageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PackageError);
    return e as PackageError;
  }
  throw new Error("no error");
}

/** Runs f, returning how long it took and how much more memory the process held at most meanwhile. */
function measure(f: () => void): { ms: number; grewMB: number } {
  const before = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss - before.rss, m.arrayBuffers - before.arrayBuffers);
  };
  const t = performance.now();
  f();
  sample();
  return { ms: performance.now() - t, grewMB: peak / MB };
}

describe("zip bombs", () => {
  const spaces = 1.5e9;
  let raw: Uint8Array;
  beforeAll(() => {
    raw = spacesDeflate(HEAD, spaces, TAIL);
  });

  test("a sheet that expands to 1.5 GB (from 9 MB) is refused from its declared size, before inflating", () => {
    const bytes = withRawPart(book(), SHEET, raw, HEAD.length + spaces + TAIL.length);
    const { ms, grewMB } = measure(() => {
      const message = `The workbook's part ${SHEET} expands to 1,431 MB, more than this tool will read (1,024 MB); is it really a workbook?`;
      expect(errorOf(() => readWorkbookValues(bytes)).message).toBe(message);
      expect(errorOf(() => readCellFills(bytes, "Bomb", [{ row: 1, column: 1 }])).message).toBe(message);
      expect(errorOf(() => patchWorkbook(bytes, { sheets: [{ sheet: "Bomb", cells: [{ row: 1, column: 2, value: 1 }] }] })).message).toBe(message);
    });
    expect(packageInfo(bytes).sheets.map((s) => s.name)).toEqual(["Bomb"]);
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(100);
  });

  test("the same sheet declaring 10 MB is stopped as soon as it expands past 10 MB, by the reader and the writer", () => {
    const bytes = withRawPart(book(), SHEET, raw, 10 * MB);
    const { ms, grewMB } = measure(() => {
      const message = `The workbook's part ${SHEET} expands to more than the 10 MB its zip directory declares, so this tool stopped reading it; the file is damaged, or is it really a workbook?`;
      expect(errorOf(() => readWorkbookValues(bytes)).message).toBe(message);
      expect(errorOf(() => readCellFills(bytes, "Bomb", [{ row: 1, column: 1 }])).message).toBe(message);
    });
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(200);
  });

  test("a part over 100 MB that would expand more than 200 times is refused from its declared sizes", () => {
    const small = spacesDeflate(HEAD, 1000, TAIL);
    const bytes = withRawPart(book(), SHEET, small, 150 * MB);
    expect(errorOf(() => readWorkbookValues(bytes)).message).toBe(
      `The workbook's part ${SHEET} expands to 150 MB from 1 MB, far more than a workbook's parts compress, so this tool will not read it; is it really a workbook?`,
    );
  });

  test("parts that together would expand beyond 2 GB are refused", () => {
    const part = (name: string) => ({ name, method: 8, size: 800 * MB, compressedSize: 100 * MB }) as ZipEntry;
    expect(() => checkTotalSize([part("a"), part("b")])).not.toThrow();
    expect(() => checkTotalSize([part("a"), part("b"), part("c")])).toThrow(
      new PackageError("The workbook's parts expand to 2,400 MB together, more than this tool will read (2,048 MB); is it really a workbook?"),
    );
    expect(PART_LIMITS).toEqual({ part: 1024 * MB, total: 2048 * MB, ratio: 200, ratioAbove: 100 * MB });
  });

  test("a sheet within the limits, 400 MB of spaces from 2.5 MB, is read piece by piece, never held whole", () => {
    const allowed = 400e6;
    const head = HEAD + row(1, [["A1", "", "<v>7</v>"]]);
    const bytes = withRawPart(book(), SHEET, spacesDeflate(head, allowed, TAIL), head.length + allowed + TAIL.length);
    let grid;
    const { grewMB } = measure(() => (grid = readWorkbookValues(bytes).sheets.get("Bomb")));
    expect(grid).toMatchObject({ rows: [[7]] });
    expect(grewMB).toBeLessThan(200);
  });
});
