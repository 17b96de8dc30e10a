// A whole Excel sheet through the engine: a header row and 1,048,575 generated schools (Excel's
// 1,048,576 rows), categorised with the results handed over row by row (RunOptions.onRow) and
// folded into counts, so no school's result is kept. Prints the time and the peak heap as JSON.
// `BENCH_SCALE=1 npm run bench` runs it in a process of its own with a 4 GB heap
// (--max-old-space-size=4096); BENCH_SCALE_ROWS changes the row count.
import * as fs from "node:fs";
import { categorise, parseRuleset, type SheetData, type WorkbookSource } from "../engine";
import { syntheticSchools } from "./synthetic-schools";
import { STAFFORDSHIRE } from "./root";

const ROWS = Number(process.env.BENCH_SCALE_ROWS ?? 1_048_575);
const MB = 1024 * 1024;

async function main() {
  const ruleset = parseRuleset(fs.readFileSync(STAFFORDSHIRE, "utf8"));
  let started = performance.now();
  // The generated rows are the sheet's rows as they are (full width), not copied as memorySource does.
  const sheets = new Map<string, SheetData>(Object.entries(syntheticSchools(ROWS)).map(([name, s]) => [name, { name, headers: s.headers, rows: s.rows, headerRow: 1, firstColumn: 1 }]));
  const source: WorkbookSource = { sheetNames: () => [...sheets.keys()], readSheet: (name) => sheets.get(name) };
  const generatedMs = performance.now() - started;
  const inputHeap = process.memoryUsage().heapUsed;

  let peak = inputHeap;
  let schools = 0;
  const bands = new Map<string, number>();
  const stages = new Map<string, number>();
  started = performance.now();
  const result = await categorise(source, ruleset, {
    asOf: "2026-11-20",
    onRow: (row) => {
      bands.set(row.band, (bands.get(row.band) ?? 0) + 1);
      const stage = row.escalation?.stage ?? "none";
      stages.set(stage, (stages.get(stage) ?? 0) + 1);
      if (++schools % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  console.log(
    JSON.stringify({
      sheetRows: ROWS + 1,
      schools,
      keptRows: result.rows.length,
      generateSeconds: +(generatedMs / 1000).toFixed(1),
      seconds: +(ms / 1000).toFixed(1),
      rowsPerSecond: Math.round((schools / ms) * 1000),
      inputHeapMB: Math.round(inputHeap / MB),
      peakHeapMB: Math.round(peak / MB),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      bands: Object.fromEntries(bands),
      stages: Object.fromEntries(stages),
      warnings: result.warnings.length,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
