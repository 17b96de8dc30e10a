// The pane's Local authority summary from a run's results: worked out in the engine worker with the
// run, and on the page when the officer refreshes it after live updates.
import { laSummary, summaryCharts, type Ruleset, type RunResult } from "../engine";
import type { PaneSummary } from "./pane-host";

export function paneSummary(result: RunResult, ruleset: Ruleset): PaneSummary {
  const la = laSummary(result, ruleset);
  return { la, charts: summaryCharts(result, ruleset, la) };
}
