// npm run bench: 25,000 generated schools through the engine (mapping, coercion, derived facts,
// triggers, bands, stages and explanations) beside plain json-rules-engine on the same rules and
// facts; checks the two agree on every row. Also times the ExcelJS round trip of the same rows.
// BENCH_ROWS=n sets the row count; BENCH_RUNS=n times n engine runs after the warm-up and reports
// the median; BENCH_ENGINE_ONLY=1 skips json-rules-engine and the file round trip.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { categorise, buildOutputPlan, parseRuleset } from "../engine";
import { memorySource } from "../engine";
import { referenceEngine } from "../engine/evaluate/json-rules-engine-reference";
import { sourceFromExcelJS, applyPlanToExcelJS } from "../hosts/exceljs/workbook-io";
import { syntheticSchools } from "./synthetic-schools";

const ROWS = Number(process.env.BENCH_ROWS ?? 25_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const ENGINE_ONLY = process.env.BENCH_ENGINE_ONLY === "1";
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

  // The file path an analyst takes: write the rows to .xlsx, read, categorise, write the copy.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  const input = path.join(dir, "schools.xlsx");
  const wb = new ExcelJS.Workbook();
  for (const [name, s] of Object.entries(data)) {
    const ws = wb.addWorksheet(name);
    ws.addRow(s.headers);
    s.rows.forEach((row) => ws.addRow(row));
  }
  await wb.xlsx.writeFile(input);
  t = performance.now();
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(input);
  const fileResult = await categorise(sourceFromExcelJS(read), ruleset, { asOf: AS_OF });
  applyPlanToExcelJS(read, buildOutputPlan(fileResult, ruleset));
  await read.xlsx.writeFile(path.join(dir, "out.xlsx"));
  const fileMs = performance.now() - t;
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`Plain json-rules-engine (same rules and facts):  ${referenceMs.toFixed(0)} ms = ${rate(referenceMs)} rows/s`);
  console.log(`Speed-up: ${(referenceMs / engineMs).toFixed(1)}x; results identical on ${result.rows.length - mismatches}/${result.rows.length} rows`);
  console.log(`Whole file round trip (ExcelJS read, categorise, write copy): ${(fileMs / 1000).toFixed(1)} s`);
  if (mismatches) process.exitCode = 1;
}

main();
