// categorise diff --runs <workbook.xlsx> [--sheet NAME] [--rules FILE|NAME] [--report PATH.json] [--limit N]
// The movement kept in one categorised workbook: its last two recorded runs on a sheet, earlier
// category by new category, and every school that changed with the triggers that changed. The
// workbook is only read; a ruleset is used only to name the schools (the record keeps keys).
import * as fs from "node:fs";
import {
  categorise, InputError, isMove, movementLine, NO_LONGER, NOT_BEFORE, parseRuleset, recordedMovement, recordedRuns, RulesetError, runName,
  type Movement, type SchoolMovement, type SchoolName, type StoreContents,
} from "../engine";
import { str, UsageError, type Parsed } from "./args";
import { writeFilesAtomically } from "./atomic-write";
import type { CommandContext } from "./command";
import { FileError, readWorkbook, type InputWorkbook } from "./files";
import { jsonText } from "./json-output";
import { checkOutputs, inputWorkbook } from "./output-paths";
import { readRuleset, RULES_DIR } from "./rules-file";
import { table } from "./text-table";

export async function diffRunsCommand({ positional, options }: Parsed, out: (s: string) => void, { progress }: CommandContext): Promise<number> {
  if (positional.length !== 1) throw new UsageError("diff --runs needs one categorised workbook: categorise diff --runs schools-categorised.xlsx", "diff");
  const [file] = positional;
  if (options["as-of"] !== undefined) throw new UsageError("--as-of does not go with --runs: each run kept its own date", "diff");
  const limit = options.limit === undefined ? Infinity : Number(options.limit);
  if (!(limit >= 0)) throw new UsageError(`--limit ${options.limit} is not a number of schools`, "diff");
  const report = str(options.report);
  if (report) checkOutputs([inputWorkbook(file)], [{ file: report, option: "--report" }]);
  progress.step(`Reading ${file}`);
  const book = await readWorkbook(file);
  if (book.csv) throw new FileError(`--runs: ${file} is a .csv, which keeps no record of runs; give the workbook 'categorise' wrote`);
  const sheet = runsSheet(book.store, file, str(options.sheet));
  const names = await schoolNames(book, sheet, str(options.rules), progress.step.bind(progress));
  const found = recordedMovement(book.store, sheet, names.schools)!;
  progress.done();
  for (const note of [...(book.store.problems ?? []), ...names.notes]) out(`Note: ${note}`);
  out(movementText(found, limit));
  if (report) {
    writeFilesAtomically([{ file: report, data: jsonText(found, Boolean(options.pretty)) }]);
    out(`\nWrote ${report}`);
  }
  return 0;
}

/** The sheet to compare: --sheet, else the sheet of the workbook's last run; it must keep two runs. */
function runsSheet(store: StoreContents, file: string, wanted: string | undefined): string {
  const sheets = [...new Set((store.runs ?? []).map((r) => r.sheet))];
  if (!sheets.length) {
    throw new FileError(`--runs: ${file} keeps no run's categories. Categorise it, then categorise the copy again: the second copy keeps both runs (workbooks categorised before runs were kept start with their next run)`);
  }
  const sheet = wanted ?? (store.summary && sheets.includes(store.summary.sheet) ? store.summary.sheet : sheets.at(-1)!);
  const runs = recordedRuns(store, sheet);
  if (!runs.length) throw new FileError(`--runs: ${file} keeps no run on sheet '${sheet}'; it keeps runs on ${sheets.map((s) => `'${s}'`).join(", ")}`);
  if (runs.length < 2) {
    throw new FileError(`--runs: ${file} keeps one run on sheet '${sheet}' (${runName(runs[0])}); categorise this workbook again to see what changed since`);
  }
  return sheet;
}

/**
 * The schools' names and rows, read with --rules, else the ruleset stored in the workbook, else
 * the bundled one the last run used. Without one the movement names schools by key, with a note.
 */
async function schoolNames(book: InputWorkbook, sheet: string, rules: string | undefined, step: (s: string) => void): Promise<{ schools: SchoolName[]; notes: string[] }> {
  const last = recordedRuns(book.store, sheet).at(-1)!;
  const bundled = `${RULES_DIR}/${last.ruleset.id}.json`;
  let ruleset;
  try {
    if (rules) ruleset = readRuleset(rules).ruleset;
    else if (book.store.ruleset) ruleset = parseRuleset(book.store.ruleset, "the ruleset stored in the workbook");
    else if (/^[\w-]+$/.test(last.ruleset.id) && fs.existsSync(bundled)) ruleset = readRuleset(bundled).ruleset;
  } catch (e) {
    if (!(e instanceof RulesetError) || rules) throw e;
    return { schools: [], notes: [`The ruleset stored in the workbook does not parse, so schools are named by key alone; give --rules to name them.`] };
  }
  if (!ruleset) return { schools: [], notes: [`Schools are named by key alone: give --rules (the ruleset of '${last.ruleset.title}') to name them.`] };
  step("Reading the schools' names");
  try {
    const result = await categorise(book.source, ruleset, { sheet, asOf: last.asOf, store: book.store });
    return { schools: result.rows.map((r) => ({ key: r.key, name: r.name, row: r.row })), notes: [] };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { schools: [], notes: [`Schools are named by key alone: ${e.message}`] };
  }
}

/** The movement as the command prints it: the runs, the count table, then each school that changed. */
export function movementText(m: Movement, limit = Infinity): string {
  const band = (id: string) => `${id} ${m.labels.bands[id] ?? ""}`.trim();
  const stage = (id: string | null) => (id === null ? "none" : m.labels.stages[id] ?? id);
  const { rows, columns, counts, newSchools, gone } = m.bands;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totals = columns.map((_, j) => sum(counts.map((r) => r[j])) + newSchools[j]);
  const lines = [
    `Movement on sheet '${m.sheet}'`,
    `  from ${runName(m.from)}`,
    `  to   ${runName(m.to)}`,
    movementLine(m),
    ...m.notes.map((n) => `Note: ${n}`),
    "",
    "Schools by category (rows: last run, columns: this run)",
    table([
      ["last \\ this", ...columns, NO_LONGER, "Total"],
      ...rows.map((id, i) => [id, ...counts[i], gone[i], sum(counts[i]) + gone[i]]),
      [NOT_BEFORE, ...newSchools, "", sum(newSchools)],
      ["Total", ...totals, sum(gone), sum(totals) + sum(gone)],
    ]),
  ];
  if (!m.changes.length) return [...lines, "", "No school changed category, stage or triggers."].join("\n");
  const moved = m.changes.filter(isMove).length;
  lines.push("", `Schools that changed (${m.changes.length}: ${moved} moved category or stage, or came or went; ${m.changes.length - moved} changed triggers only)`);
  for (const c of m.changes.slice(0, limit)) lines.push(...schoolLines(c, band, stage, (id) => m.labels.triggers[id] ?? id));
  if (m.changes.length > limit) lines.push(`  ... and ${m.changes.length - limit} more (all are in --report)`);
  return lines.join("\n");
}

function schoolLines(c: SchoolMovement, band: (id: string) => string, stage: (id: string | null) => string, trigger: (id: string) => string): string[] {
  const lines = [`  ${[c.key, c.name].filter(Boolean).join(" ")}${c.row ? ` (row ${c.row})` : ""}`];
  if (!c.from) lines.push(`    not in the last run; now ${band(c.to!.band)}, stage ${stage(c.to!.stage)}`);
  else if (!c.to) lines.push(`    no longer in the sheet; was ${band(c.from.band)}, stage ${stage(c.from.stage)}`);
  else {
    if (c.from.band !== c.to.band) lines.push(`    category: ${band(c.from.band)} -> ${band(c.to.band)}`);
    if (c.from.stage !== c.to.stage) lines.push(`    stage: ${stage(c.from.stage)} -> ${stage(c.to.stage)}`);
  }
  if (c.from && c.to) {
    for (const id of c.triggersAdded) lines.push(`    + trigger ${trigger(id)}`);
    for (const id of c.triggersRemoved) lines.push(`    - trigger ${trigger(id)}`);
  }
  return lines;
}
