// File access for the command-line tool: workbooks through ExcelJS, rules as JSON text.
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { parseRuleset, type Ruleset } from "../engine";

export class FileError extends Error {}

export const RULES_DIR = path.resolve(__dirname, "../rules");
export const DEFAULT_RULES = path.join(RULES_DIR, "staffordshire.json");

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  if (!fs.existsSync(file)) throw new FileError(`${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new FileError(`${file}: is a folder, not a workbook`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new FileError(`${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  return wb;
}

/** Reads a ruleset; a bare name such as "warwickshire" means the bundled rules/warwickshire.json. */
export function readRuleset(file: string): Ruleset {
  const resolved = !fs.existsSync(file) && /^[\w-]+$/.test(file) ? path.join(RULES_DIR, `${file}.json`) : file;
  if (!fs.existsSync(resolved)) throw new FileError(`${file}: no such rules file`);
  return parseRuleset(fs.readFileSync(resolved, "utf8"), resolved);
}

export function samePath(a: string, b: string): boolean {
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : path.resolve(p));
  return real(a) === real(b);
}

export function ensureDir(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
