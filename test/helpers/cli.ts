// Helpers for command-line tests: run main() capturing its output, temp folders, rules variants.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";

export const ROOT = path.resolve(__dirname, "../..");
export const STAFFS_RULES = path.join(ROOT, "rules/staffordshire.json");
export const WARKS_RULES = path.join(ROOT, "rules/warwickshire.json");
export const STAFFS_BOOK = path.join(ROOT, "examples/staffordshire-schools.xlsx");
export const WARKS_BOOK = path.join(ROOT, "examples/warwickshire-schools.xlsx");

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export function tempDir(prefix = "categorise-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of a bundled ruleset, changed by `edit`, written to dir/name; returns its path. */
export function rulesVariant(dir: string, name: string, edit: (r: any) => void, from = STAFFS_RULES): string {
  const r = JSON.parse(fs.readFileSync(from, "utf8"));
  delete r.$schema;
  edit(r);
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(r, null, 2));
  return file;
}
