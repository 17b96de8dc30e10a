// The messages between the pane and the engine worker. Each request has an id; the worker answers
// with progress, parts of a long result (outcome-transfer.ts), then done or failed.
import type { OutputPlan, Ruleset, RunResult, StoreContents } from "../engine";
import type { RulesetText } from "./bundled-rulesets";
import type { LettersAsk, LettersMade } from "./letters-protocol";
import type { OutcomePart } from "./outcome-transfer";
import type { RecordedResults, RunOutcome, Target } from "./pane-host";
import type { SentError } from "./worker-errors";
import type { WorkbookSnapshot } from "./workbook-snapshot";

/** A ruleset as the worker is sent it: text, which it parses itself. */
export type RulesetSent = Pick<RulesetText, "text" | "source">;

export type EngineRequest =
  /** Parse and validate a ruleset that came from outside (a file, a workbook): the page gets it parsed. */
  | { kind: "checkRuleset"; ruleset: RulesetSent }
  /** Inside Excel: categorise sheets read on the page, and build the output plan. */
  | { kind: "categorise"; ruleset: RulesetSent; workbook: WorkbookSnapshot; sheet: string; store: StoreContents }
  /** Inside Excel, after a run: categorise again the schools an edit affected (live updates), as of the run's date. */
  | { kind: "categoriseRows"; ruleset: RulesetSent; workbook: WorkbookSnapshot; sheet: string; asOf: string; store: StoreContents }
  /** Outside Office, the uploaded workbook lives in the worker: open it, then work on it. */
  | { kind: "openFile"; bytes: Uint8Array; name: string }
  | { kind: "listTargets" }
  | { kind: "readStoredRuleset" }
  | { kind: "recordedResults" }
  | { kind: "storeRuleset"; text: string | null }
  | { kind: "runFile"; ruleset: RulesetSent; target: Target }
  | { kind: "clearFile"; target: Target }
  /** Letters from the sheet run: the sheets read in Excel (with the store), or outside Office the open file. */
  | { kind: "makeLetters"; ruleset: RulesetSent; letters: LettersAsk; sheet: string; workbook?: WorkbookSnapshot; store?: StoreContents };

/** What each request answers. */
export interface EngineReplies {
  checkRuleset: Ruleset;
  /** A run's outcome but for the host's notes, which come from writing. */
  categorise: Omit<RunOutcome, "notes">;
  categoriseRows: { result: RunResult; plan: OutputPlan };
  openFile: null;
  listTargets: Target[];
  readStoredRuleset: string | null;
  recordedResults: RecordedResults;
  /** The workbook file after the change. */
  storeRuleset: Uint8Array;
  runFile: RunOutcome & { bytes: Uint8Array };
  clearFile: { bytes: Uint8Array; message: string };
  makeLetters: LettersMade;
}

export type EngineMessage = EngineRequest & { id: number };

export type EngineReply =
  | { id: number; type: "progress"; fraction: number; label: string }
  | { id: number; type: "part"; part: OutcomePart; index: number; count: number }
  | { id: number; type: "done"; value: unknown }
  | { id: number; type: "failed"; error: SentError };
