// The bench's sides, each one function doing the whole work on the same generated schools: the
// engine's categorise(), the same with every school's rule traces read (what the pane's worker
// sends), the ruleset written by hand, and json-rules-engine. Made the same way in the bench's
// own process (for the check on every row) and in each side's timing process (side-process.ts).
import * as fs from "node:fs";
import { categorise, parseRuleset, memorySource, type Ruleset, type RunResult } from "../engine";
import { syntheticSchools } from "./synthetic-schools";
import { categoriseByHand, type HandResult, type HandSheet } from "./staffordshire-by-hand";
import { jsonRulesEngineSide, type EngineSideResult } from "./json-rules-engine-side";
import { STAFFORDSHIRE } from "./root";

export const AS_OF = "2026-11-20";
export const SIDE_NAMES = ["engine", "explained", "hand", "jre"] as const;
export type SideName = (typeof SIDE_NAMES)[number];

export interface Sides {
  ruleset: Ruleset;
  data: ReturnType<typeof syntheticSchools>;
  engine: () => Promise<RunResult>;
  explained: () => Promise<number>;
  hand: () => HandResult[];
  jre: () => Promise<EngineSideResult[]>;
}

/** The sides over `rows` generated schools (seeded: every process makes the same ones). */
export function makeSides(rows: number): Sides {
  const ruleset = parseRuleset(fs.readFileSync(STAFFORDSHIRE, "utf8"));
  const data = syntheticSchools(rows);
  const source = memorySource(data);
  // The hand-written side and json-rules-engine read the same rows as the engine, as memorySource holds them.
  const sheets: Record<string, HandSheet> = Object.fromEntries(source.sheetNames().map((n) => [n, source.readSheet(n)!]));
  const engineSide = jsonRulesEngineSide(ruleset);
  return {
    ruleset,
    data,
    engine: () => categorise(source, ruleset, { asOf: AS_OF }),
    explained: async () => {
      const result = await categorise(source, ruleset, { asOf: AS_OF });
      let n = 0;
      for (const r of result.rows) n += r.traces.length;
      return n;
    },
    hand: () => categoriseByHand(sheets, AS_OF),
    jre: () => engineSide(sheets, AS_OF),
  };
}
