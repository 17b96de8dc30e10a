// "Did you mean" for a ruleset's unknown names, within bounds. Finding the nearest name costs the
// product of the two names' lengths for every candidate; a hostile file with huge names, or
// thousands of unknown ones against thousands of candidates, must not make reading it take hours.
// Past the bounds, a message simply goes without its suggestion.
import { didYouMean } from "../util/nearest";

/** Names longer than this are neither given nor offered as suggestions. */
const MAX_NAME = 80;
/** Character comparisons one ruleset's suggestions may cost in all (well under a second). */
const BUDGET = 20_000_000;

export type Suggest = (name: string, candidates: readonly string[]) => string;

/** A "did you mean" for one reading of a ruleset, with a budget for the whole reading. */
export function boundedSuggestions(): Suggest {
  let left = BUDGET;
  // Lists of names only grow while a ruleset is read, so their length tells a cached entry is current.
  const pools = new WeakMap<readonly string[], { length: number; short: string[]; said: Map<string, string> }>();
  return (name, candidates) => {
    if (name.length > MAX_NAME) return "";
    let pool = pools.get(candidates);
    if (!pool || pool.length !== candidates.length) {
      pool = { length: candidates.length, short: candidates.filter((c) => c.length <= MAX_NAME), said: new Map() };
      pools.set(candidates, pool);
    }
    const known = pool.said.get(name);
    if (known !== undefined) return known;
    const cost = pool.short.reduce((sum, c) => sum + (c.length + 1) * (name.length + 1), 0);
    if (cost > left) return "";
    left -= cost;
    const answer = didYouMean(name, pool.short);
    pool.said.set(name, answer);
    return answer;
  };
}

/** Membership in lists of names, each list turned into a set once (and again if it has grown). */
export function nameSets(): (names: readonly string[], name: string) => boolean {
  const sets = new WeakMap<readonly string[], { length: number; set: Set<string> }>();
  return (names, name) => {
    let s = sets.get(names);
    if (!s || s.length !== names.length) sets.set(names, (s = { length: names.length, set: new Set(names) }));
    return s.set.has(name);
  };
}
