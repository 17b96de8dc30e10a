// A ruleset's problems in words for the pane. The engine gives each problem its JSON path, line
// and column; its JSON syntax errors name jsonc-parser's codes ("JSON syntax error: CommaExpected"),
// which are said here in words ("A comma is missing at line 12, column 5"). One syntax error
// usually brings others after it, so only the first is shown, with a count of the rest.
import type { RulesetError } from "../engine";

type Issue = RulesetError["issues"][number];

const SYNTAX = /^JSON syntax error: (\w+)$/;

/** jsonc-parser's ParseErrorCode names, in words. */
export const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: "something here is not JSON (names and text go in double quotes, \"like this\")",
  InvalidNumberFormat: "a number is not written as JSON writes numbers (such as 12, -0.5 or 1.5e3)",
  PropertyNameExpected: "a name in double quotes is expected (is there a comma too many before it?)",
  ValueExpected: "a value is missing (is there a comma too many, or nothing after a colon?)",
  ColonExpected: "a colon (:) is missing after a name",
  CommaExpected: "a comma is missing",
  CloseBraceExpected: "a closing brace } is missing",
  CloseBracketExpected: "a closing bracket ] is missing",
  EndOfFileExpected: "there is more text after the end of the ruleset",
  InvalidCommentToken: "comments are not allowed in a ruleset",
  UnexpectedEndOfComment: "a comment is not closed",
  UnexpectedEndOfString: "a piece of text is not closed with a double quote before the line ends",
  UnexpectedEndOfNumber: "a number is cut short",
  InvalidUnicode: "a \\u escape in a piece of text is not followed by four hex digits",
  InvalidEscapeCharacter: "a backslash in a piece of text starts an escape JSON does not know (write \\\\ for a backslash)",
  InvalidCharacter: "a piece of text holds a tab or line break, which must be written \\t or \\n",
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const at = (i: Issue) => (i.line ? `line ${i.line}, column ${i.column}` : "");

/** One problem as a sentence: a syntax error in words, anything else with where it is. */
export function problemInWords(i: Issue): string {
  const code = SYNTAX.exec(i.message)?.[1];
  if (code) return `${capital(SYNTAX_WORDS[code] ?? `the JSON is not valid (${code})`)}${i.line ? ` at ${at(i)}` : ""}.`;
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
