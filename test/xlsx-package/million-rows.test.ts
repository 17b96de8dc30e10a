// 1,048,576 rows x 3 columns, Excel's every row, are read within a 4 GB heap, in a process of its own
// (million-rows.ts). The time and the memory are printed for the record.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

test("a sheet of 1,048,576 rows x 3 columns is read within a 4 GB heap", () => {
  const script = join(__dirname, "million-rows.ts");
  const out = execFileSync(process.execPath, ["--max-old-space-size=4096", "--import", "tsx", script], { cwd: join(__dirname, "../.."), encoding: "utf8", timeout: 280_000 });
  const result = JSON.parse(out.trim().split("\n").pop()!);
  console.log(`1,048,576 rows x 3 columns: ${JSON.stringify(result)}`);
  expect(result).toMatchObject({ firstRow: 1, rows: 1048576, width: 3, head: [["URN", "Name", "Score"], [2, "School 2", 1.4], [3, "School 3", 2.1]], last: [1048576, "School 76", 3.2] });
  expect(result.readMs).toBeLessThan(120_000);
}, 300_000);
