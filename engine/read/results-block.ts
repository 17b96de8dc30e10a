// The results columns a run writes at the right of the officer's table, and how an earlier run's
// block of them is recognised on the header row.
import type { Ruleset } from "../ruleset/schema";
import { normaliseHeader } from "./headers";

/** The results columns a run writes, in order (ruleset outputs such as funding follow Reasons). */
export const RESULT_HEADERS = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];

export function resultHeaders(ruleset: Ruleset): string[] {
  return [...RESULT_HEADERS, ...(ruleset.outputs ?? []).map((o) => o.header)];
}

/**
 * A trailing block of our headers, starting with the first of them ("Category"), at the right of
 * a header row: 0-based [start, end) into headers, or null. Blank headers at the right are skipped.
 */
export function trailingResultsBlock(headers: readonly unknown[], ours: readonly string[]): { start: number; end: number } | null {
  const known = new Set(ours.map(normaliseHeader));
  const first = normaliseHeader(ours[0]);
  let end = headers.length;
  while (end > 0 && normaliseHeader(headers[end - 1]) === "") end--;
  for (let start = end - 1; start >= 0 && known.has(normaliseHeader(headers[start])); start--) {
    if (normaliseHeader(headers[start]) === first) return { start, end };
  }
  return null;
}
