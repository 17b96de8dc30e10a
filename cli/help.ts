// The help texts: `categorise --help` (every command, one line each) and `categorise <command> --help`
// (its usage, options and notes), made from cli/command-specs.ts.
import { COMMAND_SPECS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from "./command-specs";

const invocation = (c: CommandSpec) => `categorise ${c.name ? `${c.name} ` : ""}${c.usage}`;

/** "Usage: categorise check <rules.json>... [options]" and where to read more. */
export function usageLine(c: CommandSpec): string {
  return `Usage: ${invocation(c)}\nRun 'categorise ${c.name ? `${c.name} ` : ""}--help' for the options${c.name ? "" : " and the other commands"}.`;
}

/** "  --rules FILE|NAME  the ruleset..." for each option, the help in one column. */
function optionLines(options: OptionSpec[]): string[] {
  const left = options.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length));
  return options.map((o, i) => `  ${left[i].padEnd(width)}  ${o.help}`);
}

/** `categorise --help`: the default command in full, then every other command in a line. */
export function overviewHelp(version: string): string {
  const [first, ...others] = COMMAND_SPECS;
  const width = Math.max(...others.map((c) => c.name.length));
  return [
    `categorise ${version}: categorise schools by level of concern from a JSON ruleset`,
    "",
    "Usage:",
    `  ${invocation(first)}`,
    "  categorise <command> [arguments] [options]",
    "",
    `${first.summary[0].toUpperCase()}${first.summary.slice(1)}.`,
    "",
    "Options:",
    ...optionLines([...first.options, ...GLOBAL_OPTIONS, { name: "version", help: "print the version" }]),
    "",
    first.details!,
    "",
    "Commands:",
    ...others.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run 'categorise <command> --help' for a command's arguments and options.",
    "Exit code 0 when all went well, 1 on bad input or failed checks, 2 on a usage error.",
  ].join("\n");
}

/** `categorise <command> --help`: its usage, options and notes (the default command's help is the overview). */
export function commandHelp(c: CommandSpec, version: string): string {
  if (!c.name) return overviewHelp(version);
  return [
    `Usage: ${invocation(c)}`,
    "",
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`,
    "",
    "Options:",
    ...optionLines([...c.options, ...GLOBAL_OPTIONS]),
    ...(c.details ? ["", c.details] : []),
  ].join("\n");
}
