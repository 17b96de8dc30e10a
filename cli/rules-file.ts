// Reading a rules file for the ruleset commands (check, test, diff, backtest): the text is kept so
// problems can be shown with line numbers. A bare name ("warwickshire") means rules/<name>.json.
import * as fs from "node:fs";
import * as path from "node:path";
import { FileError, RULES_DIR } from "./files";

export interface RulesText {
  file: string;
  text: string;
}

export function readRulesText(file: string): RulesText {
  const resolved = !fs.existsSync(file) && /^[\w-]+$/.test(file) ? path.join(RULES_DIR, `${file}.json`) : file;
  if (!fs.existsSync(resolved)) throw new FileError(`${file}: no such rules file`);
  if (fs.statSync(resolved).isDirectory()) throw new FileError(`${file}: is a folder, not a rules file`);
  return { file: resolved, text: fs.readFileSync(resolved, "utf8") };
}
