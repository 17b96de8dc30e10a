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
