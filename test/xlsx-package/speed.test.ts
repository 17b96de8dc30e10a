// Speed: patching a big sheet costs a small multiple of unzipping and zipping the file, and less than
// ExcelJS's load and save. The full-size figures come from speed-bench.ts (24,000 rows).
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { patchWorkbook } from "../../hosts/xlsx-package";
import { bigWorkbook, runEdits } from "./big-workbook";

const ROWS = 6000;

function best(f: () => unknown, runs = 3): number {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

test(`patching ${ROWS} rows x 40 columns with 7 result columns is a small multiple of unzip + zip`, async () => {
  const input = await bigWorkbook(ROWS);
  const edits = runEdits(ROWS);
  const bare = best(() => zipSync(unzipSync(input), { level: 6 }));
  const patch = best(() => patchWorkbook(input, edits));
  const t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(input as unknown as ArrayBuffer);
  await wb.xlsx.writeBuffer();
  const exceljs = performance.now() - t;
  expect(patch).toBeLessThan(5 * bare);
  expect(patch).toBeLessThan(exceljs);
}, 120_000);
