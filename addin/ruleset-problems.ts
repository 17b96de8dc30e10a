// A ruleset's problems in sentences for the pane. The engine gives each problem its JSON path, line
// and column, and its JSON syntax errors in words ("JSON syntax error: a comma is missing"), said
// here as "A comma is missing at line 12, column 5". One syntax error usually brings others after
// it, so only the first is shown, with a count of the rest.
import type { RulesetError } from "../engine";

type Issue = RulesetError["issues"][number];

const SYNTAX = /^JSON syntax error: (.+)$/;


const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const at = (i: Issue) => (i.line ? `line ${i.line}, column ${i.column}` : "");

/** One problem as a sentence: a syntax error in words, anything else with where it is. */
export function problemInWords(i: Issue): string {
  const words = SYNTAX.exec(i.message)?.[1];
  if (words) return `${capital(words)}${i.line ? ` at ${at(i)}` : ""}.`;
  const where = [at(i), i.path !== "$" ? i.path : ""].filter(Boolean).join(", ");
  return where ? `${capital(where)}: ${i.message}` : capital(i.message);
}

/** The problems to show: the first syntax error (the rest usually follow from it) and every other problem. */
export function rulesetProblems(issues: readonly Issue[]): { lines: string[]; followOn: number } {
  const syntax = issues.filter((i) => SYNTAX.test(i.message));
  const shown = syntax.length ? [syntax[0], ...issues.filter((i) => !SYNTAX.test(i.message))] : [...issues];
  shown.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { lines: shown.map(problemInWords), followOn: Math.max(0, syntax.length - 1) };
}
