// A small argument parser: positional arguments and --name value / --name=value options, by the
// command's option list (cli/command-specs.ts). A mistyped option gets the nearest real one.
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from "./command-specs";
import { nearest } from "./nearest";

export class UsageError extends Error {
  /** The command whose usage to show with the message ("" for the default command). */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface Parsed {
  positional: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], spec: Pick<CommandSpec, "name" | "options">): Parsed {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  const known = new Map(spec.options.map((o) => [o.name, o]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      // Everything after -- is a file, even if it starts with a dash.
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (/^-[A-Za-z]/.test(a)) throw new UsageError(unknownOption(a, spec), spec.name);
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const option = known.get(name);
    if (!option) throw new UsageError(unknownOption(a, spec), spec.name);
    if (!option.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`, spec.name);
      options[name] = true;
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`--${name} needs a value (${option.value})`, spec.name);
    options[name] = v;
  }
  return { positional, options };
}

/** "unknown option --ruls; did you mean --rules?", or the options the command takes. */
export function unknownOption(arg: string, spec: Pick<CommandSpec, "name" | "options">): string {
  const name = arg.replace(/=.*$/s, "");
  const all: OptionSpec[] = [...spec.options, ...GLOBAL_OPTIONS];
  const names = all.map((o) => `--${o.name}`);
  let guess: string | undefined;
  if (/^-[A-Za-z]$/.test(name)) {
    // -o: the one option that starts with that letter.
    const starting = all.filter((o) => o.name.startsWith(name[1].toLowerCase()));
    guess = starting.length === 1 ? `--${starting[0].name}` : undefined;
  } else {
    guess = nearest(name.replace(/^-+/, "--"), names);
  }
  const command = spec.name ? `${spec.name} ` : "";
  if (guess) return `unknown option ${name}; did you mean ${guess}?`;
  return `unknown option ${name}; ${command ? `categorise ${command.trim()}` : "categorise"} takes ${names.join(", ")}`;
}

export const str = (v: string | true | undefined): string | undefined => (typeof v === "string" ? v : undefined);
