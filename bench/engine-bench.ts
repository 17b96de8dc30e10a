// npm run bench: 25,000 generated schools through the engine (mapping, coercion, derived facts,
// triggers, bands, stages and explanations) beside plain json-rules-engine on the same rules and
// facts; checks the two agree on every row. Also times the command line's file round trip of the
// same rows against a bare ExcelJS read and write of the file (BENCH_FILE_RUNS, default 3).
// BENCH_ROWS=n sets the row count; BENCH_RUNS=n times n engine runs after the warm-up and reports
// the median; BENCH_ENGINE_ONLY=1 skips json-rules-engine and the file round trip.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { categorise, parseRuleset } from "../engine";
import { memorySource } from "../engine";
import { referenceEngine } from "../engine/evaluate/json-rules-engine-reference";
import { openWorkbook, runOnFile } from "../hosts/file/run-and-clear";
import { syntheticSchools } from "./synthetic-schools";

const ROWS = Number(process.env.BENCH_ROWS ?? 25_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const ENGINE_ONLY = process.env.BENCH_ENGINE_ONLY === "1";
const FILE_RUNS = Math.max(1, Number(process.env.BENCH_FILE_RUNS ?? 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const AS_OF = "2026-11-20";

async function main() {
  const ruleset = parseRuleset(fs.readFileSync(path.resolve(__dirname, "../rules/staffordshire.json"), "utf8"));
  const data = syntheticSchools(ROWS);
  const source = memorySource(data);

  await categorise(source, ruleset, { asOf: AS_OF }); // warm-up
  const times: number[] = [];
  let result!: Awaited<ReturnType<typeof categorise>>;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await categorise(source, ruleset, { asOf: AS_OF });
    times.push(performance.now() - start);
  }
  const engineMs = [...times].sort((a, b) => a - b)[Math.floor((RUNS - 1) / 2)];
  const rate = (ms: number) => Math.round((result.rows.length / ms) * 1000).toLocaleString("en-GB");
  console.log(`Rows: ${result.rows.length.toLocaleString("en-GB")} (ruleset ${ruleset.id} ${ruleset.version}: ${ruleset.triggers.length} triggers, ${ruleset.bands.length} bands, ${ruleset.escalation?.length ?? 0} stages)`);
  const runs = RUNS > 1 ? ` (median of ${RUNS} runs: ${times.map((x) => x.toFixed(0)).join(", ")} ms)` : "";
  console.log(`Engine (map, coerce, derive, evaluate, explain): ${engineMs.toFixed(0)} ms = ${rate(engineMs)} rows/s${runs}`);
  if (ENGINE_ONLY) return;

  const reference = referenceEngine(ruleset);
  let t = performance.now();
  const outcomes: Awaited<ReturnType<typeof reference.run>>[] = [];
  for (const r of result.rows) outcomes.push(await reference.run(r.facts));
  const referenceMs = performance.now() - t;

  let mismatches = 0;
  result.rows.forEach((r, i) => {
    const o = outcomes[i];
    const same = o.band === r.ruleBand && o.stage === (r.escalation?.stage ?? null) && o.triggers.join() === r.triggers.map((x) => x.id).join();
    if (!same && mismatches++ < 5) console.error(`Mismatch on row ${r.row}:`, { engine: [r.ruleBand, r.triggers.map((x) => x.id), r.escalation?.stage], reference: o });
  });

  // The file path an analyst takes: read, categorise, write the copy (the command line's round
  // trip), beside a bare ExcelJS read and write of the same file, timed in turn, medians.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const input = path.join(dir, "schools.xlsx");
  const wb = new ExcelJS.Workbook();
  for (const [name, s] of Object.entries(data)) {
    const ws = wb.addWorksheet(name);
    ws.addRow(s.headers);
    s.rows.forEach((row) => ws.addRow(row));
  }
  await wb.xlsx.writeFile(input);
  const roundTrips: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < FILE_RUNS; i++) {
    t = performance.now();
    const book = await openWorkbook(new Uint8Array(fs.readFileSync(input)), input);
    const { bytes } = await runOnFile(book, ruleset, { asOf: AS_OF });
    fs.writeFileSync(path.join(dir, "out.xlsx"), bytes);
    roundTrips.push(performance.now() - t);
    t = performance.now();
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.readFile(input);
    await plain.xlsx.writeFile(path.join(dir, "bare.xlsx"));
    bare.push(performance.now() - t);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const fileMs = median(roundTrips);
  const bareMs = median(bare);

  console.log(`Plain json-rules-engine (same rules and facts):  ${referenceMs.toFixed(0)} ms = ${rate(referenceMs)} rows/s`);
  console.log(`Speed-up: ${(referenceMs / engineMs).toFixed(1)}x; results identical on ${result.rows.length - mismatches}/${result.rows.length} rows`);
  console.log(`File round trip (read, categorise, write the copy): ${(fileMs / 1000).toFixed(2)} s; bare ExcelJS read and write of the same file: ${(bareMs / 1000).toFixed(2)} s`);
  console.log(`Round trip / bare ExcelJS read+write: ${(fileMs / bareMs).toFixed(2)} (goal: at most 0.5; medians of ${FILE_RUNS})`);
  if (mismatches) process.exitCode = 1;
}

main();
