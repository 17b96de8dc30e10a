// Runs the test cases stored in a ruleset: each names an example row (cells by header, as an
// officer would type them), optional history rows, and the band/triggers/stage it must give.
import type { Ruleset, TestCase } from "../ruleset/schema";
import type { RowResult } from "../results";
import { categorise } from "../evaluate/categorise";
import { memorySource, sheetFromRecords } from "../read/memory-source";
import { withWatchReasons } from "../output/watch-cells";

export interface CaseOutcome {
  name: string;
  passed: boolean;
  /** One line per expectation that failed: "band: expected D, got C". */
  differences: string[];
  result?: RowResult;
  error?: string;
}

const DEFAULT_AS_OF = "2026-01-15";

export async function runRulesetTests(ruleset: Ruleset): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const t of ruleset.tests ?? []) outcomes.push(await runCase(ruleset, t));
  return outcomes;
}

export async function runCase(ruleset: Ruleset, t: TestCase): Promise<CaseOutcome> {
  const keyField = ruleset.fields.find((f) => f.id === ruleset.key)!;
  const keyHeader = keyField.headers.find((h) => h in t.row) ?? keyField.headers[0];
  const row = { [keyHeader]: 100000, ...t.row };
  const sheets: Record<string, ReturnType<typeof sheetFromRecords>> = { [ruleset.sheet?.[0] ?? "Schools"]: sheetFromRecords([row]) };
  for (const h of ruleset.history ?? []) {
    const entries = t.history?.[h.id];
    if (!entries) continue;
    const hKey = h.fields.find((f) => f.id === h.key)!.headers[0];
    sheets[h.sheet[0]] = sheetFromRecords(entries.map((e) => ({ [hKey]: row[keyHeader], ...e })));
  }
  try {
    const run = await categorise(memorySource(sheets), ruleset, { asOf: t.asOf ?? DEFAULT_AS_OF, sheet: Object.keys(sheets)[0] });
    const result = run.rows[0];
    if (!result) return { name: t.name, passed: false, differences: ["the row was skipped: " + run.warnings.join("; ")] };
    const differences = compare(t, result);
    return { name: t.name, passed: differences.length === 0, differences, result };
  } catch (e) {
    return { name: t.name, passed: false, differences: [(e as Error).message], error: (e as Error).message };
  }
}

function compare(t: TestCase, r: RowResult): string[] {
  const d: string[] = [];
  const e = t.expect;
  const check = (what: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && JSON.stringify(expected) !== JSON.stringify(actual)) d.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  check("band", e.band, r.band);
  check("ruleBand", e.ruleBand, r.ruleBand);
  check("moderated", e.moderated, r.moderated);
  if (e.triggers) {
    const got = r.triggers.map((x) => x.id);
    const missing = e.triggers.filter((x) => !got.includes(x));
    const extra = got.filter((x) => !e.triggers!.includes(x));
    if (missing.length || extra.length) {
      d.push(`triggers: ${missing.length ? "missing " + missing.join(", ") : ""}${missing.length && extra.length ? "; " : ""}${extra.length ? "unexpected " + extra.join(", ") : ""} (got ${got.join(", ") || "none"})`);
    }
  }
  if (e.watch) {
    const got = (r.watch ?? []).map((x) => x.id);
    if (got.length !== e.watch.length || got.some((x) => !e.watch!.includes(x))) d.push(`watch: expected ${JSON.stringify(e.watch)}, got ${JSON.stringify(got)}`);
  }
  check("stage", e.stage, r.escalation?.stage ?? null);
  check("due", e.due, r.due);
  for (const [k, v] of Object.entries(e.outputs ?? {})) check(`outputs.${k}`, v, r.outputs[k] ?? null);
  if (e.nextAction !== undefined && !r.nextAction.includes(e.nextAction)) d.push(`nextAction: expected it to contain ${JSON.stringify(e.nextAction)}, got ${JSON.stringify(r.nextAction)}`);
  const contains = (what: string, expected: string[] | undefined, lines: string[]) => {
    if (expected === undefined) return;
    if (!expected.length && lines.length) d.push(`${what}: expected none, got ${JSON.stringify(lines)}`);
    for (const text of expected) if (!lines.some((l) => l.includes(text))) d.push(`${what}: expected one containing ${JSON.stringify(text)}, got ${JSON.stringify(lines)}`);
  };
  contains("reasons", e.reasons, withWatchReasons(r));
  contains("warnings", e.warnings, r.warnings);
  return d;
}
