// Class 2a: names that every JavaScript object inherits (toString, constructor, hasOwnProperty,
// valueOf) work as shared-condition, constant and band names, and give the same results as any
// other name; a reference to one that is not defined is an unknown name; '__proto__' (which
// JavaScript and zod cannot keep as an ordinary key) is refused at its path.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, RulesetError } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { lineOf, staffordshire, writeRules } from "./bounded";

const dir = tempDir("hostile-names-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const RENAMES: Record<string, string> = { maintained: "toString", academy: "constructor", wouldBeSwkOrSm: "hasOwnProperty" };

/** Staffordshire with its shared conditions, and a constant, renamed to inherited names. */
function renamed(): string {
  const r = staffordshire();
  r.sharedConditions = Object.fromEntries(Object.entries(r.sharedConditions).map(([k, v]) => [RENAMES[k], v]));
  r.constants = Object.fromEntries(Object.entries(r.constants).map(([k, v]) => [k === "nationalAbsence" ? "valueOf" : k, v]));
  let text = JSON.stringify(r, null, 2);
  for (const [from, to] of Object.entries(RENAMES)) text = text.split(`"condition": "${from}"`).join(`"condition": "${to}"`);
  return text.split('"minus": "nationalAbsence"').join('"minus": "valueOf"');
}

async function run(rules: string, name: string) {
  const report = path.join(dir, `${name}-report.json`);
  const r = await runCli([STAFFS_BOOK, "--rules", rules, "--out", path.join(dir, `${name}.xlsx`), "--report", report, "--as-of", "2026-11-20"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(fs.readFileSync(report, "utf8")).rows as any[]).map((x) => [x.row, x.band, x.triggers.map((t: any) => t.id), x.escalation?.stage ?? null]);
}

test("shared conditions named toString, constructor, hasOwnProperty and a constant named valueOf give the same results", async () => {
  const text = renamed();
  expect(text).toContain('"condition": "hasOwnProperty"');
  const ruleset = parseRuleset(text, "renamed.json");
  expect(Object.keys(ruleset.sharedConditions!)).toEqual(["toString", "constructor", "hasOwnProperty"]);
  const file = writeRules(dir, "renamed.json", text);
  const check = await runCli(["check", file]);
  expect(check.out).toMatch(/renamed\.json: 0 errors, 0 warnings/);
  expect(await run(file, "renamed")).toEqual(await run(writeRules(dir, "plain.json", staffordshire()), "plain"));
}, 30_000);

test("a reference to an inherited name that is not defined is an unknown shared condition", async () => {
  for (const name of ["toString", "constructor", "hasOwnProperty", "__proto__", "valueOf"]) {
    const r = staffordshire();
    r.triggers[0].conditions = { all: [{ condition: name }] };
    const text = JSON.stringify(r, null, 2);
    expect(() => parseRuleset(text)).toThrow(new RegExp(`\\$\\.triggers\\[0\\]\\.conditions\\.all\\[0\\]\\.condition \\(line ${lineOf(text, `"condition": "${name}"`)}, column \\d+\\): unknown shared condition '${name}'`));
  }
  const file = writeRules(dir, "unknown.json", (() => {
    const r = staffordshire();
    r.triggers[0].conditions = { condition: "constructor" };
    return r;
  })());
  const check = await runCli(["check", file]);
  expect(check.code).toBe(1);
  expect(check.out).toContain("unknown shared condition 'constructor'");
  const runIt = await runCli([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "unknown.xlsx")]);
  expect(runIt.code).toBe(1);
  expect(runIt.err).toContain("unknown shared condition 'constructor'");
}, 30_000);

test("'__proto__' as a name is refused at its path (JSON.parse keeps it, zod would drop it silently)", async () => {
  const text = JSON.stringify(staffordshire(), null, 2).replace('"sharedConditions": {', '"sharedConditions": {\n    "__proto__": { "fact": "phase", "operator": "equal", "value": "Primary" },');
  expect(Object.keys(JSON.parse(text).sharedConditions)).toContain("__proto__");
  let error: RulesetError | undefined;
  try {
    parseRuleset(text, "proto.json");
  } catch (e) {
    error = e as RulesetError;
  }
  expect(error?.issues).toEqual([{ path: "$.sharedConditions.__proto__", line: lineOf(text, '"__proto__"'), column: 5, message: expect.stringContaining("'__proto__' cannot be used as a name") }]);
  const check = await runCli(["check", writeRules(dir, "proto.json", text)]);
  expect(check.code).toBe(1);
  expect(check.out).toContain("$.sharedConditions.__proto__");

  // In styles and a test row too.
  const styles = JSON.stringify(staffordshire()).replace('"bands":{"D":', '"bands":{"__proto__":{"fill":"#000000"},"D":');
  expect(() => parseRuleset(styles)).toThrow(/\$\.styles\.bands\.__proto__ .*'__proto__' cannot be used as a name/);
});

test("a ruleset's dictionaries hold only its own names", () => {
  const r = parseRuleset(renamed());
  expect(r.styles.bands.toString).toBeUndefined();
  expect("constructor" in r.styles.severities).toBe(false);
  expect(typeof r.sharedConditions!.toString).toBe("object");
  expect(r.tests![0].row.hasOwnProperty).toBeUndefined();
});
