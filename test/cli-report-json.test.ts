// The --report JSON is compact by default (programs read it) and indented with --pretty; both hold
// the same data.
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, STAFFS_BOOK, tempDir } from "./helpers/cli";

const dir = tempDir("report-json-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("categorise --report writes one line of JSON; --pretty indents the same data", async () => {
  const compact = path.join(dir, "compact.json");
  const pretty = path.join(dir, "pretty.json");
  const args = [STAFFS_BOOK, "--as-of", "2026-11-20", "--quiet"];
  expect((await runCli([...args, "--out", path.join(dir, "a.xlsx"), "--report", compact])).code).toBe(0);
  expect((await runCli([...args, "--out", path.join(dir, "b.xlsx"), "--report", pretty, "--pretty"])).code).toBe(0);
  const compactText = fs.readFileSync(compact, "utf8");
  const prettyText = fs.readFileSync(pretty, "utf8");
  expect(compactText.trimEnd().split("\n")).toHaveLength(1);
  expect(prettyText.split("\n").length).toBeGreaterThan(1000);
  expect(prettyText).toMatch(/^\{\n {2}"/);
  expect(JSON.parse(compactText)).toEqual(JSON.parse(prettyText));
  expect(compactText.length).toBeLessThan(prettyText.length * 0.8);
});

test("--pretty is offered by did-you-mean and listed in help", async () => {
  const typo = await runCli([STAFFS_BOOK, "--prety"]);
  expect(typo.code).not.toBe(0);
  expect(typo.err).toMatch(/--pretty/);
  const help = await runCli(["--help"]);
  expect(help.out).toMatch(/--pretty\s+indent the --report JSON/);
});
