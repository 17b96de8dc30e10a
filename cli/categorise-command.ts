// categorise <workbook.xlsx> [--rules FILE] [--sheet NAME] [--out PATH] [--report PATH.json] [--as-of DATE]
import * as fs from "node:fs";
import * as path from "node:path";
import { runOnExcelJS } from "../hosts/exceljs/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { readWorkbook, readRuleset, samePath, ensureDir, DEFAULT_RULES, FileError } from "./files";
import { reportJson, summaryText } from "./report";

export async function categoriseCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const { positional, options } = parseArgs(argv, ["rules", "sheet", "out", "report", "as-of"], ["quiet"]);
  if (positional.length !== 1) throw new UsageError("give exactly one workbook (.xlsx)");
  const input = positional[0];
  const ruleset = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  const output = str(options.out) ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-categorised.xlsx`);
  if (samePath(input, output)) throw new FileError(`--out ${output} is the input workbook; the input is never overwritten: choose another path`);
  const report = str(options.report);
  if (report && samePath(input, report)) throw new FileError(`--report ${report} is the input workbook: choose another path`);

  const wb = await readWorkbook(input);
  const before = fs.statSync(input).mtimeMs;
  // The same run as the page outside Office: it refuses, as the add-in does, when officer data sits
  // where the results would go, and keeps the hidden record, so a re-run on this output restores
  // officer cells that no longer trigger, and the add-in's Clear can undo it.
  const { result, notes } = await runOnExcelJS(wb, ruleset, { sheet: str(options.sheet), asOf: str(options["as-of"]) });
  ensureDir(output);
  await wb.xlsx.writeFile(output);
  if (report) {
    ensureDir(report);
    fs.writeFileSync(report, JSON.stringify(reportJson(result), null, 2) + "\n");
  }
  if (fs.statSync(input).mtimeMs !== before) throw new Error(`${input} changed during the run`);
  if (!options.quiet) out(summaryText(result, ruleset.bands));
  for (const note of notes) out(`Note: ${note}`);
  out(`\nWrote ${output}${report ? ` and ${report}` : ""}`);
}
