// JSON syntax errors in words: jsonc-parser names its errors by code ("CommaExpected"); policy
// leads read "a comma is missing". The command line and the pane both show these words.

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

/** A syntax error's words, given jsonc-parser's code name. */
export const syntaxWords = (code: string): string => SYNTAX_WORDS[code] ?? `the JSON is not valid (${code})`;
