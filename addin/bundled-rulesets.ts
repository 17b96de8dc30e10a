// The rulesets shipped with the add-in. Kept as JSON text so they parse exactly like a file in the
// engine worker. The page itself has no ruleset parser (zod, RE2 and the JSON reader stay in the
// worker): it takes the bundled ones as they are, and test/unit/bundled-rulesets.test.ts checks
// that each is exactly what parseRuleset makes of its text.
import type { Ruleset } from "../engine";
import staffordshire from "../rules/staffordshire.json";
import warwickshire from "../rules/warwickshire.json";
import { checkedRuleset } from "./ruleset-checked";

export interface RulesetText {
  key: string;
  label: string;
  text: string;
  source: string;
}

export const BUNDLED_RULESETS: RulesetText[] = [
  { key: "bundled:staffordshire", label: "Staffordshire 2014-16 (bundled)", text: JSON.stringify(staffordshire), source: "rules/staffordshire.json" },
  { key: "bundled:warwickshire", label: "Warwickshire 2013 (bundled)", text: JSON.stringify(warwickshire), source: "rules/warwickshire.json" },
];

const DATA: Record<string, unknown> = { "bundled:staffordshire": staffordshire, "bundled:warwickshire": warwickshire };

/** A bundled ruleset, by option key, as parseRuleset hands it out (a fresh copy). */
export const bundledRuleset = (key: string): Ruleset => checkedRuleset(DATA[key] as Ruleset);

/** Every bundled ruleset, by option key. */
export const bundledRulesets = (): Record<string, Ruleset> => Object.fromEntries(BUNDLED_RULESETS.map((b) => [b.key, bundledRuleset(b.key)]));

/** The bundled ruleset this text is, if it is one (same option and same text). */
export const bundledKey = (text: RulesetText): string | undefined => BUNDLED_RULESETS.find((b) => b.key === text.key && b.text === text.text)?.key;
