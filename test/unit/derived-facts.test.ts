// engine/evaluate/derived-facts.ts: every derived kind the ruleset schema allows, with its inputs
// present and missing. A derived fact is missing when what it needs is missing: never 0.
import { compileDerived, type RowContext } from "../../engine/evaluate/derived-facts";
import { compileCondition } from "../../engine/evaluate/compile-condition";
import { operatorLookup } from "../../engine/evaluate/operators";
import { Derived, RulesetSchema, type Ruleset } from "../../engine/ruleset/schema";
import type { FactValue } from "../../engine/results";
import type { HistoryEntry } from "../../engine/read/history";
import { withEvalRefused } from "../helpers/eval-refused";

const FIELDS = [
  { id: "urn", label: "URN", type: "integer", headers: ["URN"] },
  { id: "absence", label: "Absence", type: "percent", headers: ["Absence"] },
  { id: "absencePrevious", label: "Absence last year", type: "percent", headers: ["Absence last year"] },
  { id: "exclusions", label: "Exclusions", type: "integer", headers: ["Exclusions"] },
  { id: "pupils", label: "Pupils", type: "integer", headers: ["Pupils"] },
  { id: "inspectionDate", label: "Inspection date", type: "date", headers: ["Inspection date"] },
  { id: "type", label: "Type", type: "text", headers: ["Type"] },
  { id: "y1", label: "Year 1", type: "number", headers: ["Y1"] },
  { id: "y2", label: "Year 2", type: "number", headers: ["Y2"] },
  { id: "y3", label: "Year 3", type: "number", headers: ["Y3"] },
  { id: "trendText", label: "Trend", type: "text", headers: ["Trend"] },
];

/** A valid ruleset (checked against the schema) holding the given derived facts. */
function rulesetWith(derived: unknown[], extra: Record<string, unknown> = {}): Ruleset {
  return RulesetSchema.parse({
    id: "t",
    title: "Test",
    version: "1",
    effective: { from: "2019-09-01" },
    key: "urn",
    fields: FIELDS,
    constants: { national: { label: "National absence", value: 4.7 } },
    history: [
      {
        id: "meetings",
        label: "Meetings",
        sheet: ["Meetings"],
        key: "urn",
        fields: [
          { id: "urn", label: "URN", type: "integer", headers: ["URN"] },
          { id: "date", label: "Date", type: "date", headers: ["Date"] },
          { id: "impact", label: "Impact", type: "yesno", headers: ["Impact"] },
          { id: "note", label: "Note", type: "text", headers: ["Note"] },
        ],
      },
    ],
    derived,
    triggers: [],
    bands: [{ id: "A", label: "No concern" }],
    styles: { bands: {}, severities: {} },
    ...extra,
  });
}

const ops = operatorLookup();
const ctxFor = (history: Record<string, HistoryEntry[] | undefined> = {}, asOf = "2020-03-01"): RowContext => ({
  asOf,
  history: (id) => history[id],
  test: (leaf, facts) => compileCondition(leaf, { operators: ops, shared: {}, label: (f) => f })(facts),
});

/** The one derived fact `d` for a row. */
function derive(d: Record<string, unknown>, facts: Record<string, FactValue>, ctx: RowContext = ctxFor()): FactValue {
  const all: Record<string, FactValue> = { ...facts };
  compileDerived(rulesetWith([{ id: "out", label: "Out", ...d }])).apply(all, ctx);
  return all.out;
}

test("the kinds tested here are every kind the schema allows", () => {
  const kinds = Derived.options.map((o) => o.shape.kind.value).sort();
  expect(kinds).toEqual(["consecutiveLatest", "count", "daysSince", "difference", "latest", "lookup", "matches", "ratio", "trend"]);
});

describe("difference", () => {
  const d = { kind: "difference", of: "absence", minus: "absencePrevious" };
  test("of - minus, without floating-point noise", () => {
    expect(derive(d, { absence: 6.5, absencePrevious: 5 })).toBe(1.5);
    expect(derive(d, { absence: 5, absencePrevious: 6.5 })).toBe(-1.5);
    expect(derive(d, { absence: 0.3, absencePrevious: 0.1 })).toBe(0.2);
    expect(derive(d, { absence: 5, absencePrevious: 5 })).toBe(0);
    expect(derive(d, { absence: 0, absencePrevious: 0 })).toBe(0);
  });
  test("missing when either side is missing or not a number, never 0", () => {
    expect(derive(d, { absence: null, absencePrevious: 5 })).toBeNull();
    expect(derive(d, { absence: 5, absencePrevious: null })).toBeNull();
    expect(derive(d, { absence: 5 })).toBeNull();
    expect(derive(d, { absence: "5", absencePrevious: 4 })).toBeNull();
  });
  test("against a constant", () => {
    expect(derive({ kind: "difference", of: "absence", minus: "national" }, { absence: 6.2, national: 4.7 })).toBe(1.5);
    expect(derive({ kind: "difference", of: "absence", minus: "national" }, { absence: 6.2, national: null })).toBeNull();
  });
});

describe("ratio", () => {
  test("of / per x scale", () => {
    expect(derive({ kind: "ratio", of: "exclusions", per: "pupils", scale: 100 }, { exclusions: 3, pupils: 200 })).toBe(1.5);
    expect(derive({ kind: "ratio", of: "exclusions", per: "pupils" }, { exclusions: 3, pupils: 200 })).toBe(0.015);
    expect(derive({ kind: "ratio", of: "exclusions", per: "pupils", scale: 100 }, { exclusions: 0, pupils: 200 })).toBe(0);
    expect(derive({ kind: "ratio", of: "exclusions", per: "pupils", scale: 100 }, { exclusions: 1, pupils: 3 })).toBe(33.333333333);
  });
  test("missing when either is missing, or when per is 0", () => {
    const d = { kind: "ratio", of: "exclusions", per: "pupils", scale: 100 };
    expect(derive(d, { exclusions: null, pupils: 200 })).toBeNull();
    expect(derive(d, { exclusions: 3, pupils: null })).toBeNull();
    expect(derive(d, { exclusions: 3, pupils: 0 })).toBeNull();
    expect(derive(d, { exclusions: 3, pupils: "200" })).toBeNull();
  });
});

describe("daysSince", () => {
  const d = { kind: "daysSince", of: "inspectionDate" };
  test("whole days from the date to the run date", () => {
    expect(derive(d, { inspectionDate: "2020-01-01" }, ctxFor({}, "2020-03-01"))).toBe(60); // a leap year
    expect(derive(d, { inspectionDate: "2019-01-01" }, ctxFor({}, "2019-03-01"))).toBe(59);
    expect(derive(d, { inspectionDate: "2020-03-01" }, ctxFor({}, "2020-03-01"))).toBe(0);
    expect(derive(d, { inspectionDate: "2020-03-11" }, ctxFor({}, "2020-03-01"))).toBe(-10);
  });
  test("missing when the date is missing", () => {
    expect(derive(d, { inspectionDate: null })).toBeNull();
    expect(derive(d, {})).toBeNull();
  });
});

describe("matches", () => {
  test("true or false on text, case-insensitive by default", () => {
    const d = { kind: "matches", of: "type", pattern: "academ|free school" };
    expect(derive(d, { type: "Academy converter" })).toBe(true);
    expect(derive(d, { type: "Free School" })).toBe(true);
    expect(derive(d, { type: "Community school" })).toBe(false);
  });
  test("flags are used when given", () => {
    const d = { kind: "matches", of: "type", pattern: "^Academy", flags: "" };
    expect(derive(d, { type: "Academy converter" })).toBe(true);
    expect(derive(d, { type: "academy converter" })).toBe(false);
  });
  test("missing (not false) when the text is missing or not text", () => {
    const d = { kind: "matches", of: "type", pattern: "academ" };
    expect(derive(d, { type: null })).toBeNull();
    expect(derive(d, {})).toBeNull();
    expect(derive(d, { type: 3 })).toBeNull();
  });
});

describe("trend", () => {
  const d = { kind: "trend", of: ["y1", "y2", "y3"], tolerance: 0.5 };
  test("from the latest value and the one before", () => {
    expect(derive(d, { y1: 0, y2: 1, y3: 2 })).toBe("improving");
    expect(derive(d, { y1: 5, y2: 3, y3: 2 })).toBe("declining");
    expect(derive(d, { y1: 9, y2: 2, y3: 2.5 })).toBe("stable"); // within the tolerance
    expect(derive(d, { y1: 9, y2: 2, y3: 1.5 })).toBe("stable");
    expect(derive(d, { y1: 9, y2: 2, y3: 2.6 })).toBe("improving");
    expect(derive({ kind: "trend", of: ["y1", "y2"] }, { y1: 2, y2: 2 })).toBe("stable");
    expect(derive({ kind: "trend", of: ["y1", "y2"] }, { y1: 2, y2: 2.1 })).toBe("improving");
  });
  test("the latest present value before the last stands in for a missing previous year", () => {
    expect(derive(d, { y1: 5, y2: null, y3: 2 })).toBe("declining");
    expect(derive(d, { y1: 0, y2: null, y3: 2 })).toBe("improving");
  });
  test("missing when the latest year or every earlier year is missing", () => {
    expect(derive(d, { y1: 1, y2: 2, y3: null })).toBeNull();
    expect(derive(d, { y1: null, y2: null, y3: 2 })).toBeNull();
    expect(derive(d, {})).toBeNull();
  });
  test("a filled override column says the trend instead", () => {
    const o = { ...d, override: "trendText" };
    expect(derive(o, { y1: 0, y2: 1, y3: 2, trendText: "Declining" })).toBe("declining");
    expect(derive(o, { trendText: "Improving slightly" })).toBe("improving");
    expect(derive(o, { trendText: "down" })).toBe("declining");
    expect(derive(o, { trendText: "Static" })).toBe("stable");
    // Words it does not know, or an empty override, leave the trend to the numbers.
    expect(derive(o, { y1: 0, y2: 1, y3: 2, trendText: "see notes" })).toBe("improving");
    expect(derive(o, { y1: 0, y2: 1, y3: 2, trendText: null })).toBe("improving");
    expect(derive(o, { trendText: "see notes" })).toBeNull();
  });
});

const meeting = (date: string | null, impact: boolean | null, note: string | null = null): HistoryEntry => ({ urn: 1, date, impact, note });

describe("consecutiveLatest", () => {
  const d = { kind: "consecutiveLatest", history: "meetings", orderBy: "date", where: { fact: "impact", operator: "equal", value: false } };
  test("how many of the latest entries in a row meet the condition, newest first whatever the sheet order", () => {
    const entries = [meeting("2019-10-01", false), meeting("2020-01-10", false), meeting("2019-12-01", false), meeting("2019-11-01", true)];
    expect(derive(d, {}, ctxFor({ meetings: entries }))).toBe(2);
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", true), meeting("2019-12-01", false)] }))).toBe(0);
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", false)] }))).toBe(1);
  });
  test("an entry whose condition fact is missing ends the run", () => {
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", false), meeting("2019-12-01", null), meeting("2019-11-01", false)] }))).toBe(1);
  });
  test("entries without a date count as the oldest", () => {
    expect(derive(d, {}, ctxFor({ meetings: [meeting(null, true), meeting("2020-01-10", false), meeting("2019-12-01", false)] }))).toBe(2);
  });
  test("entries on the same date stand in sheet order; entries after the run date are left out", () => {
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", true), meeting("2020-01-10", false)] }))).toBe(0);
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", false), meeting("2020-01-10", true)] }))).toBe(1);
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-02-10", false), meeting("2020-05-01", true), meeting("2020-01-10", false)] }, "2020-03-01"))).toBe(2);
  });
  test("no entries for the school: 0; no history sheet at all: missing", () => {
    expect(derive(d, {}, ctxFor({ meetings: [] }))).toBe(0);
    expect(derive(d, {}, ctxFor({}))).toBeNull();
  });
});

describe("count", () => {
  const entries = [meeting("2020-02-20", false), meeting("2019-12-01", true), meeting("2019-01-01", false), meeting(null, false), meeting("2020-04-01", false)];
  test("how many entries the school has", () => {
    expect(derive({ kind: "count", history: "meetings" }, {}, ctxFor({ meetings: entries }))).toBe(5);
    expect(derive({ kind: "count", history: "meetings" }, {}, ctxFor({ meetings: [] }))).toBe(0);
  });
  test("only those meeting 'where'", () => {
    expect(derive({ kind: "count", history: "meetings", where: { fact: "impact", operator: "equal", value: false } }, {}, ctxFor({ meetings: entries }))).toBe(4);
  });
  test("only those dated within the last N days (not in the future, not undated)", () => {
    const d = { kind: "count", history: "meetings", withinDays: 100, dateField: "date" };
    expect(derive(d, {}, ctxFor({ meetings: entries }, "2020-03-01"))).toBe(2);
    expect(derive({ ...d, where: { fact: "impact", operator: "equal", value: false } }, {}, ctxFor({ meetings: entries }, "2020-03-01"))).toBe(1);
    // The boundary: exactly N days ago counts.
    expect(derive({ ...d, withinDays: 10 }, {}, ctxFor({ meetings: [meeting("2020-02-20", true)] }, "2020-03-01"))).toBe(1);
    expect(derive({ ...d, withinDays: 9 }, {}, ctxFor({ meetings: [meeting("2020-02-20", true)] }, "2020-03-01"))).toBe(0);
  });
  test("no history sheet: missing, not 0", () => {
    expect(derive({ kind: "count", history: "meetings" }, {}, ctxFor({}))).toBeNull();
  });
});

describe("latest", () => {
  const entries = [meeting("2019-10-01", false, "first"), meeting("2020-01-10", true, "newest"), meeting("2019-12-01", false, "middle")];
  test("a field of the newest entry", () => {
    expect(derive({ kind: "latest", history: "meetings", orderBy: "date", value: "note" }, {}, ctxFor({ meetings: entries }))).toBe("newest");
    expect(derive({ kind: "latest", history: "meetings", orderBy: "date", value: "date" }, {}, ctxFor({ meetings: entries }))).toBe("2020-01-10");
  });
  test("of the newest entry meeting 'where'", () => {
    const d = { kind: "latest", history: "meetings", orderBy: "date", value: "note", where: { fact: "impact", operator: "equal", value: false } };
    expect(derive(d, {}, ctxFor({ meetings: entries }))).toBe("middle");
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2020-01-10", true, "x")] }))).toBeNull();
  });
  test("missing when there is no entry, no sheet, or the newest entry's field is empty", () => {
    const d = { kind: "latest", history: "meetings", orderBy: "date", value: "note" };
    expect(derive(d, {}, ctxFor({ meetings: [] }))).toBeNull();
    expect(derive(d, {}, ctxFor({}))).toBeNull();
    expect(derive(d, {}, ctxFor({ meetings: [meeting("2019-10-01", false, "old"), meeting("2020-01-10", false, null)] }))).toBeNull();
  });
  test("a dated entry is newer than an undated one", () => {
    const d = { kind: "latest", history: "meetings", orderBy: "date", value: "note" };
    expect(derive(d, {}, ctxFor({ meetings: [meeting(null, false, "undated"), meeting("2015-01-01", false, "dated")] }))).toBe("dated");
  });
});

describe("compileDerived", () => {
  const ruleset = rulesetWith([
    { id: "lastDate", label: "Latest meeting", kind: "latest", history: "meetings", orderBy: "date", value: "date" },
    // Uses the derived fact above: facts are worked out in declaration order.
    { id: "daysSinceMeeting", label: "Days since meeting", kind: "daysSince", of: "lastDate" },
    { id: "absenceVsNational", label: "Absence above national", kind: "difference", of: "absence", minus: "national" },
    { id: "absenceChange", label: "Absence change", kind: "difference", of: "absence", minus: "absencePrevious" },
    { id: "changeOfChange", label: "Change vs national", kind: "difference", of: "absenceChange", minus: "absenceVsNational" },
    { id: "exclusionRate", label: "Exclusion rate", kind: "ratio", of: "exclusions", per: "pupils", scale: 100 },
    { id: "trend", label: "Trend", kind: "trend", of: ["y1", "y2"], override: "trendText" },
    { id: "isAcademy", label: "Academy", kind: "matches", of: "type", pattern: "academ" },
  ]);
  const derived = compileDerived(ruleset);

  test("apply adds every derived fact in declaration order, later ones using earlier ones", () => {
    const facts: Record<string, FactValue> = { absence: 6, absencePrevious: 5, national: 4.7, exclusions: null, pupils: 100, y1: 1, y2: 1, type: null };
    derived.apply(facts, ctxFor({ meetings: [meeting("2020-02-20", true)] }, "2020-03-01"));
    expect(facts).toMatchObject({ lastDate: "2020-02-20", daysSinceMeeting: 10, absenceVsNational: 1.3, absenceChange: 1, changeOfChange: -0.3, exclusionRate: null, trend: "stable", isAcademy: null });
    expect(Object.keys(facts).slice(-8)).toEqual(["lastDate", "daysSinceMeeting", "absenceVsNational", "absenceChange", "changeOfChange", "exclusionRate", "trend", "isAcademy"]);
  });

  test("missing inputs give missing facts all the way down", () => {
    const facts: Record<string, FactValue> = { absence: null, absencePrevious: 5, national: 4.7 };
    derived.apply(facts, ctxFor({}));
    expect(facts).toMatchObject({ lastDate: null, daysSinceMeeting: null, absenceVsNational: null, absenceChange: null, changeOfChange: null, exclusionRate: null, trend: null, isAcademy: null });
  });

  test("sources: the fields each fact rests on (constants and history are not cells of the row)", () => {
    expect(derived.sources.get("absence")).toEqual(["absence"]);
    expect(derived.sources.get("absenceVsNational")).toEqual(["absence"]);
    expect(derived.sources.get("absenceChange")).toEqual(["absence", "absencePrevious"]);
    expect(derived.sources.get("changeOfChange")).toEqual(["absence", "absencePrevious"]);
    expect(derived.sources.get("exclusionRate")).toEqual(["exclusions", "pupils"]);
    expect(derived.sources.get("trend")).toEqual(["y1", "y2", "trendText"]);
    expect(derived.sources.get("isAcademy")).toEqual(["type"]);
    expect(derived.sources.get("lastDate")).toEqual([]);
    expect(derived.sources.get("daysSinceMeeting")).toEqual([]);
  });

  test("a ruleset without derived facts adds nothing", () => {
    const none = compileDerived(rulesetWith([]));
    const facts: Record<string, FactValue> = { absence: 1 };
    none.apply(facts, ctxFor());
    expect(facts).toEqual({ absence: 1 });
  });
});

test("where new Function is refused, apply runs as a loop with the same results", () => {
  const ruleset = rulesetWith([
    { id: "gap", label: "Gap", kind: "difference", of: "absence", minus: "national" },
    { id: "rate", label: "Rate", kind: "ratio", of: "exclusions", per: "pupils", scale: 100 },
    { id: "days", label: "Days", kind: "daysSince", of: "inspectionDate" },
    { id: "academy", label: "Academy", kind: "matches", of: "type", pattern: "academ" },
    { id: "group", label: "Group", kind: "lookup", of: "type", table: [{ value: "academy", for: ["Academy converter"] }, { value: "maintained", for: ["Community school"] }] },
    { id: "trend", label: "Trend", kind: "trend", of: ["y1", "y2", "y3"], override: "trendText" },
    { id: "run", label: "Run", kind: "consecutiveLatest", history: "meetings", orderBy: "date", where: { fact: "impact", operator: "equal", value: false } },
    { id: "count", label: "Count", kind: "count", history: "meetings", withinDays: 200, dateField: "date" },
    { id: "last", label: "Last", kind: "latest", history: "meetings", orderBy: "date", value: "date" },
    { id: "daysSinceLast", label: "Days since last", kind: "daysSince", of: "last" },
  ]);
  const values: FactValue[] = [null, 0, 3, -1.5, 6.25, "x", "Academy converter", "community school", "2019-02-28", "2020-02-29", true, "improving"];
  let seed = 5;
  const pick = () => values[(seed = (seed * 48271) % 2147483647) % values.length];
  const rows = Array.from({ length: 300 }, (_, i) => {
    const at = (k: number) => (k % 2 ? pick() : values[(i + k) % values.length]);
    const facts: Record<string, FactValue> = { absence: at(1), national: at(2), exclusions: at(3), pupils: at(4), inspectionDate: at(5), type: at(6), y1: at(7), y2: at(8), y3: at(9), trendText: at(10) };
    const meetings = [meeting(i % 3 ? "2020-01-10" : null, i % 2 === 0), meeting("2019-12-01", false), meeting(i % 5 ? "2019-12-01" : "2020-04-01", i % 4 === 0)];
    return { facts, ctx: ctxFor({ meetings: i % 6 ? meetings.slice(0, i % 4) : undefined }) };
  });
  const applyAll = () => {
    const derived = compileDerived(ruleset);
    return rows.map(({ facts, ctx }) => {
      const out = { ...facts };
      derived.apply(out, ctx);
      return out;
    });
  };
  const written = applyAll();
  const looped = withEvalRefused(applyAll);
  expect(looped).toEqual(written);
  // Every derived fact was found, and missing, on some rows.
  for (const id of ["gap", "rate", "days", "academy", "group", "trend", "run", "count", "last", "daysSinceLast"]) {
    expect([id, written.some((f) => f[id] !== null)]).toEqual([id, true]);
    expect([id, written.some((f) => f[id] === null)]).toEqual([id, true]);
  }
});
