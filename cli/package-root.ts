// Where the tool's own files are: the folder holding its package.json, found from this file, so
// the same code works from cli/ (through tsx) and compiled in build/cli/. The bundled rulesets and
// the version come from there.
import * as fs from "node:fs";
import * as path from "node:path";

const NAME = "school-categorisation";

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name === NAME) return dir;
    } catch {
      // No package.json here, or not ours: look further up.
    }
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..");
  }
}

export const PACKAGE_ROOT = findRoot();

/** The version in package.json. */
export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version;
}
