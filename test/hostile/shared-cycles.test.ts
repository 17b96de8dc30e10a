// Class 2b: shared conditions that refer to each other in a loop, of any length, are refused with
// the loop spelled out ("a → b → a") at the first one's JSON path: by parse, so by `check`, a run
// and `diff` alike (which all overflowed the stack before). Also: chains of references and shared
// conditions that expand to an enormous number of comparisons are refused rather than run.
import * as fs from "node:fs";
import * as path from "node:path";
import { compileRuleset, parseRuleset, RulesetError } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK, STAFFS_RULES } from "../helpers/cli";
import { cliInChild, lineOf, staffordshire, writeRules } from "./bounded";

const dir = tempDir("hostile-cycles-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Staffordshire with extra shared conditions, the first trigger using the first of them. */
function withShared(shared: Record<string, unknown>): string {
  const r = staffordshire();
  Object.assign(r.sharedConditions, shared);
  r.triggers[0].conditions = { all: [{ condition: Object.keys(shared)[0] }, r.triggers[0].conditions] };
  return JSON.stringify(r, null, 2);
}

const issuesOf = (text: string) => {
  try {
    parseRuleset(text, "loop.json");
  } catch (e) {
    if (e instanceof RulesetError) return e.issues;
    throw e;
  }
  return [];
};

test.each([
  ["a → a", { a: { not: { condition: "a" } } }, "shared condition 'a' refers to itself"],
  ["a → b → a", { a: { any: [{ condition: "b" }, { fact: "pupils", operator: "greaterThan", value: 10 }] }, b: { condition: "a" } }, "shared conditions refer to each other in a loop: a → b → a"],
  ["a → b → c → a", { a: { condition: "b" }, b: { all: [{ not: { condition: "c" } }] }, c: { any: [{ condition: "maintained" }, { condition: "a" }] } }, "shared conditions refer to each other in a loop: a → b → c → a"],
])("%s is refused by parse, check, a run and diff", async (_name, shared, message) => {
  const text = withShared(shared);
  expect(issuesOf(text)).toEqual([{ path: "$.sharedConditions.a", line: lineOf(text, '"a": {'), column: 5, message }]);
  const file = writeRules(dir, `loop-${Object.keys(shared).length}.json`, text);
  const check = await runCli(["check", file]);
  expect(check.code).toBe(1);
  expect(check.out).toContain(`$.sharedConditions.a (line ${lineOf(text, '"a": {')}, column 5): ${message}`);
  const run = await runCli([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "loop.xlsx")]);
  expect(run.code).toBe(1);
  expect(run.err).toContain(message);
  const diff = await runCli(["diff", STAFFS_RULES, file, STAFFS_BOOK]);
  expect(diff.code).toBe(1);
  expect(diff.err).toContain(message);
}, 20_000);

test("a loop of 5,000 shared conditions is found without recursion", () => {
  const shared: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) shared[`s${i}`] = { condition: `s${(i + 1) % 5000}` };
  const issues = issuesOf(withShared(shared));
  expect(issues.find((i) => i.path === "$.sharedConditions.s0")?.message).toBe("shared conditions refer to each other in a loop: s0 → s1 → s2 → s3 → s4 → s5 → … 4992 more … → s4998 → s4999 → s0");
}, 10_000);

test("a chain of references deeper than 64 levels is refused where it goes too deep", () => {
  const shared: Record<string, unknown> = {};
  for (let i = 0; i < 100; i++) shared[`c${i}`] = i === 99 ? { fact: "pupils", operator: "greaterThan", value: 10 } : { not: { condition: `c${i + 1}` } };
  const issues = issuesOf(withShared(shared));
  expect(issues.length).toBeGreaterThan(0);
  expect(issues[0].message).toMatch(/^with shared condition 'c\d+' \(\d+ levels\), conditions here nest \d+ deep: at most 64 levels are allowed$/);
  expect(issues[0].path).toMatch(/^\$\.sharedConditions\.c\d+\.not$/);
});

test("shared conditions that expand to 10^20 comparisons are refused, not run for ever", async () => {
  // s1 uses s0 ten times, s2 uses s1 ten times...: s20 stands for 10^20 comparisons per school.
  const shared: Record<string, unknown> = { s20: null };
  for (let i = 0; i <= 20; i++) shared[`s${i}`] = i === 0 ? { fact: "pupils", operator: "greaterThan", value: 10 } : { all: Array.from({ length: 10 }, () => ({ condition: `s${i - 1}` })) };
  const file = writeRules(dir, "expansion.json", withShared(shared));
  const check = await cliInChild(["check", file], 30_000);
  expect(check.code).toBe(1);
  expect(check.out).toMatch(/\$\.sharedConditions\.s4 \(line \d+, column \d+\): with the shared conditions it uses, this condition makes 10000 comparisons for each school: at most 2000 are allowed/);
  const run = await cliInChild([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "expansion.xlsx")], 30_000);
  expect(run.code).toBe(1);
  expect(run.err).toContain("makes 10000 comparisons for each school");
}, 70_000);

test("a ruleset built in code, not read by parseRuleset, gets the loop as an error, not a stack overflow", () => {
  const r = parseRuleset(JSON.stringify(staffordshire()));
  r.sharedConditions = { a: { condition: "b" }, b: { any: [{ condition: "a" }] } };
  r.triggers[0].conditions = { condition: "a" };
  expect(() => compileRuleset(r)).toThrow("shared conditions refer to each other in a loop: a → b → a");
});
