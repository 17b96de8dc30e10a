// How well the school data fits a ruleset (the share of the ruleset's fields whose columns are
// found, and whether every required one is), and whether another ruleset the pane knows (bundled,
// stored in the workbook, or a file already checked) fits the same data clearly better.
// A run on a poor fit still runs, but ends in a warning that says so.
import type { Ruleset } from "../engine";
import type { Target } from "./pane-host";
import { matchTarget, type TargetMatch } from "./target-match";

/** Below this share of its fields found, a ruleset fits poorly: many of its rules cannot be checked. */
export const POOR_FIT = 0.6;
/** Another ruleset fits clearly better when it finds at least this much more of its own fields. */
export const CLEARLY_BETTER = 0.2;

export interface Fit {
  found: number;
  fields: number;
  /** found / fields, 0 to 1. */
  share: number;
  missingRequired: string[];
  /** A required column is missing, or too few of the ruleset's fields are found. */
  poor: boolean;
}

export function fitOf(m: Pick<TargetMatch, "found" | "fields" | "missingRequired">): Fit {
  const share = m.fields ? m.found / m.fields : 1;
  return { found: m.found, fields: m.fields, share, missingRequired: m.missingRequired, poor: m.missingRequired.length > 0 || share < POOR_FIT };
}

/** A ruleset the pane could offer: its option's key and label, and the ruleset parsed. */
export interface Candidate {
  key: string;
  label: string;
  ruleset: Ruleset;
}

export interface BetterFit extends Candidate {
  fit: Fit;
}

/**
 * The candidate that fits `target` clearly better than the current fit, best first, or null. It must
 * fit well itself, and either the current ruleset cannot run at all (a required column is missing)
 * or it finds at least CLEARLY_BETTER more of its fields.
 */
export function betterFit(target: Target, current: Fit, candidates: readonly Candidate[]): BetterFit | null {
  let best: BetterFit | null = null;
  for (const c of candidates) {
    const fit = fitOf(matchTarget(target, c.ruleset));
    const better = !fit.poor && (current.missingRequired.length > 0 || fit.share >= current.share + CLEARLY_BETTER);
    if (better && (!best || fit.share > best.fit.share)) best = { ...c, fit };
  }
  return best;
}

/** "12 of 33 fields (36%)" */
export const fitText = (f: Fit) => `${f.found} of ${f.fields} fields (${Math.round(f.share * 100)}%)`;
