// Benchmark on a 24,000-row x 40-column sheet, all in one run: readWorkbookValues against an ExcelJS
// load of the same bytes; the writer (readCellFills for the cells a run colours, then patchWorkbook
// with 7 result columns and fills) against a bare unzip + zip (fflate) and an ExcelJS load + save;
// and read + write together (a run's file I/O, the engine aside) against ExcelJS load + save.
// Run: npx tsx test/xlsx-package/speed-bench.ts [rows]
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { patchWorkbook, readCellFills, readWorkbookValues } from "../../hosts/xlsx-package";
import { bigWorkbook, runEdits } from "./big-workbook";

function report(label: string, ms: number[]): number {
  const best = Math.min(...ms);
  console.log(`${label.padEnd(38)} ${best.toFixed(0).padStart(6)} ms (best of ${ms.length})`);
  return best;
}

function time<T>(label: string, f: () => T, runs = 3): { result: T; ms: number } {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = f();
    ms.push(performance.now() - t);
  }
  return { result, ms: report(label, ms) };
}

async function timeAsync(label: string, f: () => Promise<unknown>, runs = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return report(label, ms);
}

async function main() {
  const rows = Number(process.argv[2] ?? 24000);
  const input = await bigWorkbook(rows);
  const sheetSize = unzipSync(input)["xl/worksheets/sheet1.xml"].length;
  console.log(`${rows} rows x 40 columns: ${(input.length / 1e6).toFixed(1)} MB file, sheet XML ${(sheetSize / 1e6).toFixed(1)} MB`);
  const edits = runEdits(rows);

  const read = time("readWorkbookValues", () => readWorkbookValues(input)).ms;
  const load = await timeAsync("ExcelJS load", async () => new ExcelJS.Workbook().xlsx.load(input as unknown as ArrayBuffer));
  console.log(`${"  reader / ExcelJS load".padEnd(38)} ${(read / load).toFixed(2).padStart(6)}`);

  time("unzip + zip (fflate, level 6)", () => zipSync(unzipSync(input), { level: 6 }));
  // The cells a run colours without writing a value: their fills are read first, to be put back later.
  const coloured = edits.sheets![0].cells.filter((c) => c.value === undefined).map(({ row, column }) => ({ row, column }));
  const fills = time(`readCellFills (${coloured.length.toLocaleString("en-GB")} cells)`, () => readCellFills(input, "Schools", coloured)).ms;
  const { result: out, ms: patch } = time("patchWorkbook (7 columns + fills)", () => patchWorkbook(input, edits));
  console.log(`${"  writer (readCellFills + patchWorkbook)".padEnd(38)} ${(fills + patch).toFixed(0).padStart(6)} ms`);
  const excel = await timeAsync("ExcelJS load + save (no edits)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(input as unknown as ArrayBuffer);
    await wb.xlsx.writeBuffer();
  });
  console.log(`${"  writer / ExcelJS load + save".padEnd(38)} ${((fills + patch) / excel).toFixed(2).padStart(6)}`);
  console.log(`${"  (read + write) / ExcelJS load + save".padEnd(38)} ${((read + fills + patch) / excel).toFixed(2).padStart(6)}`);
  const outSheet = unzipSync(out)["xl/worksheets/sheet1.xml"].length;
  console.log(`output ${(out.length / 1e6).toFixed(1)} MB, sheet XML ${(outSheet / 1e6).toFixed(1)} MB`);
}

void main();
