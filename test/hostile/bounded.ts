// Helpers for the hostile-ruleset tests. A pathological case that regresses may block the event loop
// (a regular expression backtracking for hours), where a jest timeout never gets to fire; such cases
// run in a child process that is killed after a time limit, so the test fails instead of hanging.
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { ROOT, STAFFS_RULES } from "../helpers/cli";

export interface ChildAnswer {
  code?: number;
  out?: string;
  err?: string;
  rows?: { name: string | null; band: string; triggers: string[] }[];
  warnings?: string[];
  thrown?: string;
  /** Time the work took inside the child (not counting its start-up). */
  ms?: number;
}

function inChild(args: string[], limitMs: number): Promise<ChildAnswer> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [require.resolve("tsx/cli"), path.join(__dirname, "child.ts"), ...args],
      { cwd: ROOT, timeout: limitMs, maxBuffer: 256 * 1024 * 1024, killSignal: "SIGKILL" },
      (error, stdout) => {
        if (error && (error.killed || error.signal)) return reject(new Error(`still running after ${limitMs} ms: killed (${args.slice(0, 2).join(" ")})`));
        try {
          resolve(JSON.parse(stdout) as ChildAnswer);
        } catch {
          reject(new Error(`the child printed no answer: ${error?.message ?? stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

/** `categorise ...args` in a child process killed after limitMs. */
export const cliInChild = (args: string[], limitMs: number) => inChild(["cli", ...args], limitMs);

/** parseRuleset + categorise on in-memory rows, in a child process killed after limitMs. */
export function engineInChild(rulesFile: string, rows: Record<string, unknown>[], asOf: string, limitMs: number): Promise<ChildAnswer> {
  const rowsFile = `${rulesFile}.rows.json`;
  fs.writeFileSync(rowsFile, JSON.stringify(rows));
  return inChild(["engine", rulesFile, rowsFile, asOf], limitMs);
}

/** A copy of the bundled Staffordshire ruleset (without $schema), for editing. */
export function staffordshire(): any {
  const r = JSON.parse(fs.readFileSync(STAFFS_RULES, "utf8"));
  delete r.$schema;
  return r;
}

/** Writes text to dir/name and returns the path. */
export function writeRules(dir: string, name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** The 1-based line of the first occurrence of `needle` in a file's text. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not in the text`);
  return text.slice(0, at).split("\n").length;
}
