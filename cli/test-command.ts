// categorise test <rules.json> [--filter TEXT]
// Runs the ruleset's stored test cases: ✔/✘ per case, and for a failure what differed and why the
// engine decided as it did. Exit 1 when any case fails or there are none.
import { parseRuleset, runRulesetTests } from "../engine";
import { parseArgs, str, UsageError } from "./args";
import { commandSpec } from "./command-specs";
import { readRulesText } from "./rules-file";

export async function testCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const { positional, options } = parseArgs(argv, commandSpec("test")!);
  if (positional.length !== 1) throw new UsageError("test needs one rules file: categorise test rules/staffordshire.json", "test");
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
  out(`${ruleset.title} ${ruleset.version}: ${cases.length} stored test case${cases.length === 1 ? "" : "s"}${filter ? ` matching '${options.filter}'` : ""}`);
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
  return failed ? 1 : 0;
}
