// categorise <workbook.xlsx | schools.csv> [--rules FILE] [--sheet NAME] [--out PATH] [--report PATH.json] [--as-of DATE]
import * as path from "node:path";
import { runOnFile } from "../hosts/file/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { writeFilesAtomically, type OutputFile } from "./atomic-write";
import type { CommandContext } from "./command";
import { commandSpec } from "./command-specs";
import { checkInputWorkbook, fileStamp, isCsv, readWorkbook } from "./files";
import { checkOutputs, inputWorkbook, rulesFile } from "./output-paths";
import { NO_PROGRESS } from "./progress";
import { reportJson, summaryText } from "./report";
import { DEFAULT_RULES, readRuleset } from "./rules-file";
import { jsonText } from "./json-output";

const SPEC = commandSpec("")!;

export async function categoriseCommand(argv: string[], out: (s: string) => void, { progress }: CommandContext = { progress: NO_PROGRESS }): Promise<void> {
  const { positional, options } = parseArgs(argv, SPEC);
  if (positional.length !== 1) throw new UsageError("give exactly one workbook (.xlsx) or .csv file", "");
  const input = positional[0];
  const rules = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  const output = str(options.out) ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-categorised.xlsx`);
  // A .csv becomes a new workbook, so the output must be one.
  if (isCsv(input) && !/\.xlsx$/i.test(output)) throw new UsageError(`--out ${output}: the output of a .csv is a new Excel workbook; give it a name ending .xlsx`, "");
  const report = str(options.report);
  checkInputWorkbook(input);
  checkOutputs([inputWorkbook(input), rulesFile(rules.file)], [{ file: output, option: "--out" }, ...(report ? [{ file: report, option: "--report" }] : [])]);

  const before = fileStamp(input);
  progress.step(`Reading ${path.basename(input)}`);
  const book = await readWorkbook(input, { sheet: str(options.sheet) });
  // The same run as the page outside Office: it refuses, as the add-in does, when officer data sits
  // where the results would go, and keeps the hidden record, so a re-run on this output restores
  // officer cells that no longer trigger, and the add-in's Clear can undo it.
  progress.step("Categorising");
  const { bytes, result, notes } = await runOnFile(book, rules.ruleset, {
    sheet: book.csv?.sheet ?? str(options.sheet),
    asOf: str(options["as-of"]),
    onProgress: (done, total) => progress.count(done, total),
    onWrite: () => progress.step(`Writing ${path.basename(output)}`),
  });
  const files: OutputFile[] = [{ file: output, data: bytes }];
  if (report) files.push({ file: report, data: jsonText(reportJson(result, rules.ruleset), Boolean(options.pretty)) });
  writeFilesAtomically(files);
  progress.done();
  if (fileStamp(input) !== before) throw new Error(`${input} changed during the run`);
  if (!options.quiet) out(summaryText(result, rules.ruleset.bands));
  for (const note of [...(book.csv?.note ? [book.csv.note] : []), ...notes]) out(`Note: ${note}`);
  out(`\nWrote ${output}${report ? ` and ${report}` : ""}`);
}
