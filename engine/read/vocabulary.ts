// Controlled vocabularies: the values a text column may hold, each with the other spellings read as
// it (a ruleset field's `values`). Cells are matched loosely (case and punctuation do not matter,
// as for headers), so "LA notice of concern" and "NoC" both read as "Notice of Concern".
import type { Field } from "../ruleset/schema";
import { normaliseHeader } from "./headers";

const lookups = new WeakMap<object, Map<string, string>>();

/** Spelling (normalised) -> the value it stands for; built once per field's list. */
function lookupOf(values: Record<string, string[]>): Map<string, string> {
  let map = lookups.get(values);
  if (!map) {
    map = new Map();
    for (const [value, spellings] of Object.entries(values)) {
      for (const s of [value, ...spellings]) if (!map.has(normaliseHeader(s))) map.set(normaliseHeader(s), value);
    }
    lookups.set(values, map);
  }
  return map;
}

/** The value a cell's text stands for, or undefined when it is none of the field's values. */
export function vocabularyValue(field: Pick<Field, "values">, text: string): string | undefined {
  return field.values ? lookupOf(field.values).get(normaliseHeader(text)) : undefined;
}

/** "Notice of Concern, Warning notice (s60)": the values, for messages. */
export function vocabularyText(field: Pick<Field, "values">): string {
  const values = Object.keys(field.values ?? {});
  return values.length <= 8 ? values.join(", ") : `${values.slice(0, 6).join(", ")}… ${values.length} in all: see the ruleset`;
}
