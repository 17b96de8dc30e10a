// The engine pieces behind issue 11, each on its own: controlled vocabularies, the lookup kind,
// "not categorised" for missing decisive data, additions to a stage's next action, the moderation
// audit, history entries dated after the run date, funding totals and the dropdowns for hosts.
import * as fs from "fs";
import { allowedValues, categorise, coerce, dropdowns, lintRuleset, memorySource, moderatedSchools, outputTotals, parseRuleset, RulesetError, validateRuleset, type Ruleset } from "../../engine";
import { vocabularyValue } from "../../engine/read/vocabulary";
import { compileDerived } from "../../engine/evaluate/derived-facts";
import { compileCondition } from "../../engine/evaluate/compile-condition";
import { operatorLookup } from "../../engine/evaluate/operators";

const NOTICE = { type: "text" as const, label: "Notice", values: { "Notice of Concern": ["NoC", "LA notice of concern"], Neither: ["None"] } };

describe("controlled vocabularies", () => {
  test("a listed value or any of its spellings, case and punctuation aside, reads as the value", () => {
    for (const t of ["Notice of Concern", "notice of concern", "NoC", "noc.", "LA  notice-of-concern"]) expect(vocabularyValue(NOTICE, t)).toBe("Notice of Concern");
    expect(vocabularyValue(NOTICE, "Warning")).toBeUndefined();
  });
  test("coerce: listed values win over missing markers; other text is missing, with a problem, and is not withheld data", () => {
    expect(coerce("None", NOTICE)).toEqual({ value: "Neither" });
    expect(coerce("", NOTICE)).toEqual({ value: null });
    expect(coerce("SUPP", NOTICE)).toEqual({ value: null, marker: "SUPP" });
    expect(coerce("Letter", NOTICE)).toEqual({ value: null, problem: "'Letter' is not one of the values of Notice (Notice of Concern, Neither); treated as missing", unlisted: true });
  });
});

/** A small ruleset: grade decides the band; a type vocabulary with a lookup; a stage with an addition. */
function tiny(extra: Partial<Ruleset> = {}): Ruleset {
  return validateRuleset({
    id: "tiny", title: "Tiny", version: "1", effective: { from: "2014-09-01" }, key: "urn", name: "name",
    fields: [
      { id: "urn", label: "URN", type: "integer", required: true, headers: ["URN"] },
      { id: "name", label: "School name", type: "text", headers: ["School name"] },
      { id: "grade", label: "Ofsted grade", type: "ofstedGrade", headers: ["Ofsted grade"] },
      { id: "type", label: "Type", type: "text", headers: ["Type"], warnIfBlank: true, values: { "Community school": ["Community"], "Voluntary aided school": ["VA"], "Academy converter": [] } },
      { id: "pupils", label: "Pupils", type: "integer", headers: ["Pupils"] },
      { id: "area", label: "Area", type: "text", headers: ["Area"] },
      { id: "officer", label: "Officer category", type: "text", headers: ["Officer category"] },
      { id: "why", label: "Moderation reason", type: "text", headers: ["Moderation reason"] },
    ],
    history: [{ id: "meetings", label: "Meetings", sheet: ["Meetings"], key: "urn", fields: [
      { id: "urn", label: "URN", type: "integer", headers: ["URN"] },
      { id: "date", label: "Meeting date", type: "date", headers: ["Meeting date"] },
    ] }],
    derived: [
      { id: "group", label: "Type group", kind: "lookup", of: "type", table: [{ value: "maintained", for: ["Community school", "Voluntary aided school"] }, { value: "academy", for: ["Academy converter"] }] },
      { id: "latestMeeting", label: "Latest meeting", kind: "latest", history: "meetings", orderBy: "date", value: "date" },
    ],
    triggers: [{ id: "deficit", label: "Small", severity: "low", conditions: { all: [{ fact: "pupils", operator: "lessThan", value: 50 }] } }],
    bands: [
      { id: "D", label: "High", conditions: { any: [{ fact: "grade", operator: "in", value: [3, 4] }] } },
      { id: "B", label: "Low", conditions: { any: [{ fact: "triggerCount", operator: "greaterThanInclusive", value: 1 }] } },
      { id: "U", label: "Not categorised", conditions: { all: [{ fact: "grade", operator: "isMissing" }] } },
      { id: "A", label: "None" },
    ],
    notCategorised: { band: "U", decisive: ["grade"] },
    override: { field: "officer", reason: "why", mandatory: [{ label: "RI is D", band: "D", conditions: { all: [{ fact: "grade", operator: "equal", value: 3 }] } }] },
    escalation: [{
      id: "core", label: "Core group", nextAction: "Core group.", conditions: { all: [{ fact: "band", operator: "equal", value: "D" }, { fact: "group", operator: "equal", value: "maintained" }] },
      also: [{ label: "church schools", conditions: { all: [{ fact: "type", operator: "equal", value: "Voluntary aided school" }] }, nextAction: "Consult the diocese." }],
    }],
    outputs: [{ id: "funding", header: "Funding £", kind: "perPupil", pupils: "pupils", rates: { D: 10 }, totalsBy: ["area"] }],
    styles: { bands: {}, severities: {} },
    ...extra,
  });
}
const HEADERS = ["URN", "School name", "Ofsted grade", "Type", "Pupils", "Area", "Officer category", "Moderation reason"];
async function run(rows: unknown[][], meetings: unknown[][] = [], ruleset = tiny()) {
  return categorise(memorySource({ Schools: { headers: HEADERS, rows: rows as never }, Meetings: { headers: ["URN", "Meeting date"], rows: meetings as never } }), ruleset, { asOf: "2026-11-20" });
}

describe("the lookup kind", () => {
  test("the row's value for the fact's value, matched loosely; missing when it is in no row, or the fact is missing", () => {
    const r = tiny();
    const derived = compileDerived(r);
    const of = (type: string | null) => {
      const facts: Record<string, any> = { type };
      derived.apply(facts, { asOf: "2026-11-20", history: () => [], test: () => false });
      return facts.group;
    };
    expect([of("Community school"), of("community SCHOOL"), of("Academy converter"), of("Studio school"), of(null)]).toEqual(["maintained", "maintained", "academy", null, null]);
    expect(derived.sources.get("group")).toEqual(["type"]);
  });
  test("check: an entry the fact never reads as is an error; a listed value in no row, a note", () => {
    const r = tiny();
    (r.derived![0] as any).table[1].for = ["Acadamy converter"];
    const issues = lintRuleset(r);
    expect(issues).toContainEqual(expect.objectContaining({ severity: "error", path: "$.derived[0].table[1].for[0]", message: expect.stringContaining("Type never reads as 'Acadamy converter' (did you mean 'Academy converter'?)") }));
    expect(issues).toContainEqual(expect.objectContaining({ severity: "info", message: "'Academy converter' is in no row of the table: for it Type group is missing" }));
  });
  test("a list of values is refused on a field that is not text", () => {
    expect(() => tiny({ fields: [...tiny().fields, { id: "g2", label: "G", type: "ofstedGrade", headers: ["G"], values: { Good: [] } }] })).toThrow(/\$\.fields\[8\]\.values: only text fields take a list of values; 'g2' is ofstedGrade/);
  });
});

describe("hopeful evaluation limited to named facts", () => {
  const ctx = { operators: operatorLookup(), shared: {}, label: (f: string) => f };
  const c = compileCondition({ all: [{ fact: "grade", operator: "in", value: [3, 4] }, { fact: "p8", operator: "lessThan", value: 0 }] }, ctx);
  test("only the named facts go the rule's way when missing", () => {
    expect(c({ grade: null, p8: -1 }, undefined, (f) => f === "grade")).toBe(true);
    expect(c({ grade: null, p8: null }, undefined, (f) => f === "grade")).toBe(false);
    expect(c({ grade: null, p8: null }, undefined, true)).toBe(true);
  });
});

describe("not categorised: missing decisive data", () => {
  test("the not-categorised band when a band above could hold with the missing fact; a band decided without it stands", async () => {
    const r = await run([[1, "No grade", null, "Community", 300], [2, "No grade, small", "Not judged", "Community", 20], [3, "Graded", 2, "Community", 300]]);
    const [a, b, c] = r.rows;
    expect([a.band, a.ruleBand, a.notCategorised]).toEqual(["U", "U", { missing: ["Ofsted grade"], couldBe: "D High" }]);
    expect([b.band, b.ruleBand]).toEqual(["U", "B"]);
    expect(b.reasons.slice(0, 2)).toEqual(["Not categorised: missing Ofsted grade; with it the school could be D High (without it the rules give B Low)", "Rules B Low: Number of triggers is at least 1 (actual 1)"]);
    expect([c.band, c.notCategorised]).toEqual(["A", undefined]);
  });
});

describe("stage additions, moderation audit, future history, outputs", () => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run(
      [
        [1, "VA", 3, "VA", 300, "North"],
        [2, "Community", 3, "Community", 200, "North"],
        [3, "Moderated", 3, "Community", 100, "South", "A", "Strong new leadership"],
        [4, "No reason", 2, "Community", 100, null, "D"],
        [5, "No pupils", 4, "Community", null, "South"],
        [6, "No type", 2, null, 300],
      ],
      [[2, "2026-10-01"], [2, "2027-01-10"]],
    );
  });
  const row = (urn: number) => result.rows.find((r) => r.key === urn)!;
  test("an addition that fits adds its text to the next action, with its reason", () => {
    expect(row(1).escalation).toMatchObject({ stage: "core", nextAction: "Core group. Consult the diocese.", additions: [expect.objectContaining({ label: "church schools" })] });
    expect(row(1).reasons).toContain("Also for church schools: Type is Voluntary aided school (actual Voluntary aided school)");
    expect(row(2).escalation?.nextAction).toBe("Core group.");
  });
  test("an officer's category below a mandatory rule's band is kept, with a warning; a moderation without a reason is warned", () => {
    expect(row(3)).toMatchObject({ band: "A", ruleBand: "D", moderated: true, moderation: { reason: "Strong new leadership", contradicts: [expect.stringMatching(/^Officer category A goes against the framework: RI is D \(Ofsted grade is 3 \(actual 3\)\), so D High is expected/)] } });
    expect(row(4).moderation).toEqual({ reason: null, contradicts: [] });
    expect(row(4).warnings).toContain("Officer category D is given without a reason: add one in column 'Moderation reason', so the moderation can be audited");
    expect(moderatedSchools(result, tiny()).map((m) => [m.key, m.ruleCategory, m.officerCategory, m.reason])).toEqual([[3, "D High", "A None", "Strong new leadership"], [4, "A None", "D High", null]]);
  });
  test("a history entry dated after the run date is left out, and said", () => {
    expect(row(2).facts.latestMeeting).toBe("2026-10-01");
    expect(row(2).warnings).toContain("Meetings: an entry dated after the run date (Meeting date 10/01/2027) is not counted yet");
  });
  test("an output with a rate but no pupil count: no amount and a warning; totals by a field", () => {
    expect(row(5).outputs.funding).toBeNull();
    expect(row(5).warnings).toContain("No Pupils: Funding £ is not worked out (the category's rate is 10 per pupil); enter the number and run again");
    expect(outputTotals(result, tiny())).toEqual([{ output: "funding", header: "Funding £", by: "Area", schools: 3, total: 6000, groups: [{ name: "North", schools: 2, total: 5000 }, { name: "(blank)", schools: 1, total: 1000 }] }]);
  });
  test("a blank cell in a warnIfBlank column is warned about on its row", () => {
    expect(row(6).warnings).toContain("Row 7, column 'Type' (D): blank: Type is missing");
  });
});

describe("dropdowns for hosts", () => {
  test("allowedValues lists every listed column; dropdowns places them on the workbook's sheets", () => {
    expect(allowedValues(tiny())).toEqual([{ table: "schools", sheets: [], field: "type", label: "Type", headers: ["Type"], values: ["Community school", "Voluntary aided school", "Academy converter"] }]);
    const source = memorySource({ Schools: { headers: HEADERS, rows: [[1], [2]] } });
    expect(dropdowns(source, tiny(), "Schools")).toEqual([
      expect.objectContaining({ sheet: "Schools", column: 4, letter: "D", header: "Type", firstRow: 2, lastRow: 3 + 500, inline: true, values: ["Community school", "Voluntary aided school", "Academy converter"] }),
    ]);
  });
  test("the bundled rulesets' listed columns", () => {
    const staffs = parseRuleset(fs.readFileSync("rules/staffordshire.json", "utf8"));
    expect(allowedValues(staffs).map((a) => `${a.table}.${a.field}`)).toEqual(["schools.type", "schools.laJudgement", "notices.notice", "notices.reviewOutcome"]);
  });
});

test("parse: notCategorised, override reason and mandatory bands name what exists", () => {
  const bad = () => tiny({ notCategorised: { band: "Z", decisive: ["grad"] }, override: { field: "officer", reason: "whyy", mandatory: [{ label: "x", band: "E", conditions: { all: [{ fact: "grade", operator: "isPresent" }] } }] } });
  expect(bad).toThrow(RulesetError);
  try {
    bad();
  } catch (e) {
    const text = (e as Error).message;
    expect(text).toContain("$.notCategorised.band: unknown band 'Z'");
    expect(text).toContain("$.notCategorised.decisive[0]: unknown fact 'grad' (did you mean 'grade'?)");
    expect(text).toContain("$.override.reason: unknown field 'whyy' (did you mean 'why'?)");
    expect(text).toContain("$.override.mandatory[0].band: unknown band 'E'");
  }
});
