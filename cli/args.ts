// A small argument parser: positional arguments and --name value / --name=value options.

export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], valued: string[], flags: string[] = []): Parsed {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) options[name] = true;
    else if (valued.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
      options[name] = v;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positional, options };
}

export const str = (v: string | true | undefined): string | undefined => (typeof v === "string" ? v : undefined);
