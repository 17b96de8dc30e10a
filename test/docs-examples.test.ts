// The worked example ruleset in docs/ passes `check` and its stored cases pass `test`.
import * as path from "path";
import { runCli, ROOT } from "./helpers/cli";

const FLOORS = path.join(ROOT, "docs/examples/floor-standards.json");

test("docs/examples/floor-standards.json checks clean and its cases pass", async () => {
  const check = await runCli(["check", "--strict", FLOORS]);
  expect(check.code).toBe(0);
  const cases = await runCli(["test", FLOORS]);
  expect(cases.code).toBe(0);
  expect(cases.out).toContain("✔ 2018/19: floor standards withdrawn");
});

test("the README's engine-from-code example runs and categorises its three schools", async () => {
  const { execFile } = await import("child_process");
  const { promisify } = await import("util");
  const { stdout } = await promisify(execFile)(process.execPath, [require.resolve("tsx/cli"), "examples/code/from-code.ts"], { cwd: ROOT });
  expect(stdout).toContain("Hillside Academy: A No concern; no escalation");
  expect(stdout).toContain("Brook Lane School: D High concern; Core group");
  expect(stdout).toContain("Castle Primary: D High concern; LA Notice of Concern");
  expect(stdout).toContain("Could not be decided for lack of data: Below KS4 floor standard (Progress 8 was 'SUPP')");
});
