// Watch flags where generated JavaScript is not allowed (a Content-Security-Policy without
// 'unsafe-eval'): the loosened copies of the triggers are then run by compile-condition.ts's
// functions, and every school gets the same flags, reasons and columns as with generated code.
import * as fs from "fs";
import * as path from "path";
import type * as Engine from "../engine";
import { syntheticSchools } from "../bench/synthetic-schools";

const GENERATOR = "../engine/evaluate/generate-deciders";

/** The engine, loaded afresh; with `fallback`, its code generator can make nothing (as under such a policy). */
function engine(fallback: boolean): { engine: typeof Engine; generated: () => number } {
  let loaded!: typeof Engine;
  let made = 0;
  jest.isolateModules(() => {
    jest.doMock(GENERATOR, () => {
      const actual = jest.requireActual(GENERATOR);
      return {
        ...actual,
        generateGroups: (...args: Parameters<typeof actual.generateGroups>) => {
          const groups = fallback ? null : actual.generateGroups(...args);
          if (groups) made++;
          return groups;
        },
      };
    });
    loaded = jest.requireActual<typeof Engine>("../engine");
  });
  return { engine: loaded, generated: () => made };
}

test("with and without generated code, every school gets the same watch flags", async () => {
  const text = fs.readFileSync(path.join(__dirname, "../rules/staffordshire.json"), "utf8");
  const data = syntheticSchools(4000);
  const runs = [];
  for (const fallback of [false, true]) {
    const { engine: e, generated } = engine(fallback);
    const run = await e.categorise(e.memorySource(data), e.parseRuleset(text), { asOf: "2026-11-20" });
    // Generated: the rules and the loosened copies (two calls); the fallback: none.
    expect(generated()).toBe(fallback ? 0 : 2);
    runs.push(run.rows.map((r) => ({ triggers: r.triggers.map((t) => t.id), band: r.band, watch: r.watch ?? [] })));
  }
  const [fast, slow] = runs;
  expect(fast.filter((r) => r.watch.length).length).toBeGreaterThan(500);
  expect(new Set(fast.flatMap((r) => r.watch.map((w) => w.id)))).toEqual(new Set(["belowFloorKs2", "belowFloorKs4", "p8Falling", "ks2Falling", "persistentAbsence", "absenceAboveNational"]));
  expect(slow).toEqual(fast);
});
