// categorise clear <workbook.xlsx> [--sheet NAME] [--rules FILE] [--out PATH]: a copy without the
// results columns and summary sheet, officer cells back to the fills recorded before the first run
// (the add-in's Clear results, on a file).
import * as path from "node:path";
import { STORE_SHEET, SUMMARY_SHEET } from "../engine";
import { clearOnExcelJS, readStore } from "../hosts/exceljs/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { readWorkbook, readRuleset, samePath, ensureDir, DEFAULT_RULES, FileError } from "./files";

export async function clearCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const { positional, options } = parseArgs(argv, ["sheet", "rules", "out"]);
  if (positional.length !== 1) throw new UsageError("clear: give exactly one workbook (.xlsx)");
  const input = positional[0];
  // The rules only matter for a workbook without a record: they name the results headers to look for.
  const ruleset = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  const output = str(options.out) ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-cleared.xlsx`);
  if (samePath(input, output)) throw new FileError(`--out ${output} is the input workbook; the input is never overwritten: choose another path`);

  const wb = await readWorkbook(input);
  // The named sheet, else every sheet with a recorded run, else every sheet that may hold results.
  const recorded = Object.keys(readStore(wb).records).filter((s) => wb.getWorksheet(s));
  const sheets = str(options.sheet)
    ? [str(options.sheet)!]
    : recorded.length
      ? recorded
      : wb.worksheets.filter((ws) => ws.name !== SUMMARY_SHEET && ws.name !== STORE_SHEET).map((ws) => ws.name);
  const messages = sheets.map((s) => clearOnExcelJS(wb, s, ruleset));
  const cleared = messages.filter((m) => !m.startsWith("No results"));
  ensureDir(output);
  await wb.xlsx.writeFile(output);
  for (const m of cleared.length ? cleared : [`No results to clear in ${input}.`]) out(m);
  out(`\nWrote ${output}`);
}
