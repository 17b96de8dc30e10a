// Turning any error into a message bar an officer can act on.
import { InputError, NotWrittenError, RulesetError, UnreadableFileError } from "../engine";
import { rulesetProblems } from "./ruleset-problems";

export interface Message {
  intent: "error" | "warning" | "success" | "info";
  title: string;
  body: string;
  /** Points listed under the body (a ruleset's problems, in words). */
  details?: string[];
  /** A last line after the details (what is still in use). */
  after?: string;
  /** A ruleset the pane offers instead (its option's key and label), as a button in the message. */
  offer?: { key: string; label: string };
}

function rulesetMessage(e: RulesetError): Message {
  const { lines, followOn } = rulesetProblems(e.issues);
  const those = lines.length === 1 ? "this is" : "these are";
  const body = `${e.source} cannot be used until ${those} put right in the file:`;
  const details = followOn ? [...lines, `Put the first one right, then try again: the ${followOn} other JSON problem${followOn === 1 ? "" : "s"} found after it may follow from it.`] : lines;
  return { intent: "error", title: "The ruleset has problems", body, details };
}

export function describeError(e: unknown): Message {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof RulesetError) return rulesetMessage(e);
  if (e instanceof UnreadableFileError) return { intent: "error", title: "This file cannot be opened", body: text };
  if (e instanceof InputError) return { intent: "error", title: "The workbook does not fit the ruleset", body: text };
  if (e instanceof NotWrittenError && e.reason === "protected") return { intent: "error", title: `Sheet '${e.sheet}' is protected`, body: text };
  if (e instanceof NotWrittenError) return { intent: "error", title: "Nothing was written", body: text };
  const code = (e as { code?: string } | null)?.code;
  if (code === "AccessDenied" || code === "InvalidOperationInCellEditMode") {
    return { intent: "error", title: "Excel refused the change", body: `${text} (Finish editing the cell, or check that the workbook and sheet are not protected, then run again.)` };
  }
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
    return { intent: "error", title: "The workbook is too large for one request", body: text };
  }
  return { intent: "error", title: "Something went wrong", body: text };
}
