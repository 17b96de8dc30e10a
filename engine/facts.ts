// The fact vocabulary, in one place: the facts a run adds to every row besides the ruleset's own
// (fields, constants, derived facts), their labels, the rules that may use them, and the order a
// row's facts are added in. Parsing, evaluation, explanations and `check` all read it from here.
import type { Ruleset } from "./ruleset/schema";

/** A fact the run itself supplies. */
export interface RunFact {
  id: string;
  label: string;
}

/** Every rule can use these: the run date and the row's academic year. */
export const RUN_FACTS: readonly RunFact[] = [
  { id: "asOf", label: "Run date" },
  { id: "year", label: "Academic year" },
];
/** Bands and stages can use these: the fired trigger ids and their count. */
export const TRIGGER_FACTS: readonly RunFact[] = [
  { id: "triggers", label: "Triggers" },
  { id: "triggerCount", label: "Number of triggers" },
];
/** Stages can use this: the band the school ended with. */
export const BAND_FACTS: readonly RunFact[] = [{ id: "band", label: "Category" }];

/** Names a ruleset may not give its own facts. */
export const RESERVED_FACTS: readonly string[] = [...RUN_FACTS, ...TRIGGER_FACTS, ...BAND_FACTS].map((f) => f.id);

/** Every fact a row ends with, in the order evaluation adds them. */
export function factOrder(ruleset: Ruleset): string[] {
  return [
    ...ruleset.fields.map((f) => f.id),
    ...RUN_FACTS.map((f) => f.id),
    ...Object.keys(ruleset.constants ?? {}),
    ...(ruleset.derived ?? []).map((d) => d.id),
    ...TRIGGER_FACTS.map((f) => f.id),
    ...BAND_FACTS.map((f) => f.id),
  ];
}

/** The label users read for each fact id (a fact without one is shown by its id). */
export function factLabels(ruleset: Ruleset): (fact: string) => string {
  const labels = new Map<string, string>([
    ...ruleset.fields.map((f) => [f.id, f.label] as const),
    ...Object.entries(ruleset.constants ?? {}).map(([id, c]) => [id, c.label] as const),
    ...(ruleset.derived ?? []).map((d) => [d.id, d.label] as const),
    ...[...RUN_FACTS, ...TRIGGER_FACTS, ...BAND_FACTS].map((f) => [f.id, f.label] as const),
  ]);
  return (fact) => labels.get(fact) ?? fact;
}
