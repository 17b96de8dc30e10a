// Auto-detecting the table that holds the school data: the one whose headers match most of the
// ruleset's fields (all required fields first), preferring the ruleset's named sheets, then tables.
// (Whether Clear has something to do is the run record's to say: clear-blocked.ts.)
import type { Ruleset } from "../engine";
import { normaliseHeader } from "../engine";
import type { Target } from "./pane-host";

export interface TargetMatch {
  target: Target;
  found: number;
  fields: number;
  missingRequired: string[];
}

export function matchTarget(target: Target, ruleset: Ruleset): TargetMatch {
  const headers = new Set(target.headers.map(normaliseHeader));
  const has = (f: Ruleset["fields"][number]) => f.headers.some((h) => headers.has(normaliseHeader(h)));
  return {
    target,
    found: ruleset.fields.filter(has).length,
    fields: ruleset.fields.length,
    missingRequired: ruleset.fields.filter((f) => f.required && !has(f)).map((f) => f.label),
  };
}

/** Targets best first. */
export function rankTargets(targets: Target[], ruleset: Ruleset): TargetMatch[] {
  const preferred = (ruleset.sheet ?? []).map(normaliseHeader);
  const score = (m: TargetMatch) =>
    (m.missingRequired.length ? 0 : 1_000_000) + m.found * 1_000 + (preferred.includes(normaliseHeader(m.target.sheet)) ? 10 : 0) + (m.target.id.startsWith("table:") ? 1 : 0);
  return targets.map((t) => matchTarget(t, ruleset)).sort((a, b) => score(b) - score(a));
}
