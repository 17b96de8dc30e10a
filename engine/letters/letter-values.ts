// One school's letter fields from its run result, the ruleset and the officer's sheet (for the
// contacts). A field the school has no value for is null, with why: the letter may not need it.
import type { RowResult, RunResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import type { SheetData } from "../workbook";
import { academicYearOf, addDays } from "../util/dates";
import { ruleWords, letterValue, longDate } from "./letter-wording";
import { categoryFlag, stageFlag } from "./letter-fields";
import { LETTER_KIND, type LetterKindId } from "./letter-kinds";
import { contactOn, findContactColumns, CONTACT_HEADERS, type ContactColumns, type ContactField } from "./school-contacts";
import { isAcademy } from "./school-type";

export type LetterItem = Record<string, string>;
export type LetterValue = string | boolean | LetterItem[] | null;

export interface LetterOptions {
  kind: LetterKindId;
  /** The letter's date, YYYY-MM-DD. */
  date: string;
  /** Replaces the kind's code at the start of the reference (CAT/...). */
  referencePrefix?: string;
  /** Days from the letter's date to {replyBy}; the kind's own by default. */
  replyDays?: number;
}

export interface SchoolLetter {
  row: number;
  key: string;
  name: string;
  band: string;
  stage: string | null;
  values: Record<string, LetterValue>;
  /** Why a field is null, by field. */
  missing: Record<string, string>;
}

/** The letters' fields for the given rows of a run. */
export function schoolLetters(run: RunResult, ruleset: Ruleset, sheet: SheetData, rows: RowResult[], options: LetterOptions): SchoolLetter[] {
  const contacts = findContactColumns(sheet);
  return rows.map((row) => schoolLetter(row, run, ruleset, sheet, contacts, options));
}

function schoolLetter(row: RowResult, run: RunResult, ruleset: Ruleset, sheet: SheetData, contacts: ContactColumns, options: LetterOptions): SchoolLetter {
  const kind = LETTER_KIND[options.kind];
  const missing: Record<string, string> = {};
  const values: Record<string, LetterValue> = {};
  const set = (name: string, value: string | null | undefined, why: string) => {
    values[name] = value === undefined || value === null || value === "" ? null : value;
    if (values[name] === null) missing[name] = why;
  };
  const factText = (id: string | undefined) => {
    const v = id ? row.facts[id] : null;
    return v === null || v === undefined || v === "" ? null : letterValue(v);
  };
  const noColumn = (what: string, id: string) =>
    run.columns[id] ? `${what} is blank on row ${row.row} (column '${run.columns[id].header}')` : `the sheet has no ${what} column`;
  const key = String(row.key ?? "");
  const name = row.name ?? "";
  const band = ruleset.bands.find((b) => b.id === row.band);
  const ruleBand = ruleset.bands.find((b) => b.id === row.ruleBand);
  const bandTrace = row.traces.find((t) => t.kind === "band" && t.id === row.ruleBand);
  const academy = isAcademy(row);
  const prefix = options.referencePrefix ?? kind.referenceCode;
  const academicYear = academicYearOf(options.date);

  set("date", longDate(options.date), "");
  set("reference", `${prefix}/${key}/${academicYear.replace("/", "-")}`, "");
  set("academicYear", academicYear, "");
  set("replyBy", longDate(addDays(options.date, options.replyDays ?? kind.replyDays)), "");
  set("runDate", longDate(run.asOf), "");
  set("rulesetTitle", ruleset.title, "");
  set("schoolName", name, noColumn("school name", ruleset.name ?? "name"));
  set("urn", key, "");
  set("laestab", factText("laestab"), noColumn("LAESTAB", "laestab"));
  set("schoolType", factText("type"), noColumn("school type", "type"));
  set("phase", factText("phase"), noColumn("phase", "phase"));
  values.isAcademy = academy === true;
  values.isMaintained = academy === false;
  for (const field of Object.keys(CONTACT_HEADERS) as ContactField[]) {
    const header = contacts.headers[field];
    const what = field === "headTeacher" ? "head teacher" : field === "chairOfGovernors" ? "chair of governors" : "link officer";
    const why = header ? `the ${what} is blank on row ${row.row} (column '${header}')` : `the sheet has no ${what} column (such as ${CONTACT_HEADERS[field].slice(0, 2).map((h) => `'${h}'`).join(" or ")})`;
    set(field, contactOn(sheet, row.row, contacts.columns[field]), why);
  }
  set("category", row.band, "");
  set("categoryLabel", row.bandLabel, "");
  set("categoryName", `${row.band} ${row.bandLabel}`, "");
  set("categoryDescription", band?.description, `the ruleset gives category ${row.band} no description`);
  set("categoryMeaning", band?.nextAction, `the ruleset gives category ${row.band} no next action`);
  const because = bandTrace ? (bandTrace.conditions.length ? ruleWords(bandTrace) : "no higher category's conditions apply") : "";
  set("categoryReason", because || (ruleBand ? `the conditions of ${ruleBand.id} ${ruleBand.label}` : ""), "the rules give no reason for the category");
  values.moderated = row.moderated;
  set("moderationReason", row.moderation?.reason ?? null, row.moderated ? "the officer's category has no reason given" : "the category was not moderated");
  values.reasons = row.traces
    .filter((t) => t.kind === "trigger" && t.held)
    .map((t) => {
      const detail = ruleWords(t);
      const severity = row.triggers.find((x) => x.id === t.id)?.severity ?? "";
      return { text: detail ? `${t.label}: ${detail}` : t.label, label: t.label, detail, severity };
    });
  set("stage", row.escalation?.label, "no escalation stage applies to the school");
  set("nextAction", row.nextAction, "the school has no next action");
  set("dueDate", row.due ? longDate(row.due) : null, "the next action has no due date");
  for (const b of ruleset.bands) values[categoryFlag(b.id)] = row.band === b.id;
  for (const s of ruleset.escalation ?? []) values[stageFlag(s.id)] = row.escalation?.stage === s.id;
  return { row: row.row, key, name, band: row.band, stage: row.escalation?.stage ?? null, values, missing };
}

/** The fields a template needs that this school has no value for, each with why. */
export function missingFields(letter: SchoolLetter, needed: string[]): { field: string; why: string }[] {
  return needed.filter((f) => letter.values[f] === null || letter.values[f] === undefined).map((field) => ({ field, why: letter.missing[field] ?? "no value" }));
}

/** "124040 Boley Park Infant School.docx": the URN and name, with only characters every file system takes. */
export function letterFileName(letter: Pick<SchoolLetter, "key" | "name">): string {
  const safe = `${letter.key} ${letter.name}`
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 .,'()&+-]+/g, "-")
    .replace(/\s+/g, " ")
    .replace(/^[\s.-]+|[\s.-]+$/g, "")
    .slice(0, 120)
    .trim();
  return `${safe || "school"}.docx`;
}
