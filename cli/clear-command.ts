// categorise clear <workbook.xlsx> [--sheet NAME] [--rules FILE] [--out PATH]: a copy without the
// results columns and summary sheet, officer cells back to the fills recorded before the first run
// (the add-in's Clear results, on a file).
import * as path from "node:path";
import { clearOnFile, openWorkbook } from "../hosts/file/run-and-clear";
import { parseArgs, str, UsageError } from "./args";
import { writeFilesAtomically } from "./atomic-write";
import { commandSpec } from "./command-specs";
import { checkInputWorkbook, fileStamp, isCsv, readWorkbook } from "./files";
import { checkOutputs, inputWorkbook, rulesFile } from "./output-paths";
import { DEFAULT_RULES, readRuleset } from "./rules-file";

export async function clearCommand(argv: string[], out: (s: string) => void): Promise<void> {
  const { positional, options } = parseArgs(argv, commandSpec("clear")!);
  if (positional.length !== 1) throw new UsageError("clear: give exactly one workbook (.xlsx)", "clear");
  const input = positional[0];
  if (isCsv(input)) throw new UsageError(`${input} is a .csv, which holds no results to clear: clear the workbook a run wrote (its -categorised.xlsx)`, "clear");
  // --rules is still read (and checked), so an output never replaces it, though clearing goes by the
  // workbook's own record and results block.
  const rules = readRuleset(str(options.rules) ?? DEFAULT_RULES);
  const output = str(options.out) ?? path.join(path.dirname(input), `${path.basename(input, path.extname(input))}-cleared.xlsx`);
  checkInputWorkbook(input);
  checkOutputs([inputWorkbook(input), rulesFile(rules.file)], [{ file: output, option: "--out" }]);

  const before = fileStamp(input);
  let book = await readWorkbook(input);
  // The named sheet, else every sheet with a recorded run (without a record, nothing is ours).
  const recorded = Object.keys(book.store.records).filter((s) => book.sheets.some((x) => x.name === s));
  const sheets = str(options.sheet) ? [str(options.sheet)!] : recorded;
  const messages: string[] = [];
  for (const s of sheets) {
    const cleared = clearOnFile(book, s);
    messages.push(cleared.message);
    if (cleared.bytes !== book.bytes) book = await openWorkbook(cleared.bytes, input);
  }
  const cleared = messages.filter((m) => !m.startsWith("No results"));
  writeFilesAtomically([{ file: output, data: book.bytes }]);
  if (fileStamp(input) !== before) throw new Error(`${input} changed during the run`);
  for (const m of cleared.length ? cleared : [`No results to clear in ${input}.`]) out(m);
  out(`\nWrote ${output}`);
}
