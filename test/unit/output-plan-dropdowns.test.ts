// The output plan's dropdowns (engine/output/output-plan.ts): given the workbook, buildOutputPlan
// says where each dropdown goes, which store column keeps its list and what its validation lists,
// the same for every host; without the workbook it says nothing about dropdowns.
import { readFileSync } from "fs";
import { buildOutputPlan, categorise, dropdowns, LIST_FIRST_COLUMN, listHeader, memorySource, parseListHeader, parseRuleset, planDropdowns, type Dropdown } from "../../engine";

const staffs = parseRuleset(readFileSync("rules/staffordshire.json", "utf8"), "staffordshire.json");
const source = () =>
  memorySource({
    Schools: {
      headers: ["URN", "School name", "Ofsted grade", "Type", "LA judgement"],
      rows: [
        [1, "One", 2, "Community school", "Neither"],
        [2, "Two", 3, "Academy converter", null],
      ],
    },
  });

const dropdown = (over: Partial<Dropdown> = {}): Dropdown => ({
  sheet: "Schools",
  column: 4,
  letter: "D",
  header: "Type",
  firstRow: 2,
  lastRow: 503,
  values: ["a", "b"],
  inline: true,
  prompt: "Type: pick one of the listed values",
  error: "Type is read only as one of the listed values",
  ...over,
});

describe("buildOutputPlan and the dropdowns", () => {
  it("given the workbook, places the engine's dropdowns with their lists; without it, has none", async () => {
    const result = await categorise(source(), staffs, { sheet: "Schools", asOf: "2026-03-01" });
    expect(buildOutputPlan(result, staffs)).not.toHaveProperty("dropdowns");
    const plan = buildOutputPlan(result, staffs, source());
    expect(plan.dropdowns).toEqual(planDropdowns(dropdowns(source(), staffs, "Schools")));
    const [type, judgement] = plan.dropdowns!;
    expect(type).toMatchObject({ sheet: "Schools", letter: "D", firstRow: 2, lastRow: 503, inline: false, listColumn: 4, source: "='_categorisation'!$D$2:$D$35", listHeader: "Dropdown on 'Schools'!D2:D503", title: "Type" });
    expect(judgement).toMatchObject({ letter: "E", inline: true, listColumn: 5, source: "Serious weaknesses,Special measures,Neither", listHeader: "Dropdown on 'Schools'!E2:E503" });
  });
});

describe("planDropdowns", () => {
  it("gives each dropdown its own store column from D, in order", () => {
    const planned = planDropdowns([dropdown(), dropdown({ values: ["x".repeat(300)], inline: false }), dropdown({ sheet: "It's", values: ["p", "q", "r"] })]);
    expect(planned.map((d) => d.listColumn)).toEqual([LIST_FIRST_COLUMN, LIST_FIRST_COLUMN + 1, LIST_FIRST_COLUMN + 2]);
    expect(planned.map((d) => d.source)).toEqual(["a,b", "='_categorisation'!$E$2:$E$2", "p,q,r"]);
    expect(planned[2].listHeader).toBe("Dropdown on 'It''s'!D2:D503");
  });
  it("gives a field that lists no values no dropdown", () => {
    expect(planDropdowns([dropdown({ values: [] }), dropdown({ letter: "E" })]).map((d) => [d.letter, d.listColumn])).toEqual([["E", LIST_FIRST_COLUMN]]);
  });
  it("keeps a list that would read as a formula in cells", () => {
    const [d] = planDropdowns([dropdown({ values: ["=1+1", "b"] })]);
    expect(d).toMatchObject({ inline: false, source: "='_categorisation'!$D$2:$D$3" });
  });
  it("cuts titles and messages to Excel's limits", () => {
    const [d] = planDropdowns([dropdown({ header: "H".repeat(40), prompt: "p".repeat(300), error: "e".repeat(300) })]);
    expect(d.title).toHaveLength(32);
    expect(d.title.endsWith("…")).toBe(true);
    expect(d.header).toHaveLength(40);
    expect(d.prompt).toHaveLength(255);
    expect(d.error).toHaveLength(225);
  });
});

describe("a list column's first row", () => {
  it("names the cells, and reads back", () => {
    for (const d of [dropdown(), dropdown({ sheet: "Notices (2024's)", letter: "AF", firstRow: 7, lastRow: 1200 })]) {
      expect(parseListHeader(listHeader(d))).toEqual({ sheet: d.sheet, letter: d.letter, firstRow: d.firstRow, lastRow: d.lastRow });
    }
  });
  it("is not mistaken for anything else", () => {
    for (const text of [null, 3, "", "Ruleset (JSON)", "Dropdown on Schools!D2:D9", "Dropdown on 'Schools'!D2:E9", "Dropdown on 'Schools'!D2"]) {
      expect(parseListHeader(text)).toBeNull();
    }
  });
});
