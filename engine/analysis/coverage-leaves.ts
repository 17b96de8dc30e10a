// The leaves of one rule's conditions, each with where it is written: every comparison under
// all/any/not, and inside the shared conditions the rule refers to (followed to the comparisons
// they hold, once per place they are used, since each use sits in a rule of its own).
import type { Condition, Leaf } from "../ruleset/schema";
import type { PathPart } from "../ruleset/json-text";
import { isLeaf } from "../ruleset/conditions";
import { own } from "../ruleset/dictionaries";

export interface RuleLeaf {
  leaf: Leaf;
  /** Where the comparison is written: in the rule, or in sharedConditions when it came through one. */
  path: PathPart[];
  /** When it came through shared conditions: where the rule refers to the first, and their names in turn. */
  via?: { path: PathPart[]; names: string[] };
  /** Under an odd number of 'not's: the rule needs it not to hold. */
  negated: boolean;
}

export function ruleLeaves(c: Condition, path: PathPart[], shared: Readonly<Record<string, Condition>>): RuleLeaf[] {
  const out: RuleLeaf[] = [];
  const walk = (x: Condition, at: PathPart[], negated: boolean, via?: RuleLeaf["via"]): void => {
    if (isLeaf(x)) out.push({ leaf: x, path: at, negated, ...(via ? { via } : {}) });
    else if ("all" in x) x.all.forEach((y, i) => walk(y, [...at, "all", i], negated, via));
    else if ("any" in x) x.any.forEach((y, i) => walk(y, [...at, "any", i], negated, via));
    else if ("not" in x) walk(x.not, [...at, "not"], !negated, via);
    else {
      const target = own(shared, x.condition);
      // Parsing refuses unknown names and loops; a ruleset built in code that has one is left there.
      if (target === undefined || via?.names.includes(x.condition)) return;
      walk(target, ["sharedConditions", x.condition], negated, { path: via?.path ?? at, names: [...(via?.names ?? []), x.condition] });
    }
  };
  walk(c, path, false);
  return out;
}
