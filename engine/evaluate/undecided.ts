// Rules that missing data alone kept from holding (a SUPP or NE cell): which of a rule's facts were
// missing, worked out from the school's facts without tracing the rule. A run says these rules in
// each such school's Reasons ("Could not be decided for lack of data: ..."); their full traces are
// made only when an explanation is read.
import type { Condition } from "../ruleset/schema";
import type { Facts } from "./compile-condition";
import { isFactRef, isLeaf } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";
import { isMissing, VALUELESS_OPERATORS } from "./operators";

/** A rule left undecided: its label and the facts it lacked, each once, in the order its trace lists them. */
export interface Undecided {
  label: string;
  missing: readonly string[];
}

/** A leaf as the missing facts need it. */
export interface MissingLeaf {
  fact: string;
  /** The fact it is compared with, if any. */
  ref?: string;
  /** isMissing, isPresent...: a missing fact is what it looks at, not a lack. */
  looksAtMissing: boolean;
}

/** A rule's leaves in the order its trace lists them: every leaf, shared conditions written out where used. */
export function leavesInOrder(c: Condition, shared: Record<string, Condition>, out: MissingLeaf[] = []): MissingLeaf[] {
  if (isLeaf(c)) out.push({ fact: c.fact, ref: isFactRef(c.value) ? c.value.fact : undefined, looksAtMissing: VALUELESS_OPERATORS.has(c.operator.split(":").pop()!) });
  else if ("condition" in c) {
    const target = own(shared, c.condition);
    if (target !== undefined) leavesInOrder(target, shared, out);
  } else if ("not" in c) leavesInOrder(c.not, shared, out);
  else for (const x of "all" in c ? c.all : c.any) leavesInOrder(x, shared, out);
  return out;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The facts of the leaves that found their value (or the value they compare with) missing, each
 * once: what the rule's trace gives as its `missing`.
 */
export function missingFacts(leaves: readonly MissingLeaf[], facts: Facts): readonly string[] {
  let out: string[] | undefined;
  for (const l of leaves) {
    if (l.looksAtMissing || !(isMissing(facts[l.fact]) || (l.ref !== undefined && isMissing(facts[l.ref])))) continue;
    if (!out) out = [l.fact];
    else if (!out.includes(l.fact)) out.push(l.fact);
  }
  return out ?? NONE;
}
