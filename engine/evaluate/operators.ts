// The operator set: json-rules-engine's own operators and decorators, plus a few for dates,
// ranges and missing data. Every operator (except isMissing/isPresent) is wrapped so that a
// missing fact, or a missing fact compared against, never makes a condition hold.
import { Engine, Operator } from "json-rules-engine";

export const isMissing = (v: unknown): boolean => v === null || v === undefined;

const isoDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Operators this engine adds to json-rules-engine's. */
const EXTRA_OPERATORS: [string, (a: any, b: any) => boolean, ((a: any) => boolean)?][] = [
  ["before", (a, b) => a < b, isoDate],
  ["onOrBefore", (a, b) => a <= b, isoDate],
  ["after", (a, b) => a > b, isoDate],
  ["onOrAfter", (a, b) => a >= b, isoDate],
  ["between", (a, b) => Array.isArray(b) && a >= b[0] && a <= b[1], (a) => typeof a === "number"],
  ["matches", (a, b) => new RegExp(String(b), "i").test(String(a)), (a) => typeof a === "string"],
];

/** Operators that look at missingness itself, so are not wrapped. */
const MISSING_OPERATORS: [string, (a: any) => boolean][] = [
  ["isMissing", (a) => isMissing(a)],
  ["isPresent", (a) => !isMissing(a)],
];

export const BASE_OPERATORS = [
  "equal", "notEqual", "in", "notIn", "contains", "doesNotContain",
  "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive",
  ...EXTRA_OPERATORS.map(([n]) => n),
  ...MISSING_OPERATORS.map(([n]) => n),
];
export const DECORATORS = ["not", "someFact", "everyFact", "someValue", "everyValue", "swap"];
/** Operators that take no value. */
export const VALUELESS_OPERATORS = new Set(MISSING_OPERATORS.map(([n]) => n));

/** An operator as json-rules-engine runs it (its typings leave evaluate out). */
export interface RunnableOperator {
  name: string;
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

export interface OperatorLookup {
  get(name: string): RunnableOperator | null;
}

function missingAware(op: RunnableOperator): RunnableOperator {
  if (MISSING_OPERATORS.some(([n]) => op.name.endsWith(n))) return op;
  return new Operator(op.name, (a: unknown, b: unknown) => !isMissing(b) && op.evaluate(a, b), (a: unknown) => !isMissing(a)) as unknown as RunnableOperator;
}

/**
 * A json-rules-engine Engine carrying this project's operators. Its operator lookup is the one the
 * compiled evaluator uses too, so both evaluation paths share exactly the same operator semantics.
 */
export function createEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, cb, validator] of EXTRA_OPERATORS) engine.addOperator(new Operator(name, cb, validator));
  for (const [name, cb] of MISSING_OPERATORS) engine.addOperator(new Operator(name, (a: unknown) => cb(a)));
  const map = (engine as unknown as { operators: OperatorLookup }).operators;
  const plainGet = map.get.bind(map);
  const cache = new Map<string, RunnableOperator | null>();
  map.get = (name: string) => {
    if (!cache.has(name)) {
      const op = plainGet(name);
      cache.set(name, op ? missingAware(op) : null);
    }
    return cache.get(name)!;
  };
  return engine;
}

export function operatorLookup(engine: Engine): OperatorLookup {
  return (engine as unknown as { operators: OperatorLookup }).operators;
}
