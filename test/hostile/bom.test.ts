// Class 2g: a rules file saved with a UTF-8 byte-order mark (Windows Notepad does) is read like
// any other, and the line and column of each problem are the same as without the mark.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, RulesetError } from "../../engine";
import { runCli, tempDir, STAFFS_BOOK, STAFFS_RULES } from "../helpers/cli";
import { staffordshire } from "./bounded";

const dir = tempDir("hostile-bom-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

test("parseRuleset, check, test and a run accept a file that starts with a byte-order mark", async () => {
  const file = path.join(dir, "notepad.json");
  fs.writeFileSync(file, Buffer.concat([BOM, fs.readFileSync(STAFFS_RULES)]));
  expect(fs.readFileSync(file, "utf8").charCodeAt(0)).toBe(0xfeff);
  expect(parseRuleset(fs.readFileSync(file, "utf8")).id).toBe("staffordshire");
  const check = await runCli(["check", file]);
  expect(check.out).toMatch(/✔ .*notepad\.json: 0 errors, 0 warnings/);
  expect((await runCli(["test", file])).code).toBe(0);
  const run = await runCli([STAFFS_BOOK, "--rules", file, "--out", path.join(dir, "notepad.xlsx"), "--as-of", "2026-11-20"]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
}, 30_000);

test("line and column are unchanged by the mark, on the first line too", async () => {
  const issues = (text: string) => {
    try {
      parseRuleset(text);
    } catch (e) {
      return (e as RulesetError).issues;
    }
    return [];
  };
  const r = staffordshire();
  r.triggers[2].conditions.all[0].fact = "ofstedGrad";
  const text = JSON.stringify(r, null, 2);
  const plain = issues(text);
  expect(plain).toEqual([{ path: "$.triggers[2].conditions.all[0].fact", line: expect.any(Number), column: expect.any(Number), message: expect.stringContaining("did you mean 'ofstedGrade'") }]);
  expect(issues("\uFEFF" + text)).toEqual(plain);
  // A problem on line 1: column 1 is the brace, not the mark.
  const first = issues('\uFEFF{"id": 1}');
  expect(first.find((i) => i.path === "$.title")).toMatchObject({ line: 1, column: 1 });
  expect(first.find((i) => i.path === "$.id")).toMatchObject({ line: 1, column: 2 });
  const file = path.join(dir, "line.json");
  fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from(text)]));
  const check = await runCli(["check", file]);
  expect(check.out).toContain(`$.triggers[2].conditions.all[0].fact (line ${plain[0].line}, column ${plain[0].column})`);
}, 10_000);
