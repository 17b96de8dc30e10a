// categorise test --coverage [--min N]: the bundled rulesets at 100%, and copies with cases taken
// out, which name the uncovered leaf by its JSON path and line, and fail under --min.
import * as fs from "node:fs";
import { runCli, tempDir, rulesVariant, STAFFS_RULES, WARKS_RULES } from "./helpers/cli";

const dir = tempDir("coverage-cmd-");
const SMALL_COHORT = "Progress 8 of -0.6 whose confidence interval reaches above 0 (a small cohort) is not below the KS4 floor";

/** A copy of a bundled ruleset without the named cases. */
const without = (name: string, from: string, ...cases: string[]) =>
  rulesVariant(dir, name, (r) => {
    const before = r.tests.length;
    r.tests = r.tests.filter((t: any) => !cases.includes(t.name));
    expect(r.tests.length).toBe(before - cases.length);
  }, from);

/** The file's line `line` and the next: where the report points. */
const linesAt = (file: string, line: number) => fs.readFileSync(file, "utf8").split("\n").slice(line - 1, line + 1).join("\n");

test.each([
  ["staffordshire", "202 of 202"],
  ["warwickshire", "95 of 95"],
])("the bundled %s ruleset's cases cover it all, so --min 100 passes", async (name, items) => {
  const r = await runCli(["test", name, "--coverage", "--min", "100"]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Coverage by the \d+ cases:/);
  for (const section of ["triggers", "bands", "escalation"]) expect(r.out).toMatch(new RegExp(`^  ${section} +100% +(\\d+) of \\1$`, "m"));
  expect(r.out).toMatch(new RegExp(`^  overall +100% +${items}$`, "m"));
  expect(r.out).toContain("Every comparison is made true and false, and every trigger, band, stage and addition is given, by some case.");
  expect(r.out).toContain("✔ coverage 100% meets --min 100%");
});

test("without the small-cohort case, the P8 confidence limit is never false: its path and line, and --min fails", async () => {
  const file = without("no-small-cohort.json", STAFFS_RULES, SMALL_COHORT);
  const r = await runCli(["test", file, "--coverage", "--min", "99.5"]);
  expect(r.code).toBe(1);
  expect(r.out).toContain("74 cases: 74 passed, 0 failed");
  expect(r.out).toMatch(/^ {2}triggers +98% +85 of 86$/m);
  expect(r.out).toMatch(/^ {2}bands +100% +25 of 25$/m);
  expect(r.out).toMatch(/^ {2}escalation +98% +90 of 91$/m);
  expect(r.out).toMatch(/^ {2}overall +99% +200 of 202$/m);
  expect(r.out).toContain("Not covered: 2 comparisons (add a case for each):");
  const lines = r.out.split("\n");
  const trigger = lines.findIndex((l) => l.startsWith("    $.triggers[4].conditions.all[0].all[1] (line "));
  expect(lines[trigger]).toMatch(/^ {4}\$\.triggers\[4\]\.conditions\.all\[0\]\.all\[1\] \(line \d+\): P8 upper CI < 0, in trigger belowFloorKs4 Below KS4 floor standard$/);
  expect(lines[trigger + 1]).toBe("        never false (true in 6 cases); 68 cases reached it with its data missing, which counts for neither");
  expect(lines[trigger - 1]).toBe("  triggers");
  const line = Number(/\(line (\d+)\)/.exec(lines[trigger])![1]);
  expect(linesAt(file, line)).toContain('"fact": "p8Upper"');
  const stage = lines.findIndex((l) => l.startsWith("    $.escalation[6].conditions.all[1].any[1].all[1] (line "));
  expect(lines[stage]).toContain("P8 upper CI < 0, in stage moderationNeeded Moderation needed");
  expect(lines[stage + 1]).toBe("        never false (true in 6 cases); 38 cases reached it with its data missing, which counts for neither");
  expect(r.out).toContain("✘ coverage 99% (200 of 202) is below --min 99.5%");

  // 200 of 202 is 99.0%: --min 99 passes.
  const enough = await runCli(["test", file, "--coverage", "--min", "99"]);
  expect(enough.code).toBe(0);
  expect(enough.out).toContain("✔ coverage 99% meets --min 99%");
  // Without --min, coverage is shown and does not fail the command.
  expect((await runCli(["test", file, "--coverage"])).code).toBe(0);
});

test("a stage and a band no case is given are listed, with their leaves that nothing reaches", async () => {
  const staffs = without("no-warning-notice.json", STAFFS_RULES,
    "A warning notice (s60) not yet reviewed: compliance is checked 21 days after issue",
    "A warning notice to a voluntary controlled school: consult the governing body and the diocesan authority");
  const r = await runCli(["test", staffs, "--min", "98.5"]);
  expect(r.code).toBe(1);
  expect(r.out).toMatch(/^ {2}escalation +95% +87 of 91$/m);
  expect(r.out).toContain("Not covered: 1 comparison and 2 rules (add a case for each):");
  expect(r.out).toContain("✘ coverage 98% (198 of 202) is below --min 98.5%");
  expect(r.out).toMatch(/^ {4}\$\.escalation\[1\] \(line \d+\): stage warningNotice Warning notice \(s60\): compliance period: no case is given it$/m);
  expect(r.out).toMatch(/^ {4}\$\.escalation\[1\]\.also\[0\] \(line \d+\): stage warningNotice, also for voluntary aided, voluntary controlled and foundation schools: applies to no case \(no case is given stage warningNotice\)$/m);
  expect(r.out).toContain("        never reached: no case is given stage warningNotice");
  expect(r.out).toMatch(/^ {4}\$\.escalation\[1\]\.also\[0\]\.conditions\.all\[0\]\.all\[0\] \(line \d+\): Type in \["Voluntary aided school", /m);

  const warks = without("no-outstanding.json", WARKS_RULES, "Outstanding is 1", "An outstanding school whose results fell is still 1: the trend bands good and satisfactory schools only");
  const w = await runCli(["test", warks, "--coverage"]);
  expect(w.code).toBe(0);
  expect(w.out).toMatch(/^ {4}\$\.bands\[7\] \(line \d+\): band 1 Outstanding: no case is given it$/m);
  expect(w.out).toMatch(/^ {4}\$\.bands\[7\]\.conditions\.all\[0\] \(line \d+\): Overall effectiveness = 1, in band 1 Outstanding\n {8}never true \(false in \d+ cases\)/m);
  // The 2A band's trend was made false only by the outstanding school with falling results.
  expect(w.out).toMatch(/\$\.bands\[6\]\.conditions\.all\[1\] \(line \d+\): Attainment trend in \["improving", "stable"\], in band 2A Good improving\n {8}never false/);
});

test("a shared condition's leaf is listed where it is written and where the rule uses it", async () => {
  const file = without("no-blank-category.json", STAFFS_RULES,
    "A blank Category of concern means none: a requires improvement school gets a core group, not a Notice of Concern");
  const r = await runCli(["test", file, "--coverage"]);
  expect(r.out).toMatch(/^ {4}\$\.sharedConditions\.wouldBeSwkOrSm\.any\[1\] \(line \d+\), used by \$\.escalation\[3\]\.conditions\.all\[1\]\.any\[1\] \(line \d+\): Category of concern in \["SWK", "SM"\], in stage noticeOfConcern LA Notice of Concern$/m);
  // Other cases with a blank category reach the trigger and the band: only the stage's use is uncovered.
  expect(r.out).toContain("Not covered: 1 comparison (add a case for each):");
});

test("--filter: coverage of the matching cases; a failing case fails the command whatever the coverage", async () => {
  const r = await runCli(["test", STAFFS_RULES, "--filter", "warning notice", "--coverage"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Coverage by the 3 cases matching 'warning notice':");

  const failing = rulesVariant(dir, "failing.json", (x) => (x.tests.find((t: any) => t.name === SMALL_COHORT).expect.band = "C"));
  const f = await runCli(["test", failing, "--coverage", "--min", "100"]);
  expect(f.code).toBe(1);
  expect(f.out).toContain(`✘ ${SMALL_COHORT}`);
  expect(f.out).toContain("✔ coverage 100% meets --min 100%");
});

test("--min must be a percentage; it turns coverage on; both are in the help", async () => {
  for (const bad of ["eighty", "101", "-5", ""]) {
    const r = await runCli(["test", STAFFS_RULES, "--min", bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--min ${bad} is not a percentage from 0 to 100`);
  }
  const implied = await runCli(["test", "warwickshire", "--min", "80"]);
  expect(implied.out).toContain("Coverage by the");
  expect(implied.out).toContain("✔ coverage 100% meets --min 80%");
  const help = await runCli(["test", "--help"]);
  expect(help.out).toMatch(/--coverage +also show which comparisons and rules the cases leave untested/);
  expect(help.out).toMatch(/--min PERCENT +fail \(exit 1\) when overall coverage is below PERCENT \(turns --coverage on\)/);
});

test("the example in docs/writing-rules.md is the command's real output", async () => {
  // As the docs say: the Staffordshire file with its small-cohort case cut out of the text, so the rest keeps its lines.
  const text = fs.readFileSync(STAFFS_RULES, "utf8");
  const start = text.indexOf(`    {\n      "name": "${SMALL_COHORT}"`);
  const end = text.indexOf('    {\n      "name":', start + 1);
  expect(start).toBeGreaterThan(0);
  const file = `${dir}/yours.json`;
  fs.writeFileSync(file, text.slice(0, start) + text.slice(end));
  const r = await runCli(["test", file, "--coverage", "--min", "100"]);
  expect(r.code).toBe(1);
  const docs = fs.readFileSync(`${__dirname}/../docs/writing-rules.md`, "utf8");
  const block = /\$ npx categorise test rules\/yours\.json --coverage --min 100\n\.\.\.\n([\s\S]*?)\n```/.exec(docs)![1];
  expect(r.out.slice(r.out.indexOf("74 cases: "))).toBe(block);
});
