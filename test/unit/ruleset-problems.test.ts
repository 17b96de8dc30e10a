// A ruleset's problems as the pane says them: JSON syntax errors in words with line and column
// (jsonc-parser's codes never shown), the first syntax error only with a count of the rest, other
// problems with their line, column and JSON path.
import { printParseErrorCode } from "jsonc-parser";
import { parseRuleset, RulesetError, SYNTAX_WORDS } from "../../engine";
import { describeError } from "../../addin/messages";
import { problemInWords, rulesetProblems } from "../../addin/ruleset-problems";

function refused(text: string, source = "rules.json"): RulesetError {
  try {
    parseRuleset(text, source);
  } catch (e) {
    if (e instanceof RulesetError) return e;
    throw e;
  }
  throw new Error("expected a RulesetError");
}

describe("a ruleset's problems in words", () => {
  it("has words for every JSON syntax error jsonc-parser reports", () => {
    for (let code = 1; code <= 16; code++) {
      const name = printParseErrorCode(code);
      expect([name, SYNTAX_WORDS[name]]).toEqual([name, expect.stringMatching(/^[a-z].+[^.]$/)]);
    }
  });

  it("a missing comma: 'A comma is missing at line 3, column 3.'", () => {
    const e = refused('{\n  "id": "x"\n  "title": "y"\n}');
    expect(e.message).toContain("JSON syntax error: a comma is missing"); // the engine says it in words...
    expect(e.message).not.toContain("CommaExpected");
    expect(rulesetProblems(e.issues)).toEqual({ lines: ["A comma is missing at line 3, column 3."], followOn: 0 }); // ...the pane as a sentence
  });

  it("shows the first syntax error, and counts those that follow from it", () => {
    const e = refused('{"a": [1, 2}');
    expect(e.issues.length).toBe(4);
    expect(rulesetProblems(e.issues)).toEqual({ lines: ["A comma is missing at line 1, column 12."], followOn: 3 });
    const message = describeError(e);
    expect(message.title).toBe("The ruleset has problems");
    expect(message.body).toBe("rules.json cannot be used until this is put right in the file:");
    expect(message.details).toEqual(["A comma is missing at line 1, column 12.", "Put the first one right, then try again: the 3 other JSON problems found after it may follow from it."]);
    expect(JSON.stringify(message)).not.toMatch(/Expected|JSON syntax error/);
  });

  it("other mistakes in words too: a trailing comma, a comment, an unclosed brace", () => {
    expect(rulesetProblems(refused('{ "id": "x", }').issues).lines).toEqual(["A name in double quotes is expected (is there a comma too many before it?) at line 1, column 14."]);
    expect(rulesetProblems(refused("// note\n{}").issues).lines).toEqual(["Comments are not allowed in a ruleset at line 1, column 1."]);
    expect(rulesetProblems(refused('{ "id": "x"').issues).lines).toEqual(["A closing brace } is missing at line 1, column 12."]);
  });

  it("a problem that is not syntax keeps the engine's words, with its line, column and path", () => {
    expect(problemInWords({ path: "$.bands", line: 4, column: 12, message: "must list at least one band" })).toBe("Line 4, column 12, $.bands: must list at least one band");
    expect(problemInWords({ path: "$", message: "the ruleset is empty" })).toBe("The ruleset is empty");
    const e = refused('{ "id": "x", "id": "y" }');
    expect(rulesetProblems(e.issues).lines[0]).toMatch(/^Line 1, column 14, \$\.id: duplicate key 'id'/);
  });
});
