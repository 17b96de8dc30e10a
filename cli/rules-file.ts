// Reading a rules file. The text is kept so problems can be shown with line numbers. A bare name
// ("warwickshire") means the bundled rules/<name>.json; the resolved path is returned, so the
// commands can make sure no output replaces it.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRuleset, type Ruleset } from "../engine";
import { FileError } from "./files";
import { fsErrorMessage } from "./fs-errors";

export const RULES_DIR = path.resolve(__dirname, "../rules");
export const DEFAULT_RULES = path.join(RULES_DIR, "staffordshire.json");

export interface RulesText {
  file: string;
  text: string;
}

export function readRulesText(file: string): RulesText {
  const resolved = !fs.existsSync(file) && /^[\w-]+$/.test(file) ? path.join(RULES_DIR, `${file}.json`) : file;
  if (!fs.existsSync(resolved)) throw new FileError(`${file}: no such rules file`);
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
