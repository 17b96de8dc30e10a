// The shape of a ruleset's conditions, checked before anything follows a shared-condition
// reference: references that go round in a loop (a → b → a), conditions nested deeper than
// MAX_CONDITION_DEPTH (references counted), and conditions that, with the shared conditions they
// use, make more comparisons than MAX_COMPARISONS for each school. Nothing here recurses through
// references, so none of these can overflow the stack or hang while they are being found.
import type { Condition, Ruleset } from "./schema";
import type { PathPart } from "./json-text";
import { forEachReference, isLeaf, ruleConditions } from "./conditions";
import { own } from "./dictionaries";
import { MAX_CONDITION_DEPTH } from "./json-depth";

/** Comparisons one rule may make for a school, shared conditions expanded. */
export const MAX_COMPARISONS = 2000;

type Problem = [PathPart[], string];

interface Measure {
  /** Levels, a reference counting as one more than what it stands for. */
  depth: number;
  /** Comparisons (leaves), shared conditions expanded. */
  comparisons: number;
}

export function conditionShapeProblems(r: Ruleset): Problem[] {
  const shared = r.sharedConditions ?? {};
  const names = Object.keys(shared);
  const problems: Problem[] = [];

  const refs = new Map<string, string[]>();
  for (const name of names) {
    const out = new Set<string>();
    forEachReference(shared[name], [], (ref) => {
      if (own(shared, ref) !== undefined) out.add(ref);
    });
    refs.set(name, [...out]);
  }
  const { cycles, order } = findCycles(names, refs);
  for (const cycle of cycles) {
    problems.push([
      ["sharedConditions", cycle[0]],
      cycle.length === 2 ? `shared condition '${cycle[0]}' refers to itself` : `shared conditions refer to each other in a loop: ${loopText(cycle)}`,
    ]);
  }

  // Measures of the shared conditions, those referred to first (a loop leaves its members out).
  const measures = new Map<string, Measure>();
  const measure = (c: Condition): Measure => {
    if (isLeaf(c)) return { depth: 1, comparisons: 1 };
    if ("condition" in c) {
      const m = measures.get(c.condition);
      return m ? { depth: m.depth + 1, comparisons: m.comparisons } : { depth: 1, comparisons: 0 };
    }
    const children = "all" in c ? c.all : "any" in c ? c.any : [c.not];
    let depth = 0;
    let comparisons = 0;
    for (const x of children) {
      const m = measure(x);
      depth = Math.max(depth, m.depth);
      comparisons = Math.min(comparisons + m.comparisons, Number.MAX_SAFE_INTEGER);
    }
    return { depth: depth + 1, comparisons };
  };
  for (const name of order) measures.set(name, measure(shared[name]));

  const places: [Condition, PathPart[]][] = [
    ...names.map((n): [Condition, PathPart[]] => [shared[n], ["sharedConditions", n]]),
    ...ruleConditions(r).map((x): [Condition, PathPart[]] => [x.condition, x.path]),
  ];
  const tooBig = (name: string) => (measures.get(name)?.comparisons ?? 0) > MAX_COMPARISONS;
  for (const [c, path] of places) {
    const deep = tooDeepAt(c, path, 1, measures);
    if (deep) problems.push(deep);
    const m = measure(c);
    // Reported where the excess is written: not again at every rule that uses a shared condition already too big.
    let usesTooBig = false;
    forEachReference(c, [], (ref) => void (usesTooBig ||= tooBig(ref)));
    if (m.comparisons > MAX_COMPARISONS && !usesTooBig) {
      problems.push([path, `with the shared conditions it uses, this condition makes ${m.comparisons} comparisons for each school: at most ${MAX_COMPARISONS} are allowed`]);
    }
  }
  return problems;
}

/** "a → b → c → a"; a long loop with its middle left out. */
function loopText(cycle: string[]): string {
  if (cycle.length <= 12) return cycle.join(" → ");
  return [...cycle.slice(0, 6), `… ${cycle.length - 9} more …`, ...cycle.slice(-3)].join(" → ");
}

/** The first place under c that nests deeper than allowed, or null. */
function tooDeepAt(c: Condition, path: PathPart[], level: number, measures: Map<string, Measure>): Problem | null {
  if ("condition" in c) {
    const m = measures.get(c.condition);
    // A shared condition too deep on its own is reported where it is written.
    if (m && m.depth <= MAX_CONDITION_DEPTH && level + m.depth > MAX_CONDITION_DEPTH) {
      return [path, `with shared condition '${c.condition}' (${m.depth} levels), conditions here nest ${level + m.depth} deep: at most ${MAX_CONDITION_DEPTH} levels are allowed`];
    }
    return null;
  }
  if (level > MAX_CONDITION_DEPTH) return [path, `conditions nest more than ${MAX_CONDITION_DEPTH} deep here: at most ${MAX_CONDITION_DEPTH} levels are allowed`];
  if (isLeaf(c)) return null;
  const children: [Condition, PathPart[]][] =
    "all" in c ? c.all.map((x, i) => [x, [...path, "all", i]]) : "any" in c ? c.any.map((x, i) => [x, [...path, "any", i]]) : [[c.not, [...path, "not"]]];
  for (const [x, p] of children) {
    const found = tooDeepAt(x, p, level + 1, measures);
    if (found) return found;
  }
  return null;
}

/**
 * Loops among the references, each as its names with the first repeated at the end (a → b → a),
 * and an order of the names with every name after those it refers to (loop members left out).
 * Depth first, with its own stack: a chain of thousands of references does not overflow it.
 */
function findCycles(names: string[], refs: Map<string, string[]>): { cycles: string[][]; order: string[] } {
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const inLoop = new Set<string>();
  const order: string[] = [];
  for (const start of names) {
    if (state.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, "open");
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = refs.get(top.name)!;
      if (top.next < out.length) {
        const to = out[top.next++];
        if (state.get(to) === "open") {
          const from = stack.findIndex((f) => f.name === to);
          const cycle = [...stack.slice(from).map((f) => f.name), to];
          cycle.slice(0, -1).forEach((n) => inLoop.add(n));
          const key = [...new Set(cycle)].sort().join("\u0000");
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
        } else if (!state.has(to)) {
          state.set(to, "open");
          stack.push({ name: to, next: 0 });
        }
      } else {
        state.set(top.name, "done");
        stack.pop();
        order.push(top.name);
      }
    }
  }
  return { cycles, order: order.filter((n) => !inLoop.has(n) && !refs.get(n)!.some((to) => inLoop.has(to))) };
}

/** Comparisons a condition makes, shared conditions expanded; each shared condition counted once. */
export function comparisonCounter(shared: Readonly<Record<string, Condition>>): (c: Condition) => number {
  const memo = new Map<string, number>();
  const count = (c: Condition): number => {
    if (isLeaf(c)) return 1;
    if ("condition" in c) {
      let n = memo.get(c.condition);
      if (n === undefined) {
        memo.set(c.condition, 0); // a loop (only in a ruleset not read by parseRuleset) counts nothing more
        const target = own(shared, c.condition);
        n = target ? count(target) : 0;
        memo.set(c.condition, n);
      }
      return n;
    }
    const children = "all" in c ? c.all : "any" in c ? c.any : [c.not];
    return children.reduce((sum, x) => Math.min(sum + count(x), Number.MAX_SAFE_INTEGER), 0);
  };
  return count;
}
