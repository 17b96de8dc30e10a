// categorise test: runs a ruleset's stored cases, ✔/✘ per case with the difference and the reasons.
import * as path from "path";
import { runCli, tempDir, rulesVariant, STAFFS_RULES } from "./helpers/cli";

const dir = tempDir("test-cmd-");

test("the bundled rulesets' cases all pass", async () => {
  const r = await runCli(["test", STAFFS_RULES]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("✔ Good school with no warning signs is A");
  expect(r.out).toMatch(/(\d+) cases: \1 passed, 0 failed/);
  expect((await runCli(["test", "warwickshire"])).code).toBe(0);
});

test("a failing case shows what differed and why", async () => {
  const file = rulesVariant(dir, "failing.json", (r) => {
    const floor = r.tests.find((t: any) => t.name === "Below the 2016-18 KS2 floor is C");
    floor.expect.band = "D";
    floor.expect.triggers = ["belowFloorKs2", "unacceptablyLow"];
    floor.expect.stage = "coreGroup";
  });
  const r = await runCli(["test", file]);
  expect(r.code).toBe(1);
  const lines = r.out.split("\n");
  const at = lines.findIndex((l) => l.includes("✘ Below the 2016-18 KS2 floor is C"));
  expect(at).toBeGreaterThan(0);
  const detail = lines.slice(at + 1, at + 8).join("\n");
  expect(detail).toContain('band: expected "D", got "C"');
  expect(detail).toContain("triggers: missing unacceptablyLow (got belowFloorKs2)");
  expect(detail).toContain('stage: expected "coreGroup", got null');
  expect(detail).toContain("why: Category C Medium concern: Triggers includes belowFloorKs2");
  expect(detail).toContain("why: Trigger Below KS2 floor standard: KS2 RWM expected % is below KS2 floor: RWM % (65) (actual 58)");
  expect(r.out).toMatch(/cases: \d+ passed, 1 failed/);
});

test("--filter runs only the matching cases", async () => {
  const r = await runCli(["test", STAFFS_RULES, "--filter", "core group"]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/\d+ stored test cases matching 'core group'/);
  const listed = r.out.split("\n").filter((l) => l.startsWith("  ✔"));
  expect(listed.length).toBeGreaterThan(1);
  for (const l of listed) expect(l.toLowerCase()).toContain("core group");
  const none = await runCli(["test", STAFFS_RULES, "--filter", "no such case"]);
  expect(none.code).toBe(1);
  expect(none.out).toContain("no test case name contains 'no such case'");
});

test("bad input: no cases, an invalid ruleset, a missing file, no file", async () => {
  const empty = await runCli(["test", rulesVariant(dir, "no-tests.json", (r) => delete r.tests)]);
  expect(empty.code).toBe(1);
  expect(empty.out).toContain("has no stored test cases");

  const invalid = await runCli(["test", rulesVariant(dir, "invalid.json", (r) => (r.tests[0].expect.band = "Z"))]);
  expect(invalid.code).toBe(1);
  expect(invalid.err).toMatch(/\$\.tests\[0\]\.expect\.band \(line \d+, column \d+\): unknown band 'Z'/);

  const missing = await runCli(["test", path.join(dir, "missing.json")]);
  expect(missing.code).toBe(1);
  expect(missing.err).toContain("missing.json: no such rules file");

  const usage = await runCli(["test"]);
  expect(usage.code).toBe(2);
  expect(usage.err).toContain("test needs one rules file");
});
