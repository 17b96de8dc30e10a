// The sub-commands for people who write rules and analysts: check, test, diff, backtest.
// cli/main.ts registers each of these by name.
import { checkCommand } from "./check-command";
import { testCommand } from "./test-command";
import { diffCommand } from "./diff-command";
import { backtestCommand } from "./backtest-command";

type Command = (argv: string[], out: (s: string) => void) => Promise<number | void>;

export const RULESET_COMMANDS: Record<string, Command> = {
  check: checkCommand,
  test: testCommand,
  diff: diffCommand,
  backtest: backtestCommand,
};

export const RULESET_USAGE = `
  categorise check <rules.json> [--strict] [--json]     problems in a ruleset (exit 1 on errors)
  categorise test <rules.json> [--filter TEXT]           run the ruleset's stored test cases
  categorise diff <old.json> <new.json> <workbook.xlsx> [--sheet NAME] [--as-of DATE] [--report PATH.json] [--limit N]
                                                         schools that change band, trigger or stage, and why
  categorise backtest <rules.json> <workbook.xlsx> --outcome "Next Ofsted grade" [--baseline FIELD] [--declined-when worse|3,4]
                      [--sheet NAME] [--as-of DATE] [--report PATH.json]
                                                         per trigger: how many schools that later declined were flagged`;
