// What a command is: it takes its arguments, prints with `out`, reports progress on long runs, and
// returns an exit code (or nothing for 0). cli/main.ts finds and runs them.
import type { Progress } from "./progress";

export interface CommandContext {
  /** Shown on stderr only for long runs in a terminal; erased before anything else is printed. */
  progress: Progress;
}

export type Command = (argv: string[], out: (s: string) => void, context: CommandContext) => Promise<number | void>;
