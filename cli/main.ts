// The command-line tool: categorise a workbook, or (with a sub-command) clear one, check and test rulesets.
import { RulesetError, InputError, NotWrittenError } from "../engine";
import { UsageError } from "./args";
import { FileError } from "./files";
import { categoriseCommand } from "./categorise-command";
import { clearCommand } from "./clear-command";
import { RULESET_COMMANDS, RULESET_USAGE } from "./ruleset-commands";

const USAGE = `Usage:
  categorise <workbook.xlsx> [--rules rules/staffordshire.json] [--sheet NAME] [--out PATH.xlsx] [--report PATH.json] [--as-of YYYY-MM-DD]
  categorise clear <workbook.xlsx> [--sheet NAME] [--rules FILE] [--out PATH.xlsx]
                                                         a copy without the results; officer cells back to their own fills${RULESET_USAGE}

The input workbook is never written: results go to a copy (default <workbook>-categorised.xlsx,
or <workbook>-cleared.xlsx for clear). A hidden sheet in the copy records each run, so a re-run
restores cells that no longer trigger to their own fill, and clear (or the add-in's) undoes it all.`;

type Command = (argv: string[], out: (s: string) => void) => Promise<number | void>;
const COMMANDS: Record<string, Command> = { clear: clearCommand, ...RULESET_COMMANDS };

/** Runs the tool; returns the exit code (0 ok, 1 bad input or failed checks, 2 usage). */
export async function main(argv: string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  if (!argv.length || argv[0] === "--help" || argv[0] === "-h") {
    out(USAGE);
    return argv.length ? 0 : 2;
  }
  try {
    const command = COMMANDS[argv[0]];
    const code = command ? await command(argv.slice(1), out) : await categoriseCommand(argv, out);
    return typeof code === "number" ? code : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`categorise: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof NotWrittenError) {
      err(`categorise: ${e.message} No output file was written.`);
      return 1;
    }
    if (e instanceof RulesetError || e instanceof InputError || e instanceof FileError) {
      err(`categorise: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
