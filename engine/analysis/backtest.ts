// Backtesting triggers: rules run on earlier data, set beside what happened later (the grade at the
// next inspection). Per trigger: schools flagged that later declined (hits), flagged that did not
// (false alarms), declined without a flag (missed); hit rate = hits / declined, precision = hits /
// flagged, lift = precision / the decline rate of all schools. The same for the watch flags of triggers
// with margins (near misses), alone and with their trigger. Pure: no files, no Excel.
import type { RunResult, RowResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import type { WorkbookSource } from "../workbook";
import { coerce } from "../read/coerce";
import { InputError, describeColumn } from "../errors";
import { normaliseHeader } from "../read/headers";
import { nearest } from "../util/nearest";
import { ruleProbe } from "../evaluate/rule-probe";
import { hasMargin } from "../ruleset/margins";

/** "worse": the outcome grade is worse (higher) than the earlier one; "in": the outcome is one of these grades. */
export type DeclineRule = { kind: "worse" } | { kind: "in"; grades: number[] };

export interface GradeColumn {
  header: string;
  /** "column 'Next Ofsted grade' (L)" */
  column: string;
  /** Sheet row -> grade (null when blank, not judged or unreadable). */
  grades: Map<number, number | null>;
  /** Rows whose cell held something that is not a grade. */
  unreadable: number[];
}

/** Reads a column of Ofsted grades (1-4 or words) from the run's sheet, by header. */
export function readGradeColumn(source: WorkbookSource, sheetName: string, header: string): GradeColumn {
  const sheet = source.readSheet(sheetName);
  if (!sheet) throw new InputError(`There is no sheet '${sheetName}'`);
  const c = sheet.headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header));
  if (c < 0) {
    const near = nearest(header, sheet.headers.filter(Boolean));
    throw new InputError(
      `Sheet '${sheet.name}' has no column '${header}'${near ? ` (nearest header: '${near}')` : ""}; its headers are ${sheet.headers.filter(Boolean).map((h) => `'${h}'`).join(", ")}`,
    );
  }
  const grades = new Map<number, number | null>();
  const unreadable: number[] = [];
  sheet.rows.forEach((cells, i) => {
    const row = sheet.headerRow + 1 + i;
    const { value, problem } = coerce(cells[c], { type: "ofstedGrade", label: header });
    if (problem) unreadable.push(row);
    grades.set(row, typeof value === "number" ? value : null);
  });
  const column = describeColumn(sheet.headers[c], sheet.firstColumn + c);
  if (![...grades.values()].some((g) => g !== null)) {
    throw new InputError(`Sheet '${sheet.name}' ${column} holds no Ofsted grades (1-4, Outstanding, Good, Requires improvement, Inadequate)`);
  }
  return { header: sheet.headers[c], column, grades, unreadable };
}

export interface Confusion {
  flagged: number;
  hits: number;
  falseAlarms: number;
  missed: number;
  /** hits / declined; null when no school declined. */
  hitRate: number | null;
  /** hits / flagged; null when none was flagged. */
  precision: number | null;
  /** false alarms / schools that did not decline. */
  falseAlarmRate: number | null;
  /** precision / decline rate of all schools: how much likelier a flagged school is to decline. */
  lift: number | null;
}

export interface BacktestResult {
  ruleset: RunResult["ruleset"];
  sheet: string;
  asOf: string;
  rule: DeclineRule;
  /** Schools with an earlier grade (where needed) and an outcome. */
  schools: number;
  declined: number;
  declineRate: number | null;
  excluded: { noOutcome: number; noBaseline: number; cannotDecline: number };
  /** Per trigger; `unknown`: counted schools it did not flag but might have, had the missing facts been there. */
  triggers: ({ id: string; label: string; severity: string; unknown: number } & Confusion)[];
  anyTrigger: Confusion;
  /**
   * Per trigger with margins: its watch flags (near misses) alone, and the trigger or its watch flag,
   * to see what widening the threshold by the margin would have caught. Empty without margins.
   */
  watch: ({ id: string; label: string; withTrigger: Confusion } & Confusion)[];
  /** Schools with any watch flag; null without margins. */
  anyWatch: Confusion | null;
  bands: { id: string; label: string; schools: number; declined: number; declineRate: number | null; shareOfDeclines: number | null }[];
  /** The schools counted, for the report. */
  rows: { row: number; key: string | number | null; name: string | null; band: string; triggers: string[]; watch: string[]; unknown: string[]; baseline: number | null; outcome: number; declined: boolean }[];
}

const ratio = (a: number, b: number) => (b ? a / b : null);

export function backtest(run: RunResult, ruleset: Ruleset, outcomes: Map<number, number | null>, baseline: (r: RowResult) => number | null, rule: DeclineRule): BacktestResult {
  const excluded = { noOutcome: 0, noBaseline: 0, cannotDecline: 0 };
  const counted: BacktestResult["rows"] = [];
  const probe = ruleProbe(ruleset);
  for (const r of run.rows) {
    const outcome = outcomes.get(r.row) ?? null;
    const before = baseline(r);
    if (outcome === null) excluded.noOutcome++;
    else if (rule.kind === "worse" && before === null) excluded.noBaseline++;
    else if (rule.kind === "worse" && before === 4) excluded.cannotDecline++;
    else {
      const declined = rule.kind === "worse" ? outcome > before! : rule.grades.includes(outcome);
      const unknown = ruleset.triggers.filter((t) => probe.couldHold("trigger", t.id, r)).map((t) => t.id);
      const watch = (r.watch ?? []).map((w) => w.id);
      counted.push({ row: r.row, key: r.key, name: r.name, band: r.band, triggers: r.triggers.map((t) => t.id), watch, unknown, baseline: before, outcome, declined });
    }
  }
  const declined = counted.filter((c) => c.declined).length;
  const baseRate = ratio(declined, counted.length);
  const confusion = (flag: (c: (typeof counted)[number]) => boolean): Confusion => {
    const flagged = counted.filter(flag);
    const hits = flagged.filter((c) => c.declined).length;
    const precision = ratio(hits, flagged.length);
    return {
      flagged: flagged.length,
      hits,
      falseAlarms: flagged.length - hits,
      missed: declined - hits,
      hitRate: ratio(hits, declined),
      precision,
      falseAlarmRate: ratio(flagged.length - hits, counted.length - declined),
      lift: precision !== null && baseRate ? precision / baseRate : null,
    };
  };
  return {
    ruleset: run.ruleset,
    sheet: run.sheet,
    asOf: run.asOf,
    rule,
    schools: counted.length,
    declined,
    declineRate: baseRate,
    excluded,
    triggers: ruleset.triggers.map((t) => ({
      id: t.id, label: t.label, severity: t.severity,
      unknown: counted.filter((c) => c.unknown.includes(t.id)).length,
      ...confusion((c) => c.triggers.includes(t.id)),
    })),
    anyTrigger: confusion((c) => c.triggers.length > 0),
    watch: ruleset.triggers.filter((t) => hasMargin(t.conditions)).map((t) => ({
      id: t.id, label: t.label,
      ...confusion((c) => c.watch.includes(t.id)),
      withTrigger: confusion((c) => c.triggers.includes(t.id) || c.watch.includes(t.id)),
    })),
    anyWatch: ruleset.triggers.some((t) => hasMargin(t.conditions)) ? confusion((c) => c.watch.length > 0) : null,
    bands: ruleset.bands.map((b) => {
      const inBand = counted.filter((c) => c.band === b.id);
      const down = inBand.filter((c) => c.declined).length;
      return { id: b.id, label: b.label, schools: inBand.length, declined: down, declineRate: ratio(down, inBand.length), shareOfDeclines: ratio(down, declined) };
    }),
    rows: counted,
  };
}
