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
restores cells that no longer trigger to their own fill, and clear (or the add-in's) undoes it all.
No output may be the input, a rules file or another output (links included); each is written in
full beside its destination and then renamed into place. --debug (any command): stack traces.`;

type Command = (argv: string[], out: (s: string) => void) => Promise<number | void>;
const COMMANDS: Record<string, Command> = { clear: clearCommand, ...RULESET_COMMANDS };

/**
 * Runs the tool; returns the exit code (0 ok, 1 bad input, failed checks or an unexpected error,
 * 2 usage) and never throws. Every failure is one line on `err`; --debug adds the stack trace.
 */
export async function main(args: string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  const debug = args.includes("--debug");
  const argv = args.filter((a) => a !== "--debug");
  if (!argv.length || argv[0] === "--help" || argv[0] === "-h") {
    out(USAGE);
    return argv.length ? 0 : 2;
  }
  try {
    const command = COMMANDS[argv[0]];
    const code = command ? await command(argv.slice(1), out) : await categoriseCommand(argv, out);
    return typeof code === "number" ? code : 0;
  } catch (e) {
    const stack = debug && e instanceof Error && e.stack ? `\n${e.stack}` : "";
    if (e instanceof UsageError) {
      err(`categorise: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof NotWrittenError) {
      err(`categorise: ${e.message} No output file was written.${stack}`);
      return 1;
    }
    if (e instanceof RulesetError || e instanceof InputError || e instanceof FileError) {
      err(`categorise: ${e.message}${stack}`);
      return 1;
    }
    err(`categorise: ${oneLine(e)} (run with --debug for details)${stack}`);
    return 1;
  }
}

/** An unexpected error's message on one line (the stack is for --debug). */
function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message || e.name : String(e);
  return message.replace(/\s*\n\s*/g, " ").trim() || "unknown error";
}

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
