// Class 2h: `check` on a 10 MB ruleset with a problem in each of tens of thousands of triggers
// takes seconds (it took about five minutes: each problem's line and column was found by scanning
// the text from the top; now a line index is built once). Also many bands: comparing every pair
// for reachability stops at a budget, with a note, instead of growing with the square.
import * as fs from "node:fs";
import { runCli, tempDir } from "../helpers/cli";
import { staffordshire, writeRules } from "./bounded";

const dir = tempDir("hostile-big-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const TEN_MB = 10 * 1024 * 1024;
const LIMIT_MS = 60_000;

/** Staffordshire grown to 10 MB by triggers made by `make(i)`, written to dir/name. */
function bigRules(name: string, make: (i: number) => object, into: "triggers" | "bands" = "triggers"): { file: string; text: string; added: number } {
  const grown = (n: number) => {
    const r = staffordshire();
    const extra = Array.from({ length: n }, (_, i) => make(i));
    if (into === "triggers") r.triggers.push(...extra);
    else r.bands.splice(r.bands.length - 1, 0, ...extra);
    return JSON.stringify(r, null, 2);
  };
  const base = grown(0).length;
  const each = (grown(100).length - base) / 100;
  const added = Math.ceil((TEN_MB - base) / each);
  const text = grown(added);
  return { file: writeRules(dir, name, text), text, added };
}

async function timedCheck(file: string) {
  const started = Date.now();
  const result = await runCli(["check", file]);
  return { ...result, ms: Date.now() - started };
}

test("10 MB, a warning in every added trigger: check lists them all, each at the right line, in seconds", async () => {
  const { file, text, added } = bigRules("warnings.json", (i) => ({
    id: `extra${i}`, label: `Extra ${i}`, severity: "low",
    conditions: { all: [{ fact: "persistentAbsence", operator: "greaterThan", value: 120 }] },
  }));
  expect(text.length).toBeGreaterThanOrEqual(TEN_MB);
  const r = await timedCheck(file);
  console.log(`check on ${(text.length / 1024 / 1024).toFixed(1)} MB, ${added} triggers with a warning each: ${r.ms} ms`);
  expect(r.ms).toBeLessThan(LIMIT_MS);
  expect(r.code).toBe(0);
  const lines = r.out.split("\n").filter((l) => l.includes("120 is outside the plausible range"));
  expect(lines).toHaveLength(added);
  // The last one's line number is where its value is.
  const last = /\(line (\d+), column (\d+)\)/.exec(lines[lines.length - 1])!;
  const fileLines = text.split("\n");
  expect(fileLines[Number(last[1]) - 1].slice(Number(last[2]) - 1)).toMatch(/^"value": 120/);
  expect(fileLines.slice(Number(last[1]) - 12, Number(last[1])).join("\n")).toContain(`"id": "extra${added - 1}"`);
}, 60_000);

test("10 MB, an unknown fact in every added trigger: check lists the schema errors in seconds", async () => {
  const { file, text, added } = bigRules("errors.json", (i) => ({
    id: `extra${i}`, label: `Extra ${i}`, severity: "low",
    conditions: { all: [{ fact: "safegarding", operator: "equal", value: true }] },
  }));
  const r = await timedCheck(file);
  console.log(`check on ${(text.length / 1024 / 1024).toFixed(1)} MB, ${added} triggers with an error each: ${r.ms} ms`);
  expect(r.ms).toBeLessThan(LIMIT_MS);
  expect(r.code).toBe(1);
  expect(r.out.split("\n").filter((l) => l.includes("unknown fact 'safegarding' (did you mean 'safeguarding'?)"))).toHaveLength(added);
}, 60_000);

test("10 MB of bands: check compares bands pairwise up to a budget, and says where it stopped", async () => {
  const { file, text, added } = bigRules("bands.json", (i) => ({
    id: `X${i}`, label: `Band ${i}`,
    conditions: { all: [{ fact: "pupils", operator: "greaterThan", value: 100000 - i }] },
  }), "bands");
  const r = await timedCheck(file);
  console.log(`check on ${(text.length / 1024 / 1024).toFixed(1)} MB, ${added} extra bands: ${r.ms} ms`);
  expect(r.ms).toBeLessThan(LIMIT_MS);
  expect(r.out).toMatch(/ℹ note {4}\$\.bands \(line \d+, column \d+\): with \d+ bands, those from band \d+ \('X\d+'\) on were not all compared with every band above them/);
}, 60_000);
