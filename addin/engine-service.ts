// The engine worker's work (engine-worker.ts is only its entry): requests are taken one at a time,
// in the order sent, and each is answered with progress, the parts of a long result, then done or
// failed. Rulesets are parsed here from their text (the page has no parser), so a hostile one can
// only hang this worker, which the pane can stop. Outside Office the uploaded workbook lives here
// too (BrowserHost, with the file host, loaded only when a file is opened). The pane's local
// authority summary is worked out here with the run: on 60,000 schools it takes a few hundred
// milliseconds. So is the movement since the last run recorded in the workbook.
import { buildOutputPlan, categorise, evaluateLive, movement, parseRuleset, plainResults, type RunResult, type Ruleset } from "../engine";
import type { BrowserHost } from "./browser-host";
import { splitRun } from "./outcome-transfer";
import { phase, PHASES, type Progress } from "./pane-host";
import { paneSummary } from "./pane-summary";
import { sendableError } from "./worker-errors";
import type { EngineMessage, EngineReply, EngineReplies, RulesetSent } from "./worker-protocol";
import { sourceOf } from "./workbook-snapshot";

export function engineService(post: (reply: EngineReply) => void): (message: EngineMessage) => Promise<void> {
  let parsed: (RulesetSent & { ruleset: Ruleset }) | null = null;
  let file: BrowserHost | null = null;
  let queue = Promise.resolve();

  /** The ruleset parsed from its text; the last one is kept, as a run usually follows its check. */
  const rulesetOf = (r: RulesetSent): Ruleset => {
    if (parsed?.text !== r.text || parsed.source !== r.source) parsed = { text: r.text, source: r.source, ruleset: parseRuleset(r.text, r.source) };
    return parsed.ruleset;
  };
  const openFile = (): BrowserHost => {
    if (!file) throw new Error("No workbook is open in the engine worker.");
    return file;
  };

  async function answer(m: EngineMessage, progress: Progress): Promise<EngineReplies[EngineMessage["kind"]]> {
    switch (m.kind) {
      case "checkRuleset":
        return rulesetOf(m.ruleset);
      case "categorise": {
        const ruleset = rulesetOf(m.ruleset);
        const onProgress = phase(progress, "categorise", "Categorising: {done} of {total} rows…");
        const source = sourceOf(m.workbook);
        const result = await categorise(source, ruleset, { sheet: m.sheet, store: m.store, onProgress });
        progress(PHASES.categorise[1], "Preparing the results…");
        // The store as read before this run: the summary sheet and the pane show the movement since the last run in it.
        const plan = buildOutputPlan(result, ruleset, source, m.store);
        return { result: sendable(result), plan, summary: paneSummary(result, ruleset), movement: movement(m.store, result, ruleset, plan.run) };
      }
      case "categoriseRows": {
        const live = await evaluateLive(sourceOf(m.workbook), rulesetOf(m.ruleset), m.sheet, m.asOf, m.store);
        return { ...live, result: sendable(live.result) };
      }
      case "openFile": {
        file = null;
        const { BrowserHost } = await import(/* webpackChunkName: "file-host" */ "./browser-host");
        file = await BrowserHost.open(m.bytes, m.name);
        return null;
      }
      case "listTargets":
        return openFile().listTargets();
      case "readStoredRuleset":
        return openFile().readStoredRuleset();
      case "recordedResults":
        return openFile().recordedResults();
      case "storeRuleset":
        await openFile().storeRuleset(m.text);
        return openFile().bytes;
      case "runFile": {
        const ruleset = rulesetOf(m.ruleset);
        const outcome = await openFile().run(m.target, ruleset, progress);
        return { ...outcome, result: sendable(outcome.result), summary: paneSummary(outcome.result, ruleset), bytes: openFile().bytes };
      }
      case "clearFile": {
        const message = await openFile().clear(m.target);
        return { bytes: openFile().bytes, message };
      }
      case "makeLetters": {
        // The letters (hosts/docx, fflate's zip) load only when first made.
        const { lettersFor } = await import(/* webpackChunkName: "letters" */ "./letters-service");
        return lettersFor(m, rulesetOf(m.ruleset), openFile, progress);
      }
    }
  }

  async function handle(m: EngineMessage): Promise<void> {
    const { id } = m;
    try {
      const value = await answer(m, (fraction, label) => post({ id, type: "progress", fraction, label }));
      if (m.kind === "categorise" || m.kind === "runFile") {
        const { head, parts } = splitRun(value as EngineReplies["categorise"]);
        parts.forEach((part, index) => post({ id, type: "part", part, index, count: parts.length }));
        post({ id, type: "done", value: head });
      } else post({ id, type: "done", value });
    } catch (error) {
      post({ id, type: "failed", error: sendableError(error) });
    }
  }

  return (message) => (queue = queue.then(() => handle(message)));
}

/** A run's result as the page can receive it: each school's explanation (rule traces) made, as a posted copy keeps only own properties. */
function sendable(result: RunResult): RunResult {
  return { ...result, rows: plainResults(result.rows) };
}
