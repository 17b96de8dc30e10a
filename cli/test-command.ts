// categorise test <rules.json> [--filter TEXT] [--coverage [--min N]]
// Runs the ruleset's stored test cases: ✔/✘ per case, and for a failure what differed and why the
// engine decided as it did. With --coverage, which comparisons and rules the cases leave untested.
// Exit 1 when any case fails, there are none, or coverage is below --min.
import { caseCoverage, JsonDocument, parseRuleset, runRulesetTests, type RowResult } from "../engine";
import { parseArgs, str, UsageError } from "./args";
import { commandSpec } from "./command-specs";
import { coverageLines, percentText } from "./coverage-text";
import { readRulesText } from "./rules-file";

export async function testCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const { positional, options } = parseArgs(argv, commandSpec("test")!);
  if (positional.length !== 1) throw new UsageError("test needs one rules file: categorise test rules/staffordshire.json", "test");
  const min = minimum(options.min);
  const coverage = options.coverage === true || min !== undefined;
  const { file, text } = readRulesText(positional[0]);
  const ruleset = parseRuleset(text, file);
  const filter = str(options.filter)?.toLowerCase();
  const cases = (ruleset.tests ?? []).filter((t) => !filter || t.name.toLowerCase().includes(filter));
  if (!ruleset.tests?.length) {
    out(`✘ ${positional[0]} has no stored test cases: add a "tests" list (see docs/writing-rules.md)`);
    return 1;
  }
  if (!cases.length) {
    out(`✘ no test case name contains '${options.filter}' (${ruleset.tests.length} cases in ${positional[0]})`);
    return 1;
  }
  const matching = filter ? ` matching '${options.filter}'` : "";
  out(`${ruleset.title} ${ruleset.version}: ${cases.length} stored test case${cases.length === 1 ? "" : "s"}${matching}`);
  const outcomes = await runRulesetTests({ ...ruleset, tests: cases });
  for (const o of outcomes) {
    out(`  ${o.passed ? "✔" : "✘"} ${o.name}`);
    if (o.passed) continue;
    for (const d of o.differences) out(`      ${d}`);
    for (const reason of o.result?.reasons ?? []) out(`      why: ${reason}`);
    for (const w of o.result?.warnings ?? []) out(`      ⚠ ${w}`);
  }
  const failed = outcomes.filter((o) => !o.passed).length;
  out(`${outcomes.length} case${outcomes.length === 1 ? "" : "s"}: ${outcomes.length - failed} passed, ${failed} failed`);
  if (!coverage) return failed ? 1 : 0;

  // Failed cases count too: coverage is what the cases exercise. Cases that could not run are left out.
  const results = outcomes.map((o) => o.result).filter((r): r is RowResult => r !== undefined);
  const unrun = outcomes.length - results.length;
  const c = caseCoverage(ruleset, results);
  out("");
  const which = `the ${results.length} case${results.length === 1 ? "" : "s"}${matching}${unrun ? ` (${unrun} could not run and ${unrun === 1 ? "is" : "are"} left out)` : ""}`;
  for (const line of coverageLines(c, new JsonDocument(text), which)) out(line);
  if (min === undefined) return failed ? 1 : 0;
  if (c.percent < min) {
    out(`✘ coverage ${percentText(c.percent)} (${c.covered} of ${c.total}) is below --min ${min}%`);
    return 1;
  }
  out(`✔ coverage ${percentText(c.percent)} meets --min ${min}%`);
  return failed ? 1 : 0;
}

function minimum(v: string | true | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== "string" || v.trim() === "" || !(n >= 0 && n <= 100)) throw new UsageError(`--min ${v} is not a percentage from 0 to 100`, "test");
  return n;
}
