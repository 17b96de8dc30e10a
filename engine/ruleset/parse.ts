// Reading and validating a ruleset: nesting depth (before anything recursive runs), JSON syntax
// and duplicate keys, the zod schema, then what a schema cannot see: unknown facts and operators,
// duplicate ids, values that do not fit their operator or fact, shared conditions that loop.
// A ruleset can come from anyone, so each problem is reported at its JSON path, never as a crash.
import type { z } from "zod";
import { RulesetSchema, type Ruleset, type Condition, type Leaf } from "./schema";
import { JsonDocument, LineIndex, formatPath, syntaxIssues, withoutBom, type JsonIssue, type PathPart } from "./json-text";
import { scanValue, textTooDeep, tooDeepMessage } from "./json-depth";
import { forEachLeaf, forEachReference, isFactRef, ruleConditions } from "./conditions";
import { hasOwnName, own, withBareDictionaries } from "./dictionaries";
import { conditionShapeProblems } from "./condition-shape";
import { leafValueProblems, type LeafContext } from "./leaf-values";
import { factKinds, fieldKind } from "./fact-kinds";
import { DEFAULT_FLAGS, flagsProblem, patternProblem } from "./patterns";
import { boundedSuggestions, nameSets } from "./suggest";
import { normaliseHeader } from "../read/headers";
import { BAND_FACTS, RESERVED_FACTS, RUN_FACTS, TRIGGER_FACTS, type RunFact } from "../facts";
import { BASE_OPERATORS, DECORATORS, VALUELESS_OPERATORS } from "../evaluate/operators";
import { RulesetError } from "./ruleset-error";
import { MARGIN_SHAPE, marginProblems } from "./margins";

export { RulesetError };

const ids = (facts: readonly RunFact[]) => facts.map((f) => f.id);

/** Reads a rules file's text (a byte-order mark before it is fine). */
export function parseRuleset(text: string, source = "ruleset"): Ruleset {
  const json = withoutBom(text);
  const deep = textTooDeep(json);
  if (deep) throw new RulesetError(source, [{ path: formatPath(deep.path), ...new LineIndex(json).at(deep.offset), message: tooDeepMessage() }]);
  const syntax = syntaxIssues(json);
  if (syntax.length) throw new RulesetError(source, syntax);
  return validateRuleset(JSON.parse(json), source, new JsonDocument(json));
}

/** Validates a ruleset already read from JSON; `doc` (its text) gives problems their line and column. */
export function validateRuleset(data: unknown, source = "ruleset", doc?: JsonDocument): Ruleset {
  const at = (parts: readonly PathPart[], message: string): JsonIssue => (doc ? doc.issue(parts, message) : { path: formatPath(parts), message });
  const scan = scanValue(data);
  if (scan.tooDeep) throw new RulesetError(source, [at(scan.tooDeep, tooDeepMessage())]);
  if (scan.protoKeys.length) {
    throw new RulesetError(source, scan.protoKeys.map((p) => at(p, "'__proto__' cannot be used as a name (JavaScript gives it a special meaning): choose another")));
  }
  const parsed = RulesetSchema.safeParse(data);
  if (!parsed.success) {
    throw new RulesetError(source, flattenZodIssues(parsed.error.issues).map((i) => at(i.path as PathPart[], i.message)));
  }
  const ruleset = withBareDictionaries(parsed.data);
  const issues = crossCheck(ruleset).map(([path, message]) => at(path, message));
  if (issues.length) throw new RulesetError(source, issues);
  return ruleset;
}

type ZodIssue = z.core.$ZodIssue;

/** Union errors list every branch; keep the branch that got furthest, so the message is the real one. */
function flattenZodIssues(issues: readonly ZodIssue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length) {
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
      // A margin is a number or {within, of}: say so, unless the problem is inside the object form.
      if (path[path.length - 1] === "margin" && depth(best) < 1) {
        const said = issue.errors.flat().find((i) => i.code === "too_small" || i.code === "unrecognized_keys");
        return said ? flattenZodIssues([said], path) : [{ path, message: MARGIN_SHAPE }];
      }
      if (depth(best) > 0) return flattenZodIssues(best, path);
      return [{ path, message: "is not a valid condition: expected {fact, operator, value}, {all: [...]}, {any: [...]}, {not: ...} or {condition: name}" }];
    }
    if (issue.code === "unrecognized_keys") return [{ path, message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}` }];
    return [{ path, message: issue.message }];
  });
}
const depth = (branch: readonly ZodIssue[]): number =>
  Math.max(0, ...branch.map((i) => i.path.length + (i.code === "unrecognized_keys" ? 0 : 0.5)));

/** Cross-reference checks; each problem is [json path, message]. */
function crossCheck(r: Ruleset): [PathPart[], string][] {
  const problems: [PathPart[], string][] = [];
  const didYouMean = boundedSuggestions();
  const isIn = nameSets();
  const add = (path: PathPart[], message: string) => problems.push([path, message]);

  const duplicates = (items: { id: string }[] | undefined, where: string) => {
    const seen = new Set<string>();
    items?.forEach((item, i) => {
      if (seen.has(item.id)) add([where, i, "id"], `duplicate id '${item.id}' in ${where}`);
      seen.add(item.id);
    });
  };
  duplicates(r.fields, "fields");
  duplicates(r.derived, "derived");
  duplicates(r.triggers, "triggers");
  duplicates(r.bands, "bands");
  duplicates(r.escalation, "escalation");
  duplicates(r.history, "history");
  duplicates(r.outputs, "outputs");

  const fieldIds = r.fields.map((f) => f.id);
  const constantIds = Object.keys(r.constants ?? {});
  const derivedIds = (r.derived ?? []).map((d) => d.id);
  const historyIds = (r.history ?? []).map((h) => h.id);
  const bandIds = r.bands.map((b) => b.id);
  const triggerIds = r.triggers.map((t) => t.id);
  const stageIds = (r.escalation ?? []).map((s) => s.id);
  const rowFacts = [...fieldIds, ...constantIds, ...ids(RUN_FACTS)];

  const names = new Map<string, PathPart[]>();
  for (const [list, ids] of [["fields", fieldIds], ["constants", constantIds], ["derived", derivedIds]] as const) {
    ids.forEach((id, i) => {
      if (names.has(id) || RESERVED_FACTS.includes(id)) {
        add(list === "constants" ? [list, id] : [list, i, "id"], `the fact name '${id}' is used twice (fields, constants and derived facts share one name space, and ${RESERVED_FACTS.join(", ")} are reserved)`);
      }
      names.set(id, [list, i]);
    });
  }

  const headerOwner = new Map<string, string>();
  r.fields.forEach((f, i) =>
    f.headers.forEach((h, j) => {
      const k = normaliseHeader(h);
      const owner = headerOwner.get(k);
      // Aliases of one field that read alike are harmless; across fields, the first would always win.
      if (owner && owner !== f.id) add(["fields", i, "headers", j], `the header '${h}' is already an alias of field '${owner}'`);
      else headerOwner.set(k, f.id);
    }),
  );

  const needField = (path: PathPart[], id: string | undefined, what: string, pool = fieldIds) => {
    if (id !== undefined && !isIn(pool, id)) add(path, `unknown ${what} '${id}'${didYouMean(id, pool)}`);
  };
  needField(["key"], r.key, "field");
  needField(["name"], r.name, "field");
  needField(["override", "field"], r.override?.field, "field");
  needField(["year", "field"], r.year?.field, "field");
  r.summaryBy?.forEach((id, i) => needField(["summaryBy", i], id, "field"));
  needField(["laSummary", "grade"], r.laSummary?.grade, "field");
  needField(["laSummary", "pupils"], r.laSummary?.pupils, "field");

  // Derived facts may use fields, constants and derived facts defined before them.
  const known = [...rowFacts];
  (r.derived ?? []).forEach((d, i) => {
    const here: PathPart[] = ["derived", i];
    if (d.kind === "difference" || d.kind === "ratio" || d.kind === "daysSince" || d.kind === "matches" || d.kind === "lookup") {
      needField([...here, "of"], d.of, "fact", known);
      if (d.kind === "difference") needField([...here, "minus"], d.minus, "fact", known);
      if (d.kind === "ratio") needField([...here, "per"], d.per, "fact", known);
      if (d.kind === "matches") {
        const flags = flagsProblem(d.flags ?? DEFAULT_FLAGS);
        const pattern = flags ? null : patternProblem(d.pattern, d.flags ?? DEFAULT_FLAGS);
        if (flags) add([...here, "flags"], flags);
        if (pattern) add([...here, "pattern"], pattern);
      }
    } else if (d.kind === "trend") {
      d.of.forEach((id, j) => needField([...here, "of", j], id, "fact", known));
      needField([...here, "override"], d.override, "field", fieldIds);
    } else {
      const h = r.history?.find((x) => x.id === d.history);
      if (!h) add([...here, "history"], `unknown history '${d.history}'${didYouMean(d.history, historyIds)}`);
      else {
        const hFields = h.fields.map((f) => f.id);
        if (d.kind !== "count") needField([...here, "orderBy"], d.orderBy, "field of history '" + h.id + "'", hFields);
        if (d.kind === "latest") needField([...here, "value"], d.value, "field of history '" + h.id + "'", hFields);
        if (d.kind === "count") needField([...here, "dateField"], d.dateField, "field of history '" + h.id + "'", hFields);
        if (d.kind === "count" && d.withinDays && !d.dateField) add([...here, "dateField"], "withinDays needs a dateField");
        if (d.where) {
          const historyKinds = new Map(h.fields.map((f) => [f.id, fieldKind(f)]));
          checkLeaf(d.where, [...here, "where"], hFields, { kind: (id) => historyKinds.get(id), constantValues: () => undefined });
        }
      }
    }
    known.push(d.id);
  });
  (r.history ?? []).forEach((h, i) => needField(["history", i, "key"], h.key, "field of this history", h.fields.map((f) => f.id)));

  const kinds = factKinds(r);
  for (const [path, message] of marginProblems(r, kinds)) add(path, message);
  const rowLeaves: LeafContext = {
    kind: (id) => kinds.get(id),
    constantValues: (id) => {
      const c = own(r.constants, id);
      return c === undefined ? undefined : typeof c.value === "object" ? Object.values(c.value.byYear) : [c.value];
    },
  };

  function checkLeaf(leaf: Leaf, path: PathPart[], facts: string[], context: LeafContext) {
    if (!isIn(facts, leaf.fact)) add([...path, "fact"], `unknown fact '${leaf.fact}'${didYouMean(leaf.fact, facts)}`);
    const parts = leaf.operator.split(":");
    const base = parts.pop()!;
    if (!BASE_OPERATORS.includes(base)) add([...path, "operator"], `unknown operator '${base}'${didYouMean(base, BASE_OPERATORS)}`);
    for (const d of parts) if (!DECORATORS.includes(d)) add([...path, "operator"], `unknown operator decorator '${d}'${didYouMean(d, DECORATORS)}`);
    if (VALUELESS_OPERATORS.has(base)) {
      if (leaf.value !== undefined) add([...path, "value"], `'${base}' takes no value`);
    } else if (leaf.value === undefined) add(path, `a value is needed for '${leaf.operator}'`);
    if (isFactRef(leaf.value) && !isIn(facts, leaf.value.fact)) {
      add([...path, "value", "fact"], `unknown fact '${leaf.value.fact}'${didYouMean(leaf.value.fact, facts)}`);
    }
    for (const [p, message] of leafValueProblems(leaf, path, context)) add(p, message);
  }

  const shared = r.sharedConditions ?? {};
  const sharedNames = Object.keys(shared);
  const checkCondition = (c: Condition, path: PathPart[], facts: string[]) => {
    forEachLeaf(c, path, (leaf, p) => checkLeaf(leaf, p, facts, rowLeaves));
    forEachReference(c, path, (name, p) => {
      if (!hasOwnName(shared, name)) add([...p, "condition"], `unknown shared condition '${name}'${didYouMean(name, sharedNames)}`);
    });
  };
  const triggerFacts = [...known];
  const bandFacts = [...known, ...ids(TRIGGER_FACTS)];
  const stageFacts = [...bandFacts, ...ids(BAND_FACTS)];
  for (const [name, c] of Object.entries(shared)) checkCondition(c, ["sharedConditions", name], stageFacts);
  // Loops of references, and conditions too deep or too big once references are followed.
  for (const [path, message] of conditionShapeProblems(r)) add(path, message);
  if (r.effective.to !== undefined && r.effective.to < r.effective.from) {
    add(["effective", "to"], `the ruleset stops being in force (${r.effective.to}) before it starts (${r.effective.from})`);
  }
  const scopeFacts = { trigger: triggerFacts, band: bandFacts, stage: stageFacts };
  for (const { condition, path, scope } of ruleConditions(r)) checkCondition(condition, path, scopeFacts[scope]);
  r.bands.forEach((b, i) => {
    if (!b.conditions && i !== r.bands.length - 1) add(["bands", i], `only the last band (the default, lowest concern) may have no conditions; '${b.id}' is not last`);
  });
  if (r.bands[r.bands.length - 1].conditions) add(["bands", r.bands.length - 1], "the last band is the default and must have no conditions");
  (r.escalation ?? []).forEach((s, i) => needField(["escalation", i, "due", "from"], s.due?.from, "date fact", known));
  if (r.notCategorised) {
    needField(["notCategorised", "band"], r.notCategorised.band, "band", bandIds);
    r.notCategorised.decisive.forEach((id, i) => needField(["notCategorised", "decisive", i], id, "fact", known));
  }
  needField(["override", "reason"], r.override?.reason, "field");
  r.override?.mandatory?.forEach((m, i) => needField(["override", "mandatory", i, "band"], m.band, "band", bandIds));
  // A list of values suits text: a number, date or grade column has its own reading.
  const listed = (fields: Ruleset["fields"], at: PathPart[]) =>
    fields.forEach((f, i) => {
      if (f.values && f.type !== "text") add([...at, i, "values"], `only text fields take a list of values; '${f.id}' is ${f.type}`);
    });
  listed(r.fields, ["fields"]);
  (r.history ?? []).forEach((h, i) => listed(h.fields, ["history", i, "fields"]));
  (r.outputs ?? []).forEach((o, i) => {
    needField(["outputs", i, "pupils"], o.pupils, "field");
    o.totalsBy?.forEach((id, j) => needField(["outputs", i, "totalsBy", j], id, "field"));
    for (const band of Object.keys(o.rates)) needField(["outputs", i, "rates", band], band, "band", bandIds);
  });
  for (const band of Object.keys(r.styles.bands)) needField(["styles", "bands", band], band, "band", bandIds);
  (r.tests ?? []).forEach((t, i) => {
    if (t.expect.band !== undefined) needField(["tests", i, "expect", "band"], t.expect.band, "band", bandIds);
    if (t.expect.ruleBand !== undefined) needField(["tests", i, "expect", "ruleBand"], t.expect.ruleBand, "band", bandIds);
    t.expect.triggers?.forEach((id, j) => needField(["tests", i, "expect", "triggers", j], id, "trigger", triggerIds));
    t.expect.watch?.forEach((id, j) => needField(["tests", i, "expect", "watch", j], id, "trigger", triggerIds));
    if (t.expect.stage) needField(["tests", i, "expect", "stage"], t.expect.stage, "stage", stageIds);
    for (const h of Object.keys(t.history ?? {})) needField(["tests", i, "history", h], h, "history", historyIds);
  });
  return problems;
}
