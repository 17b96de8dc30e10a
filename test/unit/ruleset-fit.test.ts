// The fit of school data to a ruleset, and the offer of a ruleset that fits it clearly better: on
// the example workbooks' real headers with the bundled rulesets.
import { readFileSync } from "fs";
import { join } from "path";
import { parseRuleset, type Ruleset } from "../../engine";
import { betterFit, CLEARLY_BETTER, fitOf, fitText, POOR_FIT, type Candidate } from "../../addin/ruleset-fit";
import type { Target } from "../../addin/pane-host";
import { matchTarget } from "../../addin/target-match";

const rules = (name: string) => parseRuleset(readFileSync(join(__dirname, "../../rules", `${name}.json`), "utf8"));
const staffordshire = rules("staffordshire");
const warwickshire = rules("warwickshire");
const candidates: Candidate[] = [
  { key: "bundled:staffordshire", label: "Staffordshire 2014-16 (bundled)", ruleset: staffordshire },
  { key: "bundled:warwickshire", label: "Warwickshire 2013 (bundled)", ruleset: warwickshire },
];
const others = (current: Ruleset) => candidates.filter((c) => c.ruleset !== current);
const target = (headers: string[]): Target => ({ id: "sheet:Schools", sheet: "Schools", label: "Sheet Schools", headers, headerRow: 1, dataRows: 10 });

// The example workbooks' header rows.
const staffordshireSheet = target("URN|LAESTAB|School name|District|Phase|Type|Pupils|FSM %|Ofsted grade|Category of concern|Inspection date|Leadership and management|Previous Ofsted grade|KS2 RWM expected %|KS2 RWM expected % (previous year)|KS2 reading progress|KS2 writing progress|KS2 maths progress|Progress 8|Progress 8 (previous year)|P8 upper CI|Attainment 8|Overall absence %|Overall absence % (previous year)|Persistent absence %|Fixed-term exclusions|Safeguarding concern|Complaints|Budget balance £|Officer category|Officer notes".split("|"));
const warwickshireSheet = target("URN|LAESTAB|School name|Phase|Type|Academy|Pupils|IDACI quintile|Overall effectiveness|Inspection date|Previous overall effectiveness|Previous inspection date|Leadership and management|Category of concern|Headline attainment 2018|Headline attainment 2019|Trend|Pupils eligible for funding|Officer category".split("|"));

const fit = (t: Target, r: Ruleset) => fitOf(matchTarget(t, r));

describe("how well school data fits a ruleset", () => {
  it("each example workbook fits its own ruleset well", () => {
    expect(fit(staffordshireSheet, staffordshire)).toMatchObject({ missingRequired: [], poor: false });
    expect(fit(warwickshireSheet, warwickshire)).toMatchObject({ missingRequired: [], poor: false });
    expect(betterFit(staffordshireSheet, fit(staffordshireSheet, staffordshire), others(staffordshire))).toBeNull();
    expect(betterFit(warwickshireSheet, fit(warwickshireSheet, warwickshire), others(warwickshire))).toBeNull();
  });

  it("the Warwickshire workbook fits Staffordshire's rules poorly, and Warwickshire's is offered", () => {
    const poor = fit(warwickshireSheet, staffordshire);
    expect(poor.poor).toBe(true);
    expect(poor.missingRequired).toEqual([]);
    expect(poor.share).toBeLessThan(POOR_FIT);
    const better = betterFit(warwickshireSheet, poor, others(staffordshire))!;
    expect(better.key).toBe("bundled:warwickshire");
    expect(better.fit.share).toBeGreaterThanOrEqual(poor.share + CLEARLY_BETTER);
    expect(fitText(poor)).toMatch(/^\d+ of \d+ fields \(\d+%\)$/);
  });

  it("the Staffordshire workbook with Warwickshire's rules: Staffordshire's fits clearly better", () => {
    const current = fit(staffordshireSheet, warwickshire);
    expect(betterFit(staffordshireSheet, current, others(warwickshire))?.key).toBe("bundled:staffordshire");
  });

  it("a required column missing is a poor fit whatever else is found; any ruleset that fits well is offered", () => {
    const f = fitOf({ found: 9, fields: 10, missingRequired: ["Ofsted grade"] });
    expect(f).toMatchObject({ share: 0.9, poor: true });
    // Staffordshire finds only a little more of its fields here, but it can run where the current one cannot.
    const sheet = target([...staffordshireSheet.headers]);
    const current = fitOf({ found: 20, fields: 22, missingRequired: ["Overall effectiveness"] });
    expect(betterFit(sheet, current, [candidates[0]])?.key).toBe("bundled:staffordshire");
  });

  it("a ruleset that itself fits poorly is never offered", () => {
    const none = target(["URN", "School name", "Ofsted grade"]);
    expect(betterFit(none, fitOf({ found: 1, fields: 30, missingRequired: [] }), candidates)).toBeNull();
  });
});
