// npm run bench: the engine beside the same Staffordshire ruleset written by hand and beside plain
// json-rules-engine, on 25,000 generated schools, all three from the same raw rows; then the command
// line's file round trip against a bare ExcelJS read and write. The results are checked equal on
// every row; then each side, in a process of its own (side-process.ts), is warmed up and the sides
// are timed in turn BENCH_RUNS times (default 5), and the medians compared. BENCH_ROWS=n changes the row count; BENCH_ENGINE_ONLY=1 stops before
// json-rules-engine and the file round trip; BENCH_FILE_RUNS sets the round trips (default 3);
// BENCH_SCALE=1 also runs a whole Excel sheet (1,048,576 rows) through the engine (scale.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync, fork } from "node:child_process";
import ExcelJS from "exceljs";
import { openWorkbook, runOnFile } from "../hosts/file/run-and-clear";
import { syntheticSchools } from "./synthetic-schools";
import { AS_OF, makeSides, SIDE_NAMES, type SideName } from "./sides";
import type { Ruleset } from "../engine";
import { differences, engineSays, jreSays, sameKeys } from "./compare-sides";

const ROWS = Number(process.env.BENCH_ROWS ?? 25_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const ENGINE_ONLY = process.env.BENCH_ENGINE_ONLY === "1";
const FILE_RUNS = Math.max(1, Number(process.env.BENCH_FILE_RUNS ?? 3));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
const perSecond = (rows: number, t: number) => Math.round((rows / t) * 1000).toLocaleString("en-GB");

/** A side's timing process (side-process.ts): asked for one timed run at a time. */
interface SideProcess {
  run(): Promise<number>;
  stop(): void;
}

/** Starts a side in a process of its own; resolves once it has warmed up. */
function startSide(name: SideName): Promise<SideProcess> {
  const compiled = !path.basename(__filename).endsWith(".ts");
  const script = path.join(__dirname, compiled ? "side-process.js" : "side-process.ts");
  const child = fork(script, [name, String(ROWS)], { execArgv: compiled ? ["--expose-gc"] : ["--expose-gc", "--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () =>
    new Promise<{ ms?: number; ready?: boolean }>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${name} side's process ended (exit code ${code})`));
      child.once("exit", onExit);
      child.once("message", (m: { ms?: number; ready?: boolean }) => {
        child.off("exit", onExit);
        resolve(m);
      });
    });
  return next().then(() => ({
    run: async () => {
      const answer = next();
      child.send({ run: true });
      return (await answer).ms!;
    },
    stop: () => child.disconnect(),
  }));
}

async function main() {
  // In this process, one run of each side, whose results are checked against the engine's on every row.
  const sides = makeSides(ROWS);
  const { ruleset, data } = sides;
  const names = ENGINE_ONLY ? SIDE_NAMES.filter((n) => n !== "jre") : SIDE_NAMES;
  const { rows, handSame, jreSame } = await (async () => {
    const result = await sides.engine();
    const rows = result.rows.length;
    const handSame = rows - differences("hand-written", result, sides.hand(), engineSays, (h) => sameKeys(engineSays(result.rows[0]), h), console.error);
    const jreSame = ENGINE_ONLY ? rows : rows - differences("json-rules-engine", result, await sides.jre(), jreSays, (x) => sameKeys(jreSays(result.rows[0]), x), console.error);
    return { rows, handSame, jreSame };
  })();

  // Then the timed runs: each side in a process of its own, warmed up there, timed from a
  // collected heap one run at a time, the sides in turn, so a minute of load on the shared machine
  // falls on every side alike. The order turns round by one side each round.
  const processes = new Map<SideName, SideProcess>();
  for (const [n, p] of await Promise.all(names.map(async (n) => [n, await startSide(n)] as const))) processes.set(n, p);
  const times: Record<string, number[]> = { engine: [], explained: [], hand: [], jre: [] };
  try {
    for (let i = 0; i < RUNS; i++) for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      times[n].push(await processes.get(n)!.run());
    }
  } finally {
    for (const p of processes.values()) p.stop();
  }
  const [engineMs, handMs, jreMs] = [median(times.engine), median(times.hand), median(times.jre)];
  console.log(`Rows: ${rows.toLocaleString("en-GB")} (ruleset ${ruleset.id} ${ruleset.version}: ${ruleset.triggers.length} triggers, ${ruleset.bands.length} bands, ${ruleset.escalation?.length ?? 0} stages); medians of ${RUNS} runs after a warm-up`);
  const explainedMs = median(times.explained);
  console.log(`Engine, categorise() (map, coerce, derive, decide; reasons, trigger cells, watch flags; rule traces made when read): ${engineMs.toFixed(0)} ms = ${perSecond(rows, engineMs)} rows/s (${ms(times.engine)})`);
  console.log(`Engine with every school's rule traces read as well (what the pane's worker sends): ${explainedMs.toFixed(0)} ms = ${perSecond(rows, explainedMs)} rows/s (${ms(times.explained)})`);
  console.log(`Hand-written (bench/staffordshire-by-hand.ts): ${handMs.toFixed(0)} ms = ${perSecond(rows, handMs)} rows/s (${ms(times.hand)})`);
  console.log(`Engine speed / hand-written speed: ${(handMs / engineMs).toFixed(2)} (goal: at least 0.5); same triggers, category, stage, due dates, reasons, trigger cells and watch flags on ${handSame}/${rows} rows`);
  if (!ENGINE_ONLY) {
    console.log(`json-rules-engine, Engine.run per row (same reading by hand, then triggers, bands and stages to the first that holds, given the facts the rules name, and the triggers' loosened copies for watch flags; due dates, reason lines, trigger cells): ${jreMs.toFixed(0)} ms = ${perSecond(rows, jreMs)} rows/s (${ms(times.jre)})`);
    console.log(`Engine speed / json-rules-engine speed: ${(jreMs / engineMs).toFixed(1)}x (goal: at least 20x); same triggers, category, stage, due dates, rule reason lines, trigger cells and watch flags on ${jreSame}/${rows} rows`);
    console.log(`Engine with every rule trace read / json-rules-engine speed: ${(jreMs / explainedMs).toFixed(1)}x (for scale)`);
    // For scale: what the hand-written version, which does the same work without an engine, makes of json-rules-engine.
    console.log(`Hand-written speed / json-rules-engine speed: ${(jreMs / handMs).toFixed(1)}x (an engine at 20x would run at ${(20 / (jreMs / handMs)).toFixed(2)} times the hand-written speed)`);
    await fileRoundTrip(data, ruleset);
  }
  const failed = handSame !== rows || jreSame !== rows;
  if (process.env.BENCH_SCALE === "1") scale();
  if (failed) process.exitCode = 1;
}

/**
 * The file path an analyst takes: read, categorise, write the copy (the command line's round trip),
 * beside a bare ExcelJS read and write of the same file, timed in turn, medians.
 */
async function fileRoundTrip(data: ReturnType<typeof syntheticSchools>, ruleset: Ruleset) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
  try {
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
      let t = performance.now();
      const book = openWorkbook(new Uint8Array(fs.readFileSync(input)), input);
      const { bytes } = await runOnFile(book, ruleset, { asOf: AS_OF });
      fs.writeFileSync(path.join(dir, "out.xlsx"), bytes);
      roundTrips.push(performance.now() - t);
      t = performance.now();
      const plain = new ExcelJS.Workbook();
      await plain.xlsx.readFile(input);
      await plain.xlsx.writeFile(path.join(dir, "bare.xlsx"));
      bare.push(performance.now() - t);
    }
    const [fileMs, bareMs] = [median(roundTrips), median(bare)];
    console.log(`File round trip (read, categorise, write the copy): ${(fileMs / 1000).toFixed(2)} s; bare ExcelJS read and write of the same file: ${(bareMs / 1000).toFixed(2)} s`);
    console.log(`Round trip / bare ExcelJS read+write: ${(fileMs / bareMs).toFixed(2)} (goal: at most 0.5; medians of ${FILE_RUNS})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A whole Excel sheet through the engine, in a process of its own with a 4 GB heap. */
function scale() {
  const script = path.join(__dirname, path.basename(__filename).endsWith(".ts") ? "scale.ts" : "scale.js");
  const args = script.endsWith(".ts") ? ["--max-old-space-size=4096", "--import", "tsx", script] : ["--max-old-space-size=4096", script];
  const out = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
  console.log(
    `Whole sheet: ${out.schools.toLocaleString("en-GB")} schools (${out.sheetRows.toLocaleString("en-GB")} sheet rows) in ${out.seconds} s = ${out.rowsPerSecond.toLocaleString("en-GB")} rows/s; ` +
      `peak heap ${out.peakHeapMB} MB (input ${out.inputHeapMB} MB) of the 4,096 MB allowed; peak RSS ${out.maxRssMB} MB`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
