// `categorise check`: problems in a ruleset that parses but would not do what its author meant.
// Errors: rules that can never hold or never be reached, comparisons that can never match
// (a grade compared with text, an unknown trigger id). Warnings: thresholds outside a field's
// plausible range, severities or bands without a style. Info: unused triggers, untested bands.
import type { Condition, Leaf, Ruleset } from "./schema";
import { forEachLeaf, isFactRef } from "./conditions";
import { ConditionLogic, intervalOf, isEmpty, within } from "./condition-logic";
import { factKinds, type FactKind } from "./fact-kinds";
import { JsonDocument, formatPath, type PathPart } from "./json-text";
import { didYouMean } from "../util/nearest";

export type Severity = "error" | "warning" | "info";

export interface LintIssue {
  severity: Severity;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

const NUMERIC_OPS = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "between"]);
const DATE_OPS = new Set(["before", "onOrBefore", "after", "onOrAfter"]);
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function lintRuleset(r: Ruleset, doc?: JsonDocument): LintIssue[] {
  const issues: LintIssue[] = [];
  const add = (severity: Severity, path: PathPart[], message: string) =>
    issues.push({ severity, ...(doc ? doc.issue(path, message) : { path: formatPath(path), message }) });
  const kinds = factKinds(r);
  const shared = r.sharedConditions ?? {};
  const logic = new ConditionLogic({
    shared: (name) => shared[name],
    alwaysPresent: (fact) => !!kinds.get(fact)?.alwaysPresent,
    leafNever: (leaf) => leafNever(leaf, kinds.get(leaf.fact)),
    label: (fact) => kinds.get(fact)?.label ?? fact,
  });

  // Every condition with its place in the file; shared conditions are checked once, where written.
  const places: [Condition, PathPart[]][] = [
    ...Object.entries(shared).map(([n, c]): [Condition, PathPart[]] => [c, ["sharedConditions", n]]),
    ...r.triggers.map((t, i): [Condition, PathPart[]] => [t.conditions, ["triggers", i, "conditions"]]),
    ...r.bands.flatMap((b, i): [Condition, PathPart[]][] => (b.conditions ? [[b.conditions, ["bands", i, "conditions"]]] : [])),
    ...(r.escalation ?? []).map((s, i): [Condition, PathPart[]] => [s.conditions, ["escalation", i, "conditions"]]),
  ];
  for (const [c, path] of places) forEachLeaf(c, path, (leaf, p) => checkLeaf(leaf, p));

  function checkLeaf(leaf: Leaf, path: PathPart[]) {
    const kind = kinds.get(leaf.fact);
    const never = leafNever(leaf, kind);
    if (never) add("error", path, `this condition can never hold: ${never}`);
    else if (kind) checkRange(leaf, kind, path);
  }

  function checkRange(leaf: Leaf, k: FactKind, path: PathPart[]) {
    if (k.kind !== "number" || leaf.operator.includes(":")) return;
    const range = { lo: k.min ?? -Infinity, loOpen: false, hi: k.max ?? Infinity, hiOpen: false };
    const what = `${k.label} (plausible range ${k.min ?? "-"} to ${k.max ?? "-"})`;
    if (isFactRef(leaf.value)) {
      const ref = kinds.get(leaf.value.fact);
      const c = r.constants?.[leaf.value.fact];
      if (!c || !ref || ref.kind !== "number") return;
      const values = typeof c.value === "object" ? Object.entries(c.value.byYear) : [["", c.value] as const];
      for (const [year, v] of values) {
        if (typeof v === "number" && (v < range.lo || v > range.hi)) {
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
  const checkOrder = (list: { id: string; conditions?: Condition }[], where: "bands" | "escalation", noun: string) => {
    list.forEach((item, i) => {
      if (!item.conditions) {
        const blocker = list.slice(0, i).find((x) => x.conditions && logic.always(x.conditions));
        if (blocker) add("error", [where, i], `the default ${noun} '${item.id}' is never reached: '${blocker.id}' above it always holds (${logic.always(blocker.conditions!)})`);
        return;
      }
      const why = logic.never(item.conditions);
      if (why) return add("error", [where, i, "conditions"], `${noun} '${item.id}' can never be given: ${why}`);
      for (const above of list.slice(0, i)) {
        if (!above.conditions) continue;
        const always = logic.always(above.conditions);
        if (always) return add("error", [where, i], `${noun} '${item.id}' is never reached: '${above.id}' above it always holds (${always})`);
        if (logic.implies(item.conditions, above.conditions)) {
          return add("error", [where, i], `${noun} '${item.id}' is never reached: whenever its conditions hold, those of '${above.id}' above it hold too (the first ${noun} that holds wins)`);
        }
      }
    });
  };
  checkOrder(r.bands, "bands", "band");
  checkOrder(r.escalation ?? [], "escalation", "stage");

  r.triggers.forEach((t, i) => {
    const never = logic.never(t.conditions);
    if (never) add("error", ["triggers", i, "conditions"], `trigger '${t.id}' can never fire: ${never}`);
    const always = logic.always(t.conditions);
    if (always) add("warning", ["triggers", i, "conditions"], `trigger '${t.id}' fires for every school: ${always}`);
  });

  // Styles: every band and severity should have one (otherwise cells get a plain grey fill).
  const severities = Object.keys(r.styles.severities);
  r.triggers.forEach((t, i) => {
    if (!(t.severity in r.styles.severities)) {
      add("warning", ["triggers", i, "severity"], `severity '${t.severity}' has no style in styles.severities${didYouMean(t.severity, severities)}: its cells get a plain grey fill`);
    }
  });
  for (const s of severities) if (!r.triggers.some((t) => t.severity === s)) add("info", ["styles", "severities", s], `no trigger has severity '${s}'`);
  r.bands.forEach((b, i) => {
    if (!(b.id in r.styles.bands)) add("warning", ["bands", i], `band '${b.id}' has no style in styles.bands: its Category cells get a plain grey fill`);
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
  r.fields.forEach((f, i) => {
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add("error", ["fields", i], `min ${f.min} is above max ${f.max}`);
  });
  if (!r.tests?.length) add("info", ["tests"], "the ruleset has no stored test cases: add some so `categorise test` can guard its behaviour");
  else {
    const tested = new Set(r.tests.map((t) => t.expect.ruleBand ?? t.expect.band));
    r.bands.forEach((b, i) => {
      if (!tested.has(b.id)) add("info", ["bands", i], `no stored test case expects band '${b.id}'`);
    });
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

/** Why a single comparison can never match, given what its fact holds; null when it can. */
function leafNever(leaf: Leaf, k: FactKind | undefined): string | null {
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
  if (k.kind === "list" && (op === "contains" || op === "doesNotContain") && k.values && !k.values.includes(String(v))) {
    return `there is no trigger ${show(v)}${didYouMean(String(v), k.values)}`;
  }
  if (k.kind === "band" && values) {
    const bad = values.filter((x) => !k.values!.includes(String(x)));
    if (bad.length) return `there is no band ${bad.map(show).join(", ")}${didYouMean(String(bad[0]), k.values!)}`;
  }
  if (NUMERIC_OPS.has(op) && ["boolean", "category", "trend", "list", "band"].includes(k.kind)) {
    return `'${op}' compares numbers, but ${k.label} is ${describe(k)}`;
  }
  if (DATE_OPS.has(op)) {
    if (k.kind !== "date") return `'${op}' compares dates, but ${k.label} is ${describe(k)}`;
    if (typeof v !== "string" || !ISO.test(v)) return `${show(v)} is not a date written YYYY-MM-DD`;
  }
  if (op === "matches" && k.kind !== "text" && k.kind !== "category" && k.kind !== "trend") return `'matches' tests text, but ${k.label} is ${describe(k)}`;
  if (values) {
    const fits = (x: unknown) =>
      k.values ? k.values.includes(String(x))
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

function describe(k: FactKind): string {
  switch (k.kind) {
    case "number": return "a number";
    case "boolean": return "yes/no (true or false)";
    case "date": return "a date";
    case "category": return `a category of concern (${k.values!.join(", ")})`;
    case "trend": return `a trend (${k.values!.join(", ")})`;
    case "list": return "a list";
    case "band": return "a band id";
    default: return "text";
  }
}
