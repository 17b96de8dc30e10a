// The engine's errors cross the worker's boundary as plain data and are made again on the page's
// side with their class, fields and message, so the pane words its message bar as before.
import { InputError, NotWrittenError, parseRuleset, RulesetError, UnreadableFileError } from "../../engine";
import { describeError } from "../../addin/messages";
import { CancelledError, revivedError, sendableError } from "../../addin/worker-errors";

const across = (e: unknown) => revivedError(structuredClone(sendableError(e)));

function rulesetError(): RulesetError {
  try {
    parseRuleset('{ "id": "x", "bands": [ }', "broken.json");
  } catch (e) {
    return e as RulesetError;
  }
  throw new Error("expected a RulesetError");
}

describe("errors from the worker", () => {
  it("a ruleset error keeps its class, source, issues and message", () => {
    const original = rulesetError();
    const revived = across(original);
    expect(revived).toBeInstanceOf(RulesetError);
    expect(revived.message).toBe(original.message);
    expect((revived as RulesetError).source).toBe("broken.json");
    expect((revived as RulesetError).issues).toEqual(original.issues);
    expect(describeError(revived)).toEqual(describeError(original));
  });

  it("nothing-written errors keep their reason and sheet", () => {
    const revived = across(NotWrittenError.protectedSheet("Schools"));
    expect(revived).toBeInstanceOf(NotWrittenError);
    expect(revived).toMatchObject({ reason: "protected", sheet: "Schools" });
    expect(describeError(revived).title).toBe("Sheet 'Schools' is protected");
  });

  it("input and unreadable-file errors keep their class", () => {
    expect(across(new UnreadableFileError("book.csv: not a workbook"))).toBeInstanceOf(UnreadableFileError);
    const input = across(new InputError("Sheet 'Schools' is empty"));
    expect(input).toBeInstanceOf(InputError);
    expect(input).not.toBeInstanceOf(UnreadableFileError);
    expect(describeError(input)).toEqual({ intent: "error", title: "The workbook does not fit the ruleset", body: "Sheet 'Schools' is empty" });
  });

  it("anything else keeps its name and message", () => {
    const e = across(new RangeError("Maximum call stack size exceeded"));
    expect([e.name, e.message]).toEqual(["RangeError", "Maximum call stack size exceeded"]);
    expect(across("plain text").message).toBe("plain text");
    expect(new CancelledError()).toBeInstanceOf(Error);
  });
});
