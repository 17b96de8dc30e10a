// The sheet columns behind facts, for the json-rules-engine side's trigger cells and watch flags:
// which fields each fact rests on (the ruleset's, worked out once), which column holds each field
// (matched by header once per sheet), and the columns behind a set of facts (kept per set: few
// sets recur across rows).
import type { Ruleset } from "../engine/ruleset/schema";
import { normaliseHeader } from "../engine";
import { compileDerived } from "../engine/evaluate/derived-facts";

/** Field ids each fact rests on: a field on itself, a derived fact on its inputs', constants and history facts on none. */
export const factSources = (ruleset: Ruleset): ReadonlyMap<string, string[]> => compileDerived(ruleset).sources;

export interface ColumnsBehind {
  /** Sheet columns (1-based, ascending, once each) behind the facts; the same list for the same facts (read-only). */
  of(facts: readonly string[]): number[];
}

/** For a sheet whose headers start at column 1: each field's column by its first header alias found (the first of repeated headers). */
export function columnsBehind(ruleset: Ruleset, sources: ReadonlyMap<string, string[]>, headers: readonly string[]): ColumnsBehind {
  const byHeader = new Map<string, number>();
  headers.forEach((h, c) => {
    const key = normaliseHeader(h);
    if (key && !byHeader.has(key)) byHeader.set(key, c + 1);
  });
  const fieldColumn = new Map<string, number>();
  for (const f of ruleset.fields) {
    const c = f.headers.map((h) => byHeader.get(normaliseHeader(h))).find((x) => x !== undefined);
    if (c !== undefined) fieldColumn.set(f.id, c);
  }
  const kept = new Map<string, number[]>();
  return {
    of(facts) {
      const key = facts.join("\n");
      let columns = kept.get(key);
      if (!columns) {
        const found = new Set<number>();
        for (const fact of facts) for (const field of sources.get(fact) ?? []) {
          const c = fieldColumn.get(field);
          if (c !== undefined) found.add(c);
        }
        columns = [...found].sort((a, b) => a - b);
        kept.set(key, columns);
      }
      return columns;
    },
  };
}
