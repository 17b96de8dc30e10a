// Class 2c: conditions nested 20,000 deep are refused with the JSON path (and line) where the file
// goes too deep, before the JSON reader, zod or any condition walker can overflow the stack;
// conditions over 64 levels (but not absurdly deep) are refused at the exact place of level 65.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, RulesetError, validateRuleset } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK } from "../helpers/cli";
import { staffordshire, writeRules } from "./bounded";

const dir = tempDir("hostile-deep-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LEAF = '{ "fact": "pupils", "operator": "greaterThan", "value": 10 }';

/** Staffordshire whose first trigger's conditions are `levels` nested alls around a leaf, as text. */
function nested(levels: number): string {
  let c = LEAF;
  for (let i = 1; i < levels; i++) c = `{ "all": [${c}] }`;
  const text = JSON.stringify(staffordshire(), null, 2);
  const at = text.indexOf('"conditions"', text.indexOf('"triggers"'));
  const end = text.indexOf("\n      }", at); // the end of the first trigger's conditions object
  return text.slice(0, at) + `"conditions": ${c}` + text.slice(end + "\n      }".length);
}

const issueOf = (text: string) => {
  try {
    parseRuleset(text, "deep.json");
  } catch (e) {
    if (e instanceof RulesetError) return e.issues;
    throw e;
  }
  throw new Error("the ruleset was accepted");
};

test("the generated file is what it says: valid JSON, 20,000 levels deep", () => {
  const text = nested(20_000);
  const r = JSON.parse(text); // V8's JSON.parse does not recurse
  let depth = 0;
  for (let c = r.triggers[0].conditions; c.all; c = c.all[0]) depth++;
  expect(depth).toBe(19_999);
});

test("20,000 levels: parseRuleset refuses it at the path where it goes too deep, with the line", () => {
  const text = nested(20_000);
  const [issue, ...more] = issueOf(text);
  expect(more).toEqual([]);
  expect(issue.message).toMatch(/^nested more than 152 levels deep here, so the file is not read further \(conditions may nest at most 64 deep\)$/);
  expect(issue.path).toBe("$.triggers[0].conditions" + ".all[0]".repeat(74) + ".all"); // the list opened 153 levels down
  expect(issue.line).toBe(text.slice(0, text.indexOf('"conditions"', text.indexOf('"triggers"'))).split("\n").length);
}, 5_000);

test("20,000 levels: validateRuleset on the parsed object refuses it too, without recursion", () => {
  expect(() => validateRuleset(JSON.parse(nested(20_000)))).toThrow(/\$\.triggers\[0\]\.conditions(\.all\[0\]){74}\.all: nested more than 152 levels deep/);
}, 5_000);

test("20,000 levels: categorise check and a run say so, and exit 1", async () => {
  const file = writeRules(dir, "deep.json", nested(20_000));
  const check = await runCli(["check", file]);
  expect(check.code).toBe(1);
  expect(check.out).toMatch(/✘ error {3}\$\.triggers\[0\]\.conditions(\.all\[0\]){74}\.all \(line \d+, column \d+\): nested more than 152 levels deep/);
  const run = await runCli([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "deep.xlsx")]);
  expect(run.code).toBe(1);
  expect(run.err).toContain("nested more than 152 levels deep");
  expect(run.err).not.toContain("Maximum call stack");
}, 10_000);

test("65 levels: refused at level 65, with its path and line", async () => {
  const text = nested(65);
  expect(issueOf(text)).toEqual([
    { path: "$.triggers[0].conditions" + ".all[0]".repeat(64), line: expect.any(Number), column: expect.any(Number), message: "conditions nest more than 64 deep here: at most 64 levels are allowed" },
  ]);
  expect(() => parseRuleset(nested(64))).not.toThrow();
  const check = await runCli(["check", writeRules(dir, "deep65.json", text)]);
  expect(check.code).toBe(1);
  expect(check.out).toContain("conditions nest more than 64 deep here");
}, 10_000);

test("an object that contains itself is refused, not walked for ever", () => {
  const r = staffordshire();
  const loop: any = { all: [] };
  loop.all.push(loop);
  r.triggers[0].conditions = loop;
  expect(() => validateRuleset(r)).toThrow(/nested more than 152 levels deep/);
}, 5_000);
