// What each command takes: its usage line, its options and a few lines of help. Pure data, so
// `--help`, `--version` and the did-you-mean for a mistyped command or option load nothing else.
// cli/args.ts parses by these lists; cli/help.ts prints them; cli/main.ts runs the commands.

export interface OptionSpec {
  name: string;
  /** What the option's value is ("FILE"); absent for a flag. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** "" for the default command (categorise a workbook). */
  name: string;
  /** The arguments after `categorise [name]`. */
  usage: string;
  summary: string;
  options: OptionSpec[];
  /** Paragraphs after the options. */
  details?: string;
}

const sheet: OptionSpec = { name: "sheet", value: "NAME", help: "the schools sheet (default: the one that fits the ruleset); for a .csv, its sheet's name" };
const asOf: OptionSpec = { name: "as-of", value: "YYYY-MM-DD", help: "the run date, for days-since facts and due dates (default: today)" };
const report: OptionSpec = { name: "report", value: "PATH.json", help: "also write the results as JSON (compact; see --pretty)" };
const pretty: OptionSpec = { name: "pretty", help: "indent the --report JSON for reading" };

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: "help", help: "this help (also -h)" },
  { name: "debug", help: "print the stack trace of an error" },
];

export const COMMAND_SPECS: CommandSpec[] = [
  {
    name: "",
    usage: "<workbook.xlsx | schools.csv> [options]",
    summary: "categorise the schools: a copy of the workbook with results, colours and a summary sheet",
    options: [
      { name: "rules", value: "FILE|NAME", help: "the ruleset: a JSON file, or the name of a bundled one (default: staffordshire)" },
      sheet,
      { name: "out", value: "PATH.xlsx", help: "where to write the copy (default: <workbook>-categorised.xlsx beside the input)" },
      report,
      pretty,
      asOf,
      { name: "quiet", help: "do not print the summary" },
    ],
    details: `The input is never written: the copy gets Category, Rule category, Triggers, Escalation,
Next action, Due and Reasons at the right of the table, colour fills, a summary sheet, and a very
hidden sheet recording the run, so a re-run on the copy puts back cells that no longer trigger and
'categorise clear' undoes it all. Nothing is written if officer data sits where the results go. No
output may be the input, a rules file or another output (links included); each is written in full
beside its destination and then renamed into place.

A .csv (such as a DfE performance table; UTF-8, with or without a byte-order mark) is read as one
sheet named after the file: numbers stay numbers, SUPP, NE, x and blanks are missing data, and the
output is a new .xlsx workbook.

Runs longer than about 2 seconds show progress on stderr when it is a terminal
(CATEGORISE_PROGRESS_DELAY_MS sets the wait in milliseconds).`,
  },
  {
    name: "clear",
    usage: "<workbook.xlsx> [options]",
    summary: "a copy without the results; officer cells back to their own fills",
    options: [
      { name: "sheet", value: "NAME", help: "the sheet to clear (default: every sheet with a recorded run)" },
      { name: "rules", value: "FILE|NAME", help: "read and checked only, so the copy never replaces it" },
      { name: "out", value: "PATH.xlsx", help: "where to write the copy (default: <workbook>-cleared.xlsx)" },
    ],
    details: "The add-in's Clear results, on a file: the results columns and summary sheet go, and every officer\ncell a trigger coloured gets its own fill back.",
  },
  {
    name: "check",
    usage: "<rules.json | NAME>... [options]",
    summary: "problems in a ruleset (exit 1 on errors)",
    options: [
      { name: "strict", help: "warnings fail the check too" },
      { name: "json", help: "print the problems as JSON" },
    ],
    details: "Schema errors with their JSON path, line and column, unknown facts and operators with the nearest\nname, bands and stages no school can reach, comparisons that never hold, triggers without a style.",
  },
  {
    name: "test",
    usage: "<rules.json | NAME> [options]",
    summary: "run the ruleset's stored test cases",
    options: [
      { name: "filter", value: "TEXT", help: "only the cases whose name contains TEXT" },
      { name: "coverage", help: "also show which comparisons and rules the cases leave untested" },
      { name: "min", value: "PERCENT", help: "fail (exit 1) when overall coverage is below PERCENT (turns --coverage on)" },
    ],
    details: `Each case passes or fails; a failure shows what differed and why the engine decided as it did.

--coverage: every comparison in the triggers, bands and escalation stages should be made true by one
case and false by another, with its data present, and every trigger, band, stage and stage addition
should be given to some case. A case counts for a band (stage) only down to the one it is given.
Coverage is shown per section and overall (covered items over all items); each item not covered is
listed with its JSON path and line. --min makes a lower overall coverage fail, for CI.`,
  },
  {
    name: "diff",
    usage: "<old.json> <new.json> <workbook.xlsx | schools.csv> [options]  |  --runs <categorised.xlsx> [options]",
    summary: "schools that change band, trigger or stage between two rulesets, and why; or between the last two runs kept in a workbook",
    options: [
      sheet, asOf, { name: "report", value: "PATH.json", help: "also write the comparison as JSON" }, pretty, { name: "limit", value: "N", help: "list at most N schools (all are in --report)" },
      { name: "runs", help: "the movement between the last two runs kept in one categorised workbook" },
      { name: "rules", value: "FILE|NAME", help: "with --runs: the ruleset to read the schools' names with (default: the one stored in the workbook, else the bundled one the run used)" },
    ],
    details: `The workbook is only read.

With --runs, the workbook is one 'categorise' wrote: each run keeps every school's category, stage and
triggers (by URN) in the workbook, with its date and ruleset, and the last two runs of a sheet are
kept. It prints the same movement table as the summary sheet (last run's category by this run's,
with schools new to the sheet and schools no longer in it), then each school that changed.`,
  },
  {
    name: "backtest",
    usage: "<rules.json> <workbook.xlsx | schools.csv> --outcome COLUMN [options]",
    summary: "per trigger: how many schools that later declined were flagged beforehand",
    options: [
      { name: "outcome", value: "COLUMN", help: 'the column holding the later grade, e.g. "Next Ofsted grade" (required)' },
      { name: "baseline", value: "FIELD|COLUMN", help: "the earlier grade (default: the ruleset's Ofsted grade field)" },
      { name: "declined-when", value: "worse|GRADES", help: "worse (default): a worse grade than before; or grades such as 3,4" },
      sheet,
      asOf,
      { name: "report", value: "PATH.json", help: "also write the backtest as JSON" },
      pretty,
    ],
    details: "The workbook holds the earlier data the rules look at, and a column with the later outcome.",
  },
  {
    name: "letters",
    usage: "<workbook.xlsx | schools.csv> [options]",
    summary: "categorisation letters and notices for the schools, as Word documents filled from a template",
    options: [
      { name: "rules", value: "FILE|NAME", help: "the ruleset: a JSON file, or the name of a bundled one (default: staffordshire)" },
      { name: "kind", value: "KIND", help: "categorisation (default), notice-of-concern or s60" },
      { name: "template", value: "FILE.docx", help: "the Word template (default: the ruleset's bundled one for the kind, rules/letters/<ruleset>/)" },
      { name: "out", value: "FOLDER|FILE.docx", help: "where the letters go (default: <workbook>-letters/ beside the input; with --combined, a .docx)" },
      { name: "combined", help: "one document with every letter, each starting on a new page" },
      { name: "band", value: "IDS", help: "only schools in these categories (D, or C,D)" },
      { name: "stage", value: "IDS", help: "only schools at these escalation stages (noticeOfConcern); a notice's own by default" },
      { name: "changed", help: "only schools whose category or stage differs from the run recorded in the workbook" },
      { name: "unsent", help: "only schools with no letter of this kind recorded in the workbook" },
      { name: "date", value: "YYYY-MM-DD", help: "the letters' date (default: today)" },
      { name: "reference", value: "PREFIX", help: "the reference's first part (default CAT, NOC or S60): PREFIX/URN/2025-26" },
      { name: "reply-days", value: "N", help: "days from the date to {replyBy} (default 28, 14 for a notice, 21 for s60)" },
      { name: "record", value: "PATH.xlsx", help: "also write a copy of the workbook recording these letters (date, kind, template, each school)" },
      { name: "fields", help: "list the placeholders a template can use, and stop" },
      sheet,
      asOf,
    ],
    details: `Each letter is filled from a Word template the council owns: its letterhead and wording stay
as they are, and placeholders such as {schoolName}, {categoryName} or {#reasons}{text}{/reasons}
take each school's values. A template with a placeholder the letters do not know is refused,
naming it and the nearest field. A school lacking a value the template needs outside a section
of its own ({#headTeacher}...{/headTeacher}) gets no letter: it is listed, and the exit code is 1
(the other letters are written). Schools without a category, and academies for a notice (the
council raises concerns with the trust and the DfE instead), get none either, and are listed.

The workbook is only read. With --record, a copy of it keeps which letters went to whom, so a
later run can say which schools have not had one (--unsent). See docs/letters.md.`,
  },
];

/** The sub-command names, as typed. */
export const COMMAND_NAMES = COMMAND_SPECS.map((c) => c.name).filter(Boolean);

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((c) => c.name === name);
}
