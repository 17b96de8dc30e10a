// `--name PATH` from the command line of a script, resolved; the fallback when absent.
import * as path from "node:path";

export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}
