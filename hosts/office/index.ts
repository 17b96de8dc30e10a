// The Office host: a thin adapter between Office.js and the engine. The pane (addin/) calls these.
export { listTargets, readWorkbook, type OfficeTarget, type OfficeRead, type TargetCandidate } from "./read";
export { writeResults, CHART_PREFIX, type WriteReport } from "./write";
export { clearResults } from "./clear";
export { readRecordedResults, readStoredRuleset, writeStoredRuleset } from "./store";
export { liveState, type LiveState } from "./live-basis";
export { liveUpdate, type LiveEvaluator, type LiveOutcome } from "./live-update";
export { watchLive, editedArea, LIVE_DEBOUNCE_MS, type LiveWatch, type LiveWatchOptions, type Batch } from "./live-watch";
