// Turning any error into a message bar an officer can act on.
import { InputError, NotWrittenError, RulesetError, UnreadableFileError } from "../engine";

export interface Message {
  intent: "error" | "warning" | "success" | "info";
  title: string;
  body: string;
}

export function describeError(e: unknown): Message {
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof RulesetError) return { intent: "error", title: "The ruleset has problems", body: text };
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
