// The operator set, as plain functions: json-rules-engine's own operators and decorators (the same
// callbacks and fact validators, so conditions decide exactly as json-rules-engine decides them),
// plus a few for dates, ranges and missing data. No json-rules-engine import: the pane does not ship
// it. Every operator except isMissing/isPresent is missing-aware: a missing fact, or a missing
// value compared against, never makes a condition hold. json-rules-engine-reference.ts registers
// the extra operators on a real Engine, and the tests check both agree on every row. `matches`
// runs on RE2 (ruleset/patterns.ts): linear time, each pattern compiled once.
import { OPERATOR_FLAGS, patternFound } from "../ruleset/patterns";

export const isMissing = (v: unknown): boolean => v === null || v === undefined;

/** A named comparison: holds when the validator accepts the fact value and the callback holds. */
export interface OperatorDef {
  name: string;
  cb: (factValue: any, jsonValue: any) => boolean;
  validator?: (factValue: any) => boolean;
}

/** A decorator wraps an operator: `someFact:lessThan`, `not:in`, `swap:contains`... */
export interface DecoratorDef {
  name: string;
  cb: (factValue: any, jsonValue: any, next: (a: any, b: any) => boolean) => boolean;
  validator?: (factValue: any) => boolean;
}

const isNumeric = (a: unknown) => Number.parseFloat(a as string).toString() !== "NaN";
const isoDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** json-rules-engine's default operators (engine-default-operators.js). */
const DEFAULT_OPERATORS: OperatorDef[] = [
  { name: "equal", cb: (a, b) => a === b },
  { name: "notEqual", cb: (a, b) => a !== b },
  { name: "in", cb: (a, b) => b.indexOf(a) > -1 },
  { name: "notIn", cb: (a, b) => b.indexOf(a) === -1 },
  { name: "contains", cb: (a, b) => a.indexOf(b) > -1, validator: Array.isArray },
  { name: "doesNotContain", cb: (a, b) => a.indexOf(b) === -1, validator: Array.isArray },
  { name: "lessThan", cb: (a, b) => a < b, validator: isNumeric },
  { name: "lessThanInclusive", cb: (a, b) => a <= b, validator: isNumeric },
  { name: "greaterThan", cb: (a, b) => a > b, validator: isNumeric },
  { name: "greaterThanInclusive", cb: (a, b) => a >= b, validator: isNumeric },
];

/** Operators this engine adds to json-rules-engine's. */
export const EXTRA_OPERATORS: OperatorDef[] = [
  { name: "before", cb: (a, b) => a < b, validator: isoDate },
  { name: "onOrBefore", cb: (a, b) => a <= b, validator: isoDate },
  { name: "after", cb: (a, b) => a > b, validator: isoDate },
  { name: "onOrAfter", cb: (a, b) => a >= b, validator: isoDate },
  { name: "between", cb: (a, b) => Array.isArray(b) && a >= b[0] && a <= b[1], validator: (a) => typeof a === "number" },
  { name: "matches", cb: (a, b) => patternFound(String(b), OPERATOR_FLAGS, String(a)), validator: (a) => typeof a === "string" },
];

/** Operators that look at missingness itself, so are not made missing-aware; they take no value. */
export const MISSING_OPERATORS: OperatorDef[] = [
  { name: "isMissing", cb: (a) => isMissing(a) },
  { name: "isPresent", cb: (a) => !isMissing(a) },
];

/** json-rules-engine's default decorators (engine-default-operator-decorators.js). */
const DEFAULT_DECORATORS: DecoratorDef[] = [
  { name: "someFact", cb: (a, b, next) => a.some((x: unknown) => next(x, b)), validator: Array.isArray },
  { name: "someValue", cb: (a, b, next) => b.some((y: unknown) => next(a, y)) },
  { name: "everyFact", cb: (a, b, next) => a.every((x: unknown) => next(x, b)), validator: Array.isArray },
  { name: "everyValue", cb: (a, b, next) => b.every((y: unknown) => next(a, y)) },
  { name: "swap", cb: (a, b, next) => next(b, a) },
  { name: "not", cb: (a, b, next) => !next(a, b) },
];

export const BASE_OPERATORS = [...DEFAULT_OPERATORS, ...EXTRA_OPERATORS, ...MISSING_OPERATORS].map((o) => o.name);
export const DECORATORS = DEFAULT_DECORATORS.map((d) => d.name);
export const VALUELESS_OPERATORS = new Set(MISSING_OPERATORS.map((o) => o.name));

/** An operator ready to run, as json-rules-engine's Operator.evaluate runs it. */
export interface RunnableOperator {
  name: string;
  evaluate(factValue: unknown, jsonValue: unknown): boolean;
}

export interface OperatorLookup {
  get(name: string): RunnableOperator | null;
}

const runnable = (name: string, cb: OperatorDef["cb"], validator?: OperatorDef["validator"]): RunnableOperator => ({
  name,
  evaluate: validator ? (a, b) => validator(a) && cb(a, b) : cb,
});

/** The missing-data wrapper every operator but isMissing/isPresent gets, decorators included. */
export function missingAware(op: RunnableOperator): RunnableOperator {
  if (MISSING_OPERATORS.some((m) => op.name.endsWith(m.name))) return op;
  return runnable(op.name, (a, b) => !isMissing(b) && op.evaluate(a, b), (a) => !isMissing(a));
}

/**
 * Looks operators up by name, decorators and all, as json-rules-engine's OperatorMap.get does:
 * `everyFact:not:in` is `in`, decorated by `not`, then by `everyFact`. Unknown names give null.
 */
export function operatorLookup(): OperatorLookup {
  const operators = new Map<string, RunnableOperator>();
  for (const o of [...DEFAULT_OPERATORS, ...EXTRA_OPERATORS, ...MISSING_OPERATORS]) operators.set(o.name, runnable(o.name, o.cb, o.validator));
  const decorators = new Map(DEFAULT_DECORATORS.map((d) => [d.name, d]));
  const decorated = (name: string): RunnableOperator | null => {
    const base = operators.get(name);
    if (base) return base;
    const cut = name.indexOf(":");
    const decorator = cut > 0 ? decorators.get(name.slice(0, cut)) : undefined;
    const inner = decorator ? decorated(name.slice(cut + 1)) : null;
    if (!decorator || !inner) return null;
    const next = inner.evaluate;
    return runnable(name, (a, b) => decorator.cb(a, b, next), decorator.validator);
  };
  const cache = new Map<string, RunnableOperator | null>();
  return {
    get(name) {
      if (!cache.has(name)) {
        const op = decorated(name);
        cache.set(name, op ? missingAware(op) : null);
      }
      return cache.get(name)!;
    },
  };
}
