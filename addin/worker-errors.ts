// Errors across the worker's boundary: a message carries only plain data, so the engine's errors
// (which the pane tells apart to word its message bar) go over as their name and fields and are
// made again on this side, with the same class and message.
import { InputError, NotWrittenError, RulesetError, UnreadableFileError, type NotWrittenReason } from "../engine";

/** An error as the worker sends it. */
export interface SentError {
  name: string;
  message: string;
  reason?: NotWrittenReason;
  sheet?: string;
  source?: string;
  issues?: RulesetError["issues"];
}

/** The officer cancelled: the worker was stopped and nothing it was doing was kept. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "CancelledError";
  }
}

export function sendableError(e: unknown): SentError {
  if (e instanceof RulesetError) return { name: e.name, message: e.message, source: e.source, issues: e.issues };
  if (e instanceof NotWrittenError) return { name: e.name, message: e.message, reason: e.reason, sheet: e.sheet };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

export function revivedError(s: SentError): Error {
  const e = made(s);
  e.message = s.message;
  return e;
}

function made(s: SentError): Error {
  switch (s.name) {
    case "RulesetError":
      return new RulesetError(s.source ?? "ruleset", s.issues ?? []);
    case "NotWrittenError":
      return new NotWrittenError(s.reason ?? "missing-target", s.message, s.sheet);
    case "UnreadableFileError":
      return new UnreadableFileError(s.message);
    case "InputError":
      return new InputError(s.message);
    default: {
      const e = new Error(s.message);
      e.name = s.name;
      return e;
    }
  }
}
