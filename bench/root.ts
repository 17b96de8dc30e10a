// The repository's folder, found from this file's: the bench runs from bench/ (tsx) or compiled
// in node_modules/.cache/bench/bench (npm run bench).
import * as fs from "node:fs";
import * as path from "node:path";

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "rules", "staffordshire.json")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no rules/staffordshire.json above ${from}`);
  }
}

export const ROOT = repositoryRoot(__dirname);
export const STAFFORDSHIRE = path.join(ROOT, "rules", "staffordshire.json");
