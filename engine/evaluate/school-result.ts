// One school's result as a run makes it. Everything a host writes (category, triggers, stage,
// Reasons, the cells a trigger colours) is worked out with the run; the rule traces behind an
// explanation are made from the school's facts when first read, since a run over a sheet writes
// every school's reasons but explains one school at a time.
import type { Escalation, FactValue, Moderation, NotCategorised, RowResult, RuleTrace, TriggerHit, WatchHit } from "../results";
import type { CompiledRuleset } from "./compile-ruleset";
import type { Facts } from "./compile-condition";

/** What a result holds until the run sets its own (the run sets each): shared, read only. */
const NONE = Object.freeze([]) as unknown as never[];
const NOTHING: Record<string, FactValue> = Object.freeze({});

export class SchoolResult implements RowResult {
  row = 0;
  key: string | number | null = null;
  name: string | null = null;
  band = "";
  bandLabel = "";
  ruleBand = "";
  moderated = false;
  declare notCategorised?: NotCategorised;
  declare moderation?: Moderation;
  triggers: TriggerHit[] = NONE;
  escalation: Escalation | null = null;
  nextAction = "";
  due: string | null = null;
  reasons: string[] = NONE;
  warnings: string[] = NONE;
  outputs: Record<string, FactValue> = NOTHING;
  facts: Record<string, FactValue> = NOTHING;
  triggerCells: RowResult["triggerCells"] = NONE;
  declare watch?: WatchHit[];
  readonly #compiled: CompiledRuleset;
  readonly #withheld: ReadonlyMap<string, string>;
  #traces: RuleTrace[] | undefined;

  constructor(compiled: CompiledRuleset, withheld: ReadonlyMap<string, string>) {
    this.#compiled = compiled;
    this.#withheld = withheld;
  }

  /** The rules that held, those ranked above the category and stage given, and those left undecided, each with every condition. */
  get traces(): RuleTrace[] {
    return (this.#traces ??= this.#compiled.traces(this.facts as Facts, this.#withheld));
  }
}

/**
 * Results as plain objects, traces made: what a worker posts (a structured clone keeps own
 * properties only, so a result's traces would not reach the page).
 */
export function plainResults(rows: readonly RowResult[]): RowResult[] {
  return rows.map((r) => ({ ...r, traces: r.traces }));
}
