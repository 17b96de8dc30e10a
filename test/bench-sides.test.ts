// The bench's other two sides do the engine's work, row by row: the Staffordshire ruleset written by
// hand and the same rules run through plain json-rules-engine give the engine's triggers, category,
// stage, due dates, Reasons, trigger cells and watch flags on generated schools (with markers,
// officer categories, history). So the speed ratios `npm run bench` prints compare the same work,
// and the hand-written version checks the engine's watch flags and fills independently.
import * as fs from "node:fs";
import { categorise, memorySource, parseRuleset, type RunResult } from "../engine";
import { syntheticSchools } from "../bench/synthetic-schools";
import { categoriseByHand, type HandSheet } from "../bench/staffordshire-by-hand";
import { jsonRulesEngineSide } from "../bench/json-rules-engine-side";
import { differences, engineSays, jreSays, sameKeys } from "../bench/compare-sides";
import { STAFFORDSHIRE } from "../bench/root";

const AS_OF = "2026-11-20";
const ruleset = parseRuleset(fs.readFileSync(STAFFORDSHIRE, "utf8"));
const source = memorySource(syntheticSchools(2_000));
const sheets: Record<string, HandSheet> = Object.fromEntries(source.sheetNames().map((n) => [n, source.readSheet(n)!]));
let engine: RunResult;
const said: string[] = [];
const say = (text: string) => void said.push(text);

beforeAll(async () => {
  engine = await categorise(source, ruleset, { asOf: AS_OF });
});
afterEach(() => {
  said.length = 0;
});

test("the generated schools exercise what is compared: watch flags, trigger cells, undecided rules, moderation", () => {
  const rows = engine.rows;
  expect(rows.length).toBe(2_000);
  expect(rows.filter((r) => r.watch?.length).length).toBeGreaterThan(300);
  expect(new Set(rows.flatMap((r) => r.watch ?? []).map((w) => w.id)).size).toBe(6);
  expect(rows.filter((r) => r.watch?.some((w) => w.reason.includes("; "))).length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.triggerCells.some((c) => c.columns.length > 2)).length).toBeGreaterThan(100);
  expect(rows.filter((r) => r.reasons.some((l) => l.startsWith("Could not be decided"))).length).toBeGreaterThan(20);
  expect(rows.filter((r) => r.moderated).length).toBeGreaterThan(20);
});

test("the hand-written ruleset gives the engine's results on every row", () => {
  const hand = categoriseByHand(sheets, AS_OF);
  const n = differences("hand-written", engine, hand, engineSays, (h) => sameKeys(engineSays(engine.rows[0]), h), say);
  expect(said).toEqual([]);
  expect(n).toBe(0);
});

test("json-rules-engine gives the engine's triggers, category, stage, due dates, rule reason lines, cells and watch flags on every row", async () => {
  const jre = await jsonRulesEngineSide(ruleset)(sheets, AS_OF);
  const n = differences("json-rules-engine", engine, jre, jreSays, (x) => sameKeys(jreSays(engine.rows[0]), x), say);
  expect(said).toEqual([]);
  expect(n).toBe(0);
});

test("a side that differs in one cell or one watch flag is caught", () => {
  const hand = categoriseByHand(sheets, AS_OF);
  const fired = hand.find((h) => h.cells.length)!;
  fired.cells[0] = { ...fired.cells[0], columns: [...fired.cells[0].columns, 99] };
  const watched = hand.find((h) => h.watch.length)!;
  watched.watch = watched.watch.slice(1);
  expect(differences("hand-written", engine, hand, engineSays, (h) => sameKeys(engineSays(engine.rows[0]), h), say)).toBe(fired === watched ? 1 : 2);
  expect(said.join("\n")).toContain(`hand-written differs on row ${fired.row}`);
});
