// The rulesets shipped with the add-in. Kept as JSON text so they parse exactly like a file.
import staffordshire from "../rules/staffordshire.json";
import warwickshire from "../rules/warwickshire.json";

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
