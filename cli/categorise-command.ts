// categorise <workbook.xlsx> [--rules FILE] [--sheet NAME] [--out PATH] [--report PATH.json] [--as-of DATE]
import * as path from "node:path";
import { runOnFile } from "../hosts/file/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { writeFilesAtomically, type OutputFile } from "./atomic-write";
import { checkInputWorkbook, fileStamp, readWorkbook } from "./files";
import { checkOutputs, inputWorkbook, rulesFile } from "./output-paths";
import { reportJson, summaryText } from "./report";
import { DEFAULT_RULES, readRuleset } from "./rules-file";

export async function categoriseCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const { positional, options } = parseArgs(argv, ["rules", "sheet", "out", "report", "as-of"], ["quiet"]);
  if (positional.length !== 1) throw new UsageError("give exactly one workbook (.xlsx)");
  const input = positional[0];
  const rules = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  const output = str(options.out) ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-categorised.xlsx`);
  const report = str(options.report);
  checkInputWorkbook(input);
  checkOutputs([inputWorkbook(input), rulesFile(rules.file)], [{ file: output, option: "--out" }, ...(report ? [{ file: report, option: "--report" }] : [])]);

  const before = fileStamp(input);
  const book = await readWorkbook(input);
  // The same run as the page outside Office: it refuses, as the add-in does, when officer data sits
  // where the results would go, and keeps the hidden record, so a re-run on this output restores
  // officer cells that no longer trigger, and the add-in's Clear can undo it.
  const { bytes, result, notes } = await runOnFile(book, rules.ruleset, { sheet: str(options.sheet), asOf: str(options["as-of"]) });
  const files: OutputFile[] = [{ file: output, data: bytes }];
  if (report) files.push({ file: report, data: JSON.stringify(reportJson(result), null, 2) + "\n" });
  writeFilesAtomically(files);
  if (fileStamp(input) !== before) throw new Error(`${input} changed during the run`);
  if (!options.quiet) out(summaryText(result, rules.ruleset.bands));
  for (const note of notes) out(`Note: ${note}`);
  out(`\nWrote ${output}${report ? ` and ${report}` : ""}`);
}
