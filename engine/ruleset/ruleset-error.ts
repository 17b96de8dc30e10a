// A ruleset that is not valid: every problem with its JSON path (and line and column, when read
// from text). Apart from the parser, so that what only reports it (the pane) need not load one.
import type { JsonIssue } from "./json-text";

export class RulesetError extends Error {
  constructor(readonly source: string, readonly issues: JsonIssue[]) {
    super(
      `${source}: the ruleset is not valid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n` +
        issues.map((i) => `  - ${i.path}${i.line ? ` (line ${i.line}, column ${i.column})` : ""}: ${i.message}`).join("\n"),
    );
    this.name = "RulesetError";
  }
}
