// Run by bounded.ts in a child process: `cli <args...>` runs the command-line tool; `engine <rules.json>
// <rows.json> <asOf>` reads the rules with parseRuleset and categorises the rows (header -> value
// records on a 'Schools' sheet). Prints one JSON line with what happened.
import * as fs from "node:fs";
import { categorise, memorySource, parseRuleset, sheetFromRecords } from "../../engine";
import { runCli } from "../helpers/cli";

async function engine(rulesFile: string, rowsFile: string, asOf: string) {
  const ruleset = parseRuleset(fs.readFileSync(rulesFile, "utf8"), rulesFile);
  const result = await categorise(memorySource({ Schools: sheetFromRecords(JSON.parse(fs.readFileSync(rowsFile, "utf8"))) }), ruleset, { asOf });
  return { warnings: result.warnings, rows: result.rows.map((r) => ({ name: r.name, band: r.band, triggers: r.triggers.map((t) => t.id) })) };
}

async function main([mode, ...args]: string[]) {
  const started = Date.now();
  const answer = mode === "cli" ? await runCli(args) : await engine(args[0], args[1], args[2]);
  process.stdout.write(JSON.stringify({ ...answer, ms: Date.now() - started }));
}

main(process.argv.slice(2)).catch((e) => {
  process.stdout.write(JSON.stringify({ thrown: `${(e as Error).name}: ${(e as Error).message}` }));
});
