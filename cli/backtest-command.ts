// categorise backtest <rules.json> <workbook.xlsx> --outcome "Next Ofsted grade"
//   [--baseline FIELD|HEADER] [--declined-when worse|3,4] [--sheet NAME] [--as-of DATE] [--report PATH.json]
// The workbook holds earlier data (what the rules look at) and a column with the later outcome.
// For each trigger: how many schools that later declined were flagged beforehand.
import { backtest, categorise, normaliseHeader, readGradeColumn, type BacktestResult, type Confusion, type DeclineRule, type Ruleset, type RowResult } from "../engine";
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

export async function backtestCommand(argv: string[], out: (s: string) => void, { progress }: CommandContext = { progress: NO_PROGRESS }): Promise<number> {
  const { positional, options } = parseArgs(argv, commandSpec("backtest")!);
  if (positional.length !== 2) throw new UsageError('backtest needs a rules file and a workbook: categorise backtest rules.json schools.xlsx --outcome "Next Ofsted grade"', "backtest");
  const outcomeHeader = str(options.outcome);
  if (!outcomeHeader) throw new UsageError('backtest needs --outcome: the column holding the later grade, e.g. --outcome "Next Ofsted grade"', "backtest");
  const rule = declineRule(str(options["declined-when"]) ?? "worse");
  const [rulesPath, book] = positional;
  const report = str(options.report);
  const { file, ruleset } = readRuleset(rulesPath);
  checkInputWorkbook(book);
  if (report) checkOutputs([inputWorkbook(book), rulesFile(file)], [{ file: report, option: "--report" }]);

  progress.step(`Reading ${book}`);
  const workbook = await readWorkbook(book, { sheet: str(options.sheet) });
  const source = workbook.source;
  progress.step("Categorising");
  const run = await categorise(source, ruleset, { sheet: workbook.csv?.sheet ?? str(options.sheet), asOf: str(options["as-of"]), onProgress: (done, total) => progress.count(done, total) });
  progress.done();
  if (workbook.csv?.note) out(`Note: ${workbook.csv.note}`);
  const outcome = readGradeColumn(source, run.sheet, outcomeHeader);
  const base = baseline(ruleset, str(options.baseline), (header) => readGradeColumn(source, run.sheet, header).grades);
  const result = backtest(run, ruleset, outcome.grades, base.grade, rule);

  const what = rule.kind === "worse" ? `a worse grade in ${outcome.column} than ${base.label}` : `${outcome.column} is ${rule.grades.join(" or ")}`;
  out(backtestText(result, what));
  if (run.warnings.length) {
    out(`\nData warnings (${run.warnings.length}):`);
    for (const w of run.warnings.slice(0, 5)) out(`  ⚠ ${w}`);
    if (run.warnings.length > 5) out(`  ... and ${run.warnings.length - 5} more`);
  }
  if (outcome.unreadable.length) {
    out(`\n⚠ ${outcome.unreadable.length} cell${outcome.unreadable.length === 1 ? "" : "s"} in ${outcome.column} could not be read as a grade (row${outcome.unreadable.length === 1 ? "" : "s"} ${outcome.unreadable.slice(0, 10).join(", ")}${outcome.unreadable.length > 10 ? ", ..." : ""}); those schools are left out`);
  }
  if (report) {
    writeFilesAtomically([{ file: report, data: jsonText({ outcome: outcome.header, baseline: base.label, ...result }, Boolean(options.pretty)) }]);
    out(`\nWrote ${report}`);
  }
  return 0;
}

function declineRule(text: string): DeclineRule {
  if (text === "worse") return { kind: "worse" };
  const grades = text.split(/[,\s]+/).filter(Boolean).map(Number);
  if (!grades.length || grades.some((g) => ![1, 2, 3, 4].includes(g))) {
    throw new UsageError(`--declined-when ${text}: give 'worse' (a worse grade than before) or grades 1-4 such as 3,4 (later judged requires improvement or inadequate)`, "backtest");
  }
  return { kind: "in", grades };
}

/** The earlier grade: a field of the ruleset (by id, label or header), else a column of the sheet. */
function baseline(r: Ruleset, wanted: string | undefined, column: (header: string) => Map<number, number | null>): { label: string; grade: (row: RowResult) => number | null } {
  const grades = r.fields.filter((f) => f.type === "ofstedGrade");
  const field = wanted
    ? r.fields.find((f) => f.id === wanted || [f.label, ...f.headers].some((h) => normaliseHeader(h) === normaliseHeader(wanted)))
    : grades.find((f) => f.id === "ofstedGrade") ?? grades.find((f) => f.required) ?? grades[0];
  if (field) return { label: `'${field.label}'`, grade: (row) => (typeof row.facts[field.id] === "number" ? (row.facts[field.id] as number) : null) };
  if (!wanted) throw new UsageError("the ruleset has no Ofsted grade field: say which column holds the earlier grade with --baseline", "backtest");
  const values = column(wanted);
  return { label: `'${wanted}'`, grade: (row) => values.get(row.row) ?? null };
}

const pct = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
const times = (x: number | null) => (x === null ? "-" : x.toFixed(2));

export function backtestText(b: BacktestResult, what: string): string {
  const row = (label: string, c: Confusion, unknown?: number) => [label, c.flagged, c.hits, c.falseAlarms, c.missed, pct(c.hitRate), pct(c.precision), times(c.lift), unknown ?? ""];
  const left = [
    b.excluded.noOutcome && `${b.excluded.noOutcome} without an outcome`,
    b.excluded.noBaseline && `${b.excluded.noBaseline} without an earlier grade`,
    b.excluded.cannotDecline && `${b.excluded.cannotDecline} already inadequate (cannot decline)`,
  ].filter(Boolean);
  return [
    `Backtest: ${b.ruleset.title} ${b.ruleset.version} on sheet '${b.sheet}' (run date ${b.asOf})`,
    `Declined = ${what}`,
    `${b.schools} schools counted: ${b.declined} declined (${pct(b.declineRate)})${left.length ? `; left out: ${left.join(", ")}` : ""}`,
    "",
    "Hit rate: share of the schools that declined that the trigger flagged beforehand. Precision: share of flagged schools that declined.",
    "Lift: precision / the decline rate of all counted schools (above 1: a flagged school is likelier to decline).",
    "No data: schools the trigger did not flag but might have, had the missing data been there.",
    table([
      ["Trigger", "Flagged", "Hits", "False alarms", "Missed", "Hit rate", "Precision", "Lift", "No data"],
      ...b.triggers.map((t) => row(t.label, t, t.unknown)),
      row("Any trigger", b.anyTrigger),
    ]),
    ...watchText(b, row),
    "",
    "Decline by band",
    table([
      ["Band", "Schools", "Declined", "Decline rate", "Share of declines"],
      ...b.bands.map((x) => [`${x.id} ${x.label}`, x.schools, x.declined, pct(x.declineRate), pct(x.shareOfDeclines)]),
    ]),
  ].join("\n");
}

/** The watch flags' rows (triggers with margins): near misses alone, then the trigger or its near miss. */
function watchText(b: BacktestResult, row: (label: string, c: Confusion) => (string | number)[]): string[] {
  if (!b.anyWatch) return [];
  return [
    "",
    "Watch flags: schools inside a trigger's margin, not past its threshold (they change no band).",
    "'Trigger or watch': the schools the trigger would flag were its threshold moved by the margin.",
    table([
      ["Watch", "Flagged", "Hits", "False alarms", "Missed", "Hit rate", "Precision", "Lift"],
      ...b.watch.flatMap((w) => [row(`Watch: ${w.label}`, w).slice(0, 8), row(`Trigger or watch: ${w.label}`, w.withTrigger).slice(0, 8)]),
      row("Any watch flag", b.anyWatch).slice(0, 8),
    ]),
  ];
}
