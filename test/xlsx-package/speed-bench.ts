// Benchmark: patchWorkbook on a 24,000-row x 40-column sheet with 7 result columns, against a bare
// unzip + zip of the same file (fflate) and an ExcelJS load + save. Run: npx tsx test/xlsx-package/speed-bench.ts [rows]
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { patchWorkbook } from "../../hosts/xlsx-package";
import { bigWorkbook, runEdits } from "./big-workbook";

function time<T>(label: string, f: () => T, runs = 3): T {
  let result!: T;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = f();
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(34)} ${Math.min(...ms).toFixed(0).padStart(6)} ms (best of ${runs})`);
  return result;
}

async function main() {
  const rows = Number(process.argv[2] ?? 24000);
  const input = await bigWorkbook(rows);
  const sheetSize = unzipSync(input)["xl/worksheets/sheet1.xml"].length;
  console.log(`${rows} rows x 40 columns: ${(input.length / 1e6).toFixed(1)} MB file, sheet XML ${(sheetSize / 1e6).toFixed(1)} MB`);
  const edits = runEdits(rows);
  time("unzip + zip (fflate, level 6)", () => zipSync(unzipSync(input), { level: 6 }));
  const out = time("patchWorkbook (7 columns + fills)", () => patchWorkbook(input, edits));
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  await wb.xlsx.writeBuffer();
  console.log(`${"ExcelJS load + save (no edits)".padEnd(34)} ${(performance.now() - t).toFixed(0).padStart(6)} ms (one run)`);
  console.log(`output ${(out.length / 1e6).toFixed(1)} MB`);
}

void main();
