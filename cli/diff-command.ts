// categorise diff <old.json> <new.json> <workbook.xlsx> [--sheet NAME] [--as-of DATE] [--report PATH.json] [--limit N]
// (categorise diff --runs <workbook.xlsx>: the movement between the runs kept in one workbook, diff-runs.ts.)
// Runs both rulesets on the same workbook: which schools change band, trigger or stage, and why,
// with a count table (old band x new band). The workbook is only read.
import { categorise, type Ruleset, compareRuns, type RunComparison, type SchoolChange } from "../engine";
import { parseArgs, str, UsageError } from "./args";
import { writeFilesAtomically } from "./atomic-write";
import type { CommandContext } from "./command";
import { commandSpec } from "./command-specs";
import { checkInputWorkbook, readWorkbook } from "./files";
import { checkOutputs, inputWorkbook, rulesFile } from "./output-paths";
import { NO_PROGRESS } from "./progress";
import { readRuleset } from "./rules-file";
import { table } from "./text-table";
import { jsonText } from "./json-output";
import { diffRunsCommand } from "./diff-runs";

export async function diffCommand(argv: string[], out: (s: string) => void, { progress }: CommandContext = { progress: NO_PROGRESS }): Promise<number> {
  const parsed = parseArgs(argv, commandSpec("diff")!);
  const { positional, options } = parsed;
  if (options.runs) return diffRunsCommand(parsed, out, { progress });
  if (options.rules !== undefined) throw new UsageError("--rules goes with --runs; to compare two rulesets, give both files: categorise diff old.json new.json schools.xlsx", "diff");
  if (positional.length !== 3) throw new UsageError("diff needs the old rules, the new rules and a workbook: categorise diff old.json new.json schools.xlsx", "diff");
  const [oldFile, newFile, book] = positional;
  const limit = options.limit === undefined ? Infinity : Number(options.limit);
  if (!(limit >= 0)) throw new UsageError(`--limit ${options.limit} is not a number of schools`, "diff");
  const report = str(options.report);
  const oldRead = readRuleset(oldFile);
  const newRead = readRuleset(newFile);
  const [oldRules, newRules] = [oldRead.ruleset, newRead.ruleset];
  checkInputWorkbook(book);
  if (report) checkOutputs([inputWorkbook(book), rulesFile(oldRead.file), rulesFile(newRead.file)], [{ file: report, option: "--report" }]);
  progress.step(`Reading ${book}`);
  const workbook = await readWorkbook(book, { sheet: str(options.sheet) });
  const run = { sheet: workbook.csv?.sheet ?? str(options.sheet), asOf: str(options["as-of"]) };
  progress.step(`Categorising with ${oldFile}`);
  const before = await categorise(workbook.source, oldRules, { ...run, onProgress: (done, total) => progress.count(done, total) });
  progress.step(`Categorising with ${newFile}`);
  const after = await categorise(workbook.source, newRules, { ...run, asOf: before.asOf, onProgress: (done, total) => progress.count(done, total) });
  progress.step("Comparing");
  const comparison = compareRuns(before, after, oldRules, newRules);
  progress.done();
  if (workbook.csv?.note) out(`Note: ${workbook.csv.note}`);
  out(diffText(comparison, oldRules, newRules, limit));
  if (report) {
    writeFilesAtomically([{ file: report, data: jsonText(comparison, Boolean(options.pretty)) }]);
    out(`\nWrote ${report}`);
  }
  return 0;
}

export function diffText(c: RunComparison, oldRules: Ruleset, newRules: Ruleset, limit = Infinity): string {
  const bandName = (rules: Ruleset, id: string) => {
    const b = rules.bands.find((x) => x.id === id);
    return b ? `${b.id} ${b.label}` : id;
  };
  const stageName = (id: string | null) =>
    id === null ? "none" : [...(newRules.escalation ?? []), ...(oldRules.escalation ?? [])].find((s) => s.id === id)?.label ?? id;
  const triggerName = (id: string) => [...newRules.triggers, ...oldRules.triggers].find((t) => t.id === id)?.label ?? id;
  const k = c.counts;
  const lines = [
    `${c.old.title} ${c.old.version} -> ${c.new.title} ${c.new.version}`,
    `${c.schools} schools on sheet '${c.sheet}', run date ${c.asOf}`,
    `Band changes: ${k.bandChanged}; trigger changes: ${k.triggersChanged}; stage changes: ${k.stageChanged}; unchanged: ${k.unchanged}` +
      (k.onlyInOld || k.onlyInNew ? `; only in the old run: ${k.onlyInOld}; only in the new: ${k.onlyInNew}` : ""),
    "",
    "Schools by band (rows: old rules, columns: new rules)",
    table([
      ["old \\ new", ...c.bands.columns, "Total"],
      ...c.bands.rows.map((b, i) => [b, ...c.bands.counts[i], sum(c.bands.counts[i])]),
      ["Total", ...c.bands.columns.map((_, j) => sum(c.bands.counts.map((r) => r[j]))), sum(c.bands.counts.flat())],
    ]),
    "",
    "Schools flagged by each trigger (triggers that flag no school under either ruleset are left out)",
    table([["Trigger", "old", "new", "change"], ...c.triggers.filter((t) => t.old || t.new).map((t) => [t.label, t.old, t.new, signed(t.new - t.old)])]),
  ];
  if (c.stages.some((s) => s.old !== s.new)) {
    lines.push("", "Schools at each escalation stage", table([["Stage", "old", "new", "change"], ...c.stages.map((s) => [s.label, s.old, s.new, signed(s.new - s.old)])]));
  }
  if (!c.changes.length) {
    lines.push("", "No school changes band, trigger or stage.");
    return lines.join("\n");
  }
  lines.push("", `Schools that change (${c.changes.length})`);
  for (const ch of c.changes.slice(0, limit)) lines.push(...schoolLines(ch, (id) => bandName(oldRules, id), (id) => bandName(newRules, id), stageName, triggerName));
  if (c.changes.length > limit) lines.push(`  ... and ${c.changes.length - limit} more (all are in --report)`);
  return lines.join("\n");
}

function schoolLines(ch: SchoolChange, oldBand: (id: string) => string, newBand: (id: string) => string, stage: (id: string | null) => string, trigger: (id: string) => string): string[] {
  const lines = [`  ${[ch.key, ch.name].filter((x) => x !== null && x !== "").join(" ")} (row ${ch.row})`];
  if (ch.band) lines.push(`    band: ${oldBand(ch.band.from)} -> ${newBand(ch.band.to)}`);
  if (ch.ruleBand) lines.push(`    rules' band: ${oldBand(ch.ruleBand.from)} -> ${newBand(ch.ruleBand.to)} (the officer's category stays)`);
  for (const id of ch.triggersAdded) lines.push(`    + trigger ${trigger(id)}`);
  for (const id of ch.triggersRemoved) lines.push(`    - trigger ${trigger(id)}`);
  if (ch.stage) lines.push(`    stage: ${stage(ch.stage.from)} -> ${stage(ch.stage.to)}`);
  for (const w of ch.why) lines.push(`      why: ${w}`);
  return lines;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
