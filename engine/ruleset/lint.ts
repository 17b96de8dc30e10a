// `categorise check`: problems in a ruleset that parses but would not do what its author meant.
// Errors: rules that can never hold or never be reached, comparisons that can never match
// (a grade compared with text, an unknown trigger id). Warnings: thresholds outside a field's
// plausible range, severities or bands without a style. Info: unused triggers, untested bands.
import type { Condition, Leaf, Ruleset } from "./schema";
import { forEachLeaf, isFactRef, ruleConditions } from "./conditions";
import { ConditionLogic, intervalOf, isEmpty, within } from "./condition-logic";
import { comparisonCounter } from "./condition-shape";
import { describeKind as describe, factKinds, type FactKind } from "./fact-kinds";
import { JsonDocument, formatPath, type PathPart } from "./json-text";
import { hasOwnName, own } from "./dictionaries";
import { boundedSuggestions, nameSets, type Suggest } from "./suggest";
import { todayIso } from "../util/dates";
import { endedBefore } from "./effective";
import { normaliseHeader } from "../read/headers";
import { hasMargin } from "./margins";

export type Severity = "error" | "warning" | "info";

/** Work allowed for comparing bands (and stages) pairwise: pairs, weighted by their comparisons. */
const PAIR_BUDGET = 1_000_000;

export interface LintIssue {
  severity: Severity;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** Problems in a parsed ruleset; `today` (YYYY-MM-DD) is for the warning on rules no longer in force. */
export function lintRuleset(r: Ruleset, doc?: JsonDocument, today = todayIso()): LintIssue[] {
  const issues: LintIssue[] = [];
  const add = (severity: Severity, path: PathPart[], message: string) =>
    issues.push({ severity, ...(doc ? doc.issue(path, message) : { path: formatPath(path), message }) });
  const kinds = factKinds(r);
  const shared = r.sharedConditions ?? {};
  const names: Names = { suggest: boundedSuggestions(), isIn: nameSets() };
  const logic = new ConditionLogic({
    shared: (name) => own(shared, name),
    alwaysPresent: (fact) => !!kinds.get(fact)?.alwaysPresent,
    leafNever: (leaf) => leafNever(leaf, kinds.get(leaf.fact), names),
    label: (fact) => kinds.get(fact)?.label ?? fact,
  });

  // Every condition with its place in the file; shared conditions are checked once, where written.
  const places: [Condition, PathPart[]][] = [
    ...Object.entries(shared).map(([n, c]): [Condition, PathPart[]] => [c, ["sharedConditions", n]]),
    ...ruleConditions(r).map((x): [Condition, PathPart[]] => [x.condition, x.path]),
  ];
  /** Constant values already said to be out of range (each is said once). */
  const constantsSaid = new Set<string>();
  for (const [c, path] of places) forEachLeaf(c, path, (leaf, p) => checkLeaf(leaf, p));

  function checkLeaf(leaf: Leaf, path: PathPart[]) {
    const kind = kinds.get(leaf.fact);
    const never = leafNever(leaf, kind, names);
    if (never) add("error", path, `this condition can never hold: ${never}`);
    else if (kind) checkRange(leaf, kind, path);
  }

  function checkRange(leaf: Leaf, k: FactKind, path: PathPart[]) {
    if (k.kind !== "number" || leaf.operator.includes(":")) return;
    const range = { lo: k.min ?? -Infinity, loOpen: false, hi: k.max ?? Infinity, hiOpen: false };
    const what = `${k.label} (plausible range ${k.min ?? "-"} to ${k.max ?? "-"})`;
    if (isFactRef(leaf.value)) {
      const ref = kinds.get(leaf.value.fact);
      const c = own(r.constants, leaf.value.fact);
      if (!c || !ref || ref.kind !== "number") return;
      const values = typeof c.value === "object" ? Object.entries(c.value.byYear) : [["", c.value] as const];
      for (const [year, v] of values) {
        // Said once for each value, where it is first compared, however many rules compare with it.
        const key = `${leaf.value.fact}\u0000${year}`;
        if (typeof v === "number" && (v < range.lo || v > range.hi) && !constantsSaid.has(key)) {
          constantsSaid.add(key);
          add("warning", typeof c.value === "object" ? ["constants", leaf.value.fact, "value", "byYear", year] : ["constants", leaf.value.fact, "value"],
            `${c.label}${year ? ` for ${year}` : ""} is ${v}, outside the plausible range of ${what}, which it is compared with at ${formatPath(path)}${k.percent && v > 100 ? ": a percent over 100" : ""}`);
        }
      }
      return;
    }
    const literals = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).filter((v): v is number => typeof v === "number");
    const outside = literals.filter((v) => v < range.lo || v > range.hi);
    if (outside.length) {
      add("warning", [...path, "value"], `${outside.join(", ")} is outside the plausible range of ${what}${k.percent && outside.some((v) => v > 100) ? ": a percent over 100" : k.percent && outside.some((v) => v < 0) ? ": a negative percent" : ""}`);
      return;
    }
    if (k.percent && literals.some((v) => v > 0 && v < 1)) {
      add("warning", [...path, "value"], `${k.label} is a percent written 0-100 (65 means 65%); ${literals.join(", ")} looks like a fraction`);
    }
    const i = intervalOf(leaf);
    if (!i) return;
    if (isEmpty({ lo: Math.max(i.lo, range.lo), loOpen: i.lo >= range.lo && i.loOpen, hi: Math.min(i.hi, range.hi), hiOpen: i.hi <= range.hi && i.hiOpen })) {
      add("warning", path, `never holds for a plausible ${what}`);
    } else if (range.lo > -Infinity && range.hi < Infinity && within(range, i) && !k.alwaysPresent) {
      add("warning", path, `holds for every plausible ${what}: only a missing value fails it`);
    }
  }

  // Bands and stages: the first that holds wins, so one that can never hold, or that sits below
  // one that always holds or that holds whenever it does, is never reached.
  // Comparing every pair grows with the square of the list: past a budget (far beyond any real
  // ruleset) the rest are not compared, and a note says so, rather than `check` taking hours.
  const comparisons = comparisonCounter(shared);
  const checkOrder = (list: { id: string; conditions?: Condition }[], where: "bands" | "escalation", noun: string) => {
    const always = list.map((x) => (x.conditions ? logic.always(x.conditions) : null));
    const size = list.map((x) => (x.conditions ? comparisons(x.conditions) + 1 : 1));
    let budget = PAIR_BUDGET;
    let comparedTo = list.length;
    const alwaysAt = always.findIndex((a) => a !== null);
    list.forEach((item, i) => {
      const firstAlways = alwaysAt < i ? alwaysAt : -1;
      if (!item.conditions) {
        if (firstAlways >= 0) add("error", [where, i], `the default ${noun} '${item.id}' is never reached: '${list[firstAlways].id}' above it always holds (${always[firstAlways]})`);
        return;
      }
      const why = logic.never(item.conditions);
      if (why) return add("error", [where, i, "conditions"], `${noun} '${item.id}' can never be given: ${why}`);
      for (let k = 0; k < i; k++) {
        const above = list[k];
        if (!above.conditions) continue;
        if (always[k]) return add("error", [where, i], `${noun} '${item.id}' is never reached: '${above.id}' above it always holds (${always[k]})`);
        budget -= size[i] * size[k];
        if (budget < 0) {
          comparedTo = Math.min(comparedTo, i);
          return;
        }
        if (logic.implies(item.conditions, above.conditions)) {
          return add("error", [where, i], `${noun} '${item.id}' is never reached: whenever its conditions hold, those of '${above.id}' above it hold too (the first ${noun} that holds wins)`);
        }
      }
    });
    if (comparedTo < list.length) {
      add("info", [where], `with ${list.length} ${noun}s, those from ${noun} ${comparedTo + 1} ('${list[comparedTo].id}') on were not all compared with every ${noun} above them, so some that can never be reached may not be reported`);
    }
  };
  checkOrder(r.bands, "bands", "band");
  checkOrder(r.escalation ?? [], "escalation", "stage");

  r.triggers.forEach((t, i) => {
    const never = logic.never(t.conditions);
    if (never) add("error", ["triggers", i, "conditions"], `trigger '${t.id}' can never fire: ${never}`);
    const always = logic.always(t.conditions);
    if (always) add("warning", ["triggers", i, "conditions"], `trigger '${t.id}' fires for every school: ${always}`);
  });

  // A lookup's rows name values of the fact looked up: one it never takes is a row that never matches,
  // and a value in no row gives a missing result.
  (r.derived ?? []).forEach((d, i) => {
    if (d.kind !== "lookup") return;
    const values = kinds.get(d.of)?.values;
    if (!values) return;
    const known = new Map(values.map((v) => [normaliseHeader(v), v]));
    const listed = new Set<string>();
    d.table.forEach((row, j) =>
      row.for.forEach((v, k) => {
        listed.add(normaliseHeader(v));
        if (!known.has(normaliseHeader(v))) add("error", ["derived", i, "table", j, "for", k], `${kinds.get(d.of)!.label} never reads as '${v}'${names.suggest(v, values)}: this entry never matches`);
      }),
    );
    const unlisted = values.filter((v) => !listed.has(normaliseHeader(v)));
    if (unlisted.length) add("info", ["derived", i, "table"], `${unlisted.map((v) => `'${v}'`).join(", ")} ${unlisted.length > 1 ? "are" : "is"} in no row of the table: for ${unlisted.length > 1 ? "them" : "it"} ${d.label} is missing`);
  });

  // Styles: every band and severity should have one (otherwise cells get a plain grey fill).
  const severities = Object.keys(r.styles.severities);
  const severitiesUsed = new Set(r.triggers.map((t) => t.severity));
  r.triggers.forEach((t, i) => {
    if (!hasOwnName(r.styles.severities, t.severity)) {
      add("warning", ["triggers", i, "severity"], `severity '${t.severity}' has no style in styles.severities${names.suggest(t.severity, severities)}: its cells get a plain grey fill`);
    }
  });
  for (const s of severities) if (!severitiesUsed.has(s)) add("info", ["styles", "severities", s], `no trigger has severity '${s}'`);
  r.bands.forEach((b, i) => {
    if (!hasOwnName(r.styles.bands, b.id)) add("warning", ["bands", i], `band '${b.id}' has no style in styles.bands: its Category cells get a plain grey fill`);
  });

  // Triggers that nothing uses still show in the Triggers column, but change no band or stage.
  const used = new Set<string>();
  let countsTriggers = false;
  for (const [c, path] of places) {
    forEachLeaf(c, path, (leaf) => {
      if (leaf.fact === "triggerCount") countsTriggers = true;
      if (leaf.fact === "triggers") for (const v of [leaf.value].flat()) used.add(String(v));
    });
  }
  if (!countsTriggers) {
    r.triggers.forEach((t, i) => {
      if (!used.has(t.id)) add("info", ["triggers", i], `trigger '${t.id}' changes no band or stage (no rule uses it, nor triggerCount): it only shows in the Triggers column`);
    });
  }

  const la = r.laSummary;
  const laGrade = r.fields.find((f) => f.id === la?.grade);
  if (laGrade && laGrade.type !== "ofstedGrade") add("error", ["laSummary", "grade"], `'${laGrade.id}' is a ${laGrade.type} field: the LA summary needs an ofstedGrade field`);
  const laPupils = r.fields.find((f) => f.id === la?.pupils);
  if (laPupils && laPupils.type !== "integer" && laPupils.type !== "number") add("error", ["laSummary", "pupils"], `'${laPupils.id}' is a ${laPupils.type} field: the LA summary needs a number of pupils`);
  checkConstants(r, add);
  const ended = endedBefore(r, today, "today");
  if (ended) add("warning", ["effective", "to"], `the ruleset ${ended}: a run dated after that uses rules no longer in force`);
  r.fields.forEach((f, i) => {
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add("error", ["fields", i], `min ${f.min} is above max ${f.max}`);
  });
  if (!r.tests?.length) add("info", ["tests"], "the ruleset has no stored test cases: add some so `categorise test` can guard its behaviour");
  else {
    const tested = new Set(r.tests.map((t) => t.expect.ruleBand ?? t.expect.band));
    r.bands.forEach((b, i) => {
      if (!tested.has(b.id)) add("info", ["bands", i], `no stored test case expects band '${b.id}'`);
    });
    // Watch flags (near misses): a margin no case tests, and a case expecting one no margin can give.
    const watched = new Set(r.tests.flatMap((t) => t.expect.watch ?? []));
    r.triggers.forEach((t, i) => {
      if (hasMargin(t.conditions) && !watched.has(t.id)) add("info", ["triggers", i], `trigger '${t.id}' has a margin, but no stored test case expects its watch flag (add a school just inside the margin)`);
    });
    r.tests.forEach((c, i) =>
      c.expect.watch?.forEach((id, j) => {
        const t = r.triggers.find((x) => x.id === id);
        if (t && !hasMargin(t.conditions)) add("info", ["tests", i, "expect", "watch", j], `trigger '${id}' has no margin, so this case's watch flag never comes: the case fails`);
      }),
    );
  }
  const rank = { error: 0, warning: 1, info: 2 };
  return issues.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

function checkConstants(r: Ruleset, add: (s: Severity, p: PathPart[], m: string) => void) {
  const late: string[] = [];
  for (const [id, c] of Object.entries(r.constants ?? {})) {
    if (typeof c.value !== "object") continue;
    const years = Object.keys(c.value.byYear).sort();
    for (const y of years) {
      const [a, b] = [Number(y.slice(0, 4)), Number(y.slice(5))];
      if ((a + 1) % 100 !== b) add("error", ["constants", id, "value", "byYear", y], `'${y}' is not an academic year: it should read ${a}/${String((a + 1) % 100).padStart(2, "0")}`);
    }
    const fallback = r.year?.default;
    if (fallback && years.length && fallback < years[0]) {
      add("warning", ["constants", id], `rows without a year use ${fallback}, before the first value of ${c.label} (${years[0]}): for them it is missing`);
    } else if (years.length) late.push(`${c.label} (from ${years[0]})`);
  }
  if (late.length) add("info", ["constants"], `for rows of a year before a constant's first value the constant is missing, so comparisons with it do not hold: ${late.join(", ")}`);
}

/** "Did you mean" and membership in long lists of names, each within bounds. */
interface Names {
  suggest: Suggest;
  isIn: (names: readonly string[], name: string) => boolean;
}

/** Why a single comparison can never match, given what its fact holds; null when it can. */
function leafNever(leaf: Leaf, k: FactKind | undefined, { suggest: didYouMean, isIn }: Names): string | null {
  if (!k || k.kind === "unknown") return null;
  const parts = leaf.operator.split(":");
  const op = parts[parts.length - 1];
  if (parts.length > 1 || isFactRef(leaf.value)) return null;
  const v = leaf.value;
  const values = op === "in" && Array.isArray(v) ? v : op === "equal" ? [v] : null;
  const show = (x: unknown) => JSON.stringify(x);

  if ((op === "contains" || op === "doesNotContain") && k.kind !== "list") {
    return `'${op}' looks inside a list (such as triggers), but ${k.label} is a single value: use equal, in or matches`;
  }
  if (k.kind === "list" && (op === "contains" || op === "doesNotContain") && k.values && !isIn(k.values, String(v))) {
    return `there is no trigger ${show(v)}${didYouMean(String(v), k.values)}`;
  }
  if (k.kind === "band" && values) {
    const bad = values.filter((x) => !isIn(k.values!, String(x)));
    if (bad.length) return `there is no band ${bad.map(show).join(", ")}${didYouMean(String(bad[0]), k.values!)}`;
  }
  // Operators given a value or a fact of the wrong kind (a threshold in quotes, a date compared as
  // a number...) are refused when the ruleset is read: ruleset/leaf-values.ts.
  if (values) {
    const fits = (x: unknown) =>
      k.values ? isIn(k.values, String(x))
      : k.kind === "number" ? typeof x === "number"
      : k.kind === "boolean" ? typeof x === "boolean"
      : k.kind === "text" || k.kind === "date" ? typeof x === "string"
      : true;
    if (!values.some(fits)) {
      const hint = k.kind === "number" && values.some((x) => typeof x === "string")
        ? " (write the number: Ofsted grades are 1-4, so Good is 2)"
        : k.kind === "boolean" ? " (write true or false, without quotes)"
        : k.kind === "date" ? " (write the date as text YYYY-MM-DD)"
        : k.values ? ` (it is one of ${k.values.map(show).join(", ")})` : "";
      return `${k.label} is ${describe(k)} and never equals ${values.map(show).join(" or ")}${hint}`;
    }
  }
  return null;
}
