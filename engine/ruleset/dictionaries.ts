// Names a ruleset gives things (shared conditions, constants, styles, rates, test rows...) are keys
// of its dictionaries, and a name such as toString or constructor must find only what the ruleset
// says, never what every JavaScript object inherits. Parsing hands out these dictionaries with no
// prototype, and the engine's own lookups ask for own keys too.
import type { Ruleset } from "./schema";

/** The value the dictionary itself holds under the name (never an inherited one). */
export function own<T>(dictionary: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return dictionary !== undefined && Object.hasOwn(dictionary, name) ? dictionary[name] : undefined;
}

/** Whether the dictionary itself holds the name. */
export function hasOwnName(dictionary: Readonly<Record<string, unknown>> | undefined, name: string): boolean {
  return dictionary !== undefined && Object.hasOwn(dictionary, name);
}

/** A copy with no prototype: `d[name]` and `name in d` see only the entries. */
function bare<T>(d: Record<string, T>): Record<string, T>;
function bare<T>(d: Record<string, T> | undefined): Record<string, T> | undefined;
function bare<T>(d: Record<string, T> | undefined): Record<string, T> | undefined {
  return d === undefined ? undefined : Object.assign(Object.create(null) as Record<string, T>, d);
}

/** The ruleset with every dictionary in it made prototype-free (in place; it is returned). */
export function withBareDictionaries(r: Ruleset): Ruleset {
  if (r.constants) {
    for (const c of Object.values(r.constants)) if (typeof c.value === "object") c.value.byYear = bare(c.value.byYear);
    r.constants = bare(r.constants);
  }
  r.sharedConditions = bare(r.sharedConditions);
  r.styles.bands = bare(r.styles.bands);
  r.styles.severities = bare(r.styles.severities);
  for (const o of r.outputs ?? []) o.rates = bare(o.rates);
  for (const t of r.tests ?? []) {
    t.row = bare(t.row);
    if (t.history) {
      for (const [id, rows] of Object.entries(t.history)) t.history[id] = rows.map((e) => bare(e));
      t.history = bare(t.history);
    }
    if (t.expect.outputs) t.expect.outputs = bare(t.expect.outputs);
  }
  return r;
}
