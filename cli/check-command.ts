// categorise check <rules.json> [...] [--strict] [--json]
// Schema errors with JSON paths and line numbers, unknown facts and operators with the nearest
// valid name, then the lint: unreachable bands and stages, comparisons that can never match,
// triggers without a style, thresholds outside a field's range. Exit 1 on any error.
import { parseRuleset, RulesetError, lintRuleset, type LintIssue, JsonDocument } from "../engine";
import { parseArgs, UsageError } from "./args";
import { commandSpec } from "./command-specs";
import { FileError } from "./file-error";
import { readRulesText } from "./rules-file";

const MARK = { error: "✘ error  ", warning: "⚠ warning", info: "ℹ note   " } as const;

export function checkRulesText(text: string, file: string): LintIssue[] {
  try {
    return lintRuleset(parseRuleset(text, file), new JsonDocument(text));
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => ({ severity: "error" as const, ...i }));
    throw e;
  }
}

export function formatIssue(i: LintIssue): string {
  return `  ${MARK[i.severity]} ${i.path}${i.line ? ` (line ${i.line}, column ${i.column})` : ""}: ${i.message}`;
}

export async function checkCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const { positional, options } = parseArgs(argv, commandSpec("check")!);
  if (!positional.length) throw new UsageError("check needs a rules file: categorise check rules/staffordshire.json", "check");
  let failed = false;
  const report: Record<string, LintIssue[]> = {};
  for (const name of positional) {
    let issues: LintIssue[];
    try {
      const { file, text } = readRulesText(name);
      issues = checkRulesText(text, file);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      issues = [{ severity: "error", path: "$", message: e.message }];
    }
    report[name] = issues;
    const count = (s: LintIssue["severity"]) => issues.filter((i) => i.severity === s).length;
    const [errors, warnings, notes] = [count("error"), count("warning"), count("info")];
    if (errors || (options.strict && warnings)) failed = true;
    if (options.json) continue;
    const verdict = errors ? "✘" : warnings ? "⚠" : "✔";
    out(`${verdict} ${name}: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notes, "note")}`);
    for (const s of ["error", "warning", "info"] as const) for (const i of issues.filter((x) => x.severity === s)) out(formatIssue(i));
  }
  if (options.json) out(JSON.stringify(report, null, 2));
  return failed ? 1 : 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
