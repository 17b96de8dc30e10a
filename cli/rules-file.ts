// Reading a rules file. The text is kept so problems can be shown with line numbers. A bare name
// ("warwickshire") means the bundled rules/<name>.json; the resolved path is returned, so the
// commands can make sure no output replaces it. A name that is neither lists the bundled ones.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, type Ruleset } from "../engine";
import { FileError } from "./file-error";
import { fsErrorMessage } from "./fs-errors";
import { nearest } from "./nearest";
import { PACKAGE_ROOT } from "./package-root";

export const RULES_DIR = path.join(PACKAGE_ROOT, "rules");
export const DEFAULT_RULES = path.join(RULES_DIR, "staffordshire.json");

export interface RulesText {
  file: string;
  text: string;
}

/** The bundled rulesets' names: rules/<name>.json, the JSON Schema left out. */
export function bundledRulesets(): string[] {
  try {
    return fs
      .readdirSync(RULES_DIR)
      .filter((f) => f.endsWith(".json") && f !== "ruleset.schema.json")
      .map((f) => f.slice(0, -".json".length))
      .sort();
  } catch {
    return [];
  }
}

const isBareName = (name: string) => /^[\w-]+$/.test(name);

/** Why there is no rules file by this name: for a bare name, the bundled names and the nearest. */
function missing(name: string): FileError {
  if (!isBareName(name)) return new FileError(`${name}: no such rules file`);
  const names = bundledRulesets();
  const guess = nearest(name, names);
  const list = names.length ? `; the bundled rulesets are ${names.join(", ")}` : "";
  return new FileError(`${name}: no such rules file or bundled ruleset${list}${guess ? `. Did you mean '${guess}'?` : ""}`);
}

export function readRulesText(file: string): RulesText {
  const resolved = !fs.existsSync(file) && isBareName(file) ? path.join(RULES_DIR, `${file}.json`) : file;
  if (!fs.existsSync(resolved)) throw missing(file);
  if (fs.statSync(resolved).isDirectory()) throw new FileError(`${file}: is a folder, not a rules file`);
  try {
    return { file: resolved, text: fs.readFileSync(resolved, "utf8") };
  } catch (e) {
    const message = fsErrorMessage(e, `read ${file}`);
    throw message ? new FileError(message) : e;
  }
}

/** Reads and parses a ruleset; `file` is where it was read from. */
export function readRuleset(name: string): { file: string; ruleset: Ruleset } {
  const { file, text } = readRulesText(name);
  return { file, ruleset: parseRuleset(text, file) };
}
