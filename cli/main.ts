// The command-line tool: categorise a workbook (or a .csv), or with a sub-command clear one, check,
// test, compare and backtest rulesets. Each command's code is loaded only when it runs, so --help,
// --version and a mistyped command answer at once.
import * as fs from "node:fs";
import { UsageError } from "./args";
import type { Command } from "./command";
import { COMMAND_NAMES, commandSpec } from "./command-specs";
import { FileError } from "./file-error";
import { commandHelp, overviewHelp, usageLine } from "./help";
import { nearest } from "./nearest";
import { packageVersion } from "./package-root";
import { Progress, type ProgressOptions } from "./progress";

// Loaded with require when run, not import(): the tsx fallback in bin/ hooks require only, and
// tsc compiles both to require anyway.
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => Command> = {
  "": () => (require("./categorise-command") as typeof import("./categorise-command")).categoriseCommand,
  clear: () => (require("./clear-command") as typeof import("./clear-command")).clearCommand,
  check: () => (require("./check-command") as typeof import("./check-command")).checkCommand,
  test: () => (require("./test-command") as typeof import("./test-command")).testCommand,
  diff: () => (require("./diff-command") as typeof import("./diff-command")).diffCommand,
  backtest: () => (require("./backtest-command") as typeof import("./backtest-command")).backtestCommand,
  letters: () => (require("./letters-command") as typeof import("./letters-command")).lettersCommand,
};
const engineErrors = () => require("../engine") as Pick<typeof import("../engine"), "InputError" | "NotWrittenError" | "RulesetError">;
/* eslint-enable @typescript-eslint/no-require-imports */

export interface MainOptions {
  /** Overrides for the progress shown on long runs (by default stderr, shown if it is a terminal). */
  progress?: Partial<ProgressOptions>;
}

const isHelp = (a: string) => a === "--help" || a === "-h";

/**
 * Runs the tool; returns the exit code (0 ok, 1 bad input, failed checks or an unexpected error,
 * 2 usage) and never throws. Every failure is one line on `err`; --debug adds the stack trace.
 */
export async function main(args: string[], out = (s: string) => console.log(s), err = (s: string) => console.error(s), options: MainOptions = {}): Promise<number> {
  const debug = args.includes("--debug");
  const argv = args.filter((a) => a !== "--debug");
  const onStderr = Progress.forStderr();
  const progress = options.progress ? new Progress({ ...onStderr.options, ...options.progress }) : onStderr;
  let name = "";
  try {
    if (!argv.length) {
      out(overviewHelp(packageVersion()));
      return 2;
    }
    if (argv[0] === "--version") {
      out(packageVersion());
      return 0;
    }
    if (isHelp(argv[0]) || argv[0] === "help") {
      const wanted = argv[0] === "help" ? argv[1] : undefined;
      if (wanted !== undefined && !commandSpec(wanted)) throw new UsageError(unknownCommand(wanted));
      out(wanted ? commandHelp(commandSpec(wanted)!, packageVersion()) : overviewHelp(packageVersion()));
      return 0;
    }
    name = Object.prototype.hasOwnProperty.call(COMMANDS, argv[0]) ? argv[0] : "";
    const rest = name ? argv.slice(1) : argv;
    // A word that is no command and no file is a mistyped command, not a workbook.
    if (!name && /^[a-z][\w-]*$/i.test(argv[0]) && !fs.existsSync(argv[0])) throw new UsageError(unknownCommand(argv[0]));
    if (rest.some(isHelp)) {
      const spec = commandSpec(name);
      out(spec ? commandHelp(spec, packageVersion()) : overviewHelp(packageVersion()));
      return 0;
    }
    const command = COMMANDS[name]();
    const code = await command(rest, out, { progress });
    progress.done();
    return typeof code === "number" ? code : 0;
  } catch (e) {
    progress.done();
    const stack = debug && e instanceof Error && e.stack ? `\n${e.stack}` : "";
    if (e instanceof UsageError) {
      const spec = commandSpec(e.command ?? name);
      err(`categorise: ${e.message}${spec && e.command !== undefined ? `\n${usageLine(spec)}` : "\nRun 'categorise --help' for the commands and options."}`);
      return 2;
    }
    if (e instanceof FileError) {
      err(`categorise: ${e.message}${stack}`);
      return 1;
    }
    // The engine's errors: loaded here, since by now the command has loaded the engine (or never will).
    const { InputError, NotWrittenError, RulesetError } = engineErrors();
    if (e instanceof NotWrittenError) {
      err(`categorise: ${e.message} No output file was written.${stack}`);
      return 1;
    }
    if (e instanceof RulesetError || e instanceof InputError) {
      err(`categorise: ${e.message}${stack}`);
      return 1;
    }
    err(`categorise: ${oneLine(e)} (run with --debug for details)${stack}`);
    return 1;
  }
}

/** "unknown command 'chek'; did you mean 'check'?", or the list of commands. */
function unknownCommand(word: string): string {
  const guess = nearest(word, COMMAND_NAMES);
  if (guess) return `unknown command '${word}'; did you mean '${guess}'?`;
  return `unknown command '${word}', and no file of that name; the commands are ${COMMAND_NAMES.join(", ")}. To categorise a workbook, give its file name (schools.xlsx or schools.csv)`;
}

/** An unexpected error's message on one line (the stack is for --debug). */
function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message || e.name : String(e);
  return message.replace(/\s*\n\s*/g, " ").trim() || "unknown error";
}

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = () => command;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
