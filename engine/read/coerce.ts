// Turning a workbook cell into a typed fact. DfE/Ofsted markers (SUPP, NE, NA, x, -, NULL, blank...)
// are missing values, never 0. A cell that cannot be read gives a problem text and a missing value.
import type { CellValue } from "../workbook";
import type { FactValue } from "../results";
import type { Field } from "../ruleset/schema";
import { calendarDate, isoDate } from "../util/dates";
import { vocabularyText, vocabularyValue } from "./vocabulary";

/** Cell texts that mean "no value" in DfE performance tables and Ofsted management information. */
export const MISSING_MARKERS = new Set([
  "", "supp", "ne", "na", "n/a", "x", "-", "--", "null", "lowcov", "np", "ne/na", "not judged", "none", ".", "..", ":", "dns",
]);

/** The longest marker: a longer text is none of them. */
export const LONGEST_MARKER = Math.max(...[...MISSING_MARKERS].map((m) => m.length));

export interface Coerced {
  value: FactValue;
  /** Why the cell could not be read (the value is then missing). */
  problem?: string;
  /** The marker that made a filled cell missing (SUPP, NE, x...): data withheld, not "not applicable". */
  marker?: string;
  /** Text that is none of the field's listed values: said in the problem, not counted as withheld data. */
  unlisted?: boolean;
}

/** Readings that many cells share (read-only). */
const MISSING: Coerced = { value: null };
const NO_CATEGORY_VALUE: Coerced = { value: "None" };

const GRADE_WORDS: Record<string, number> = {
  outstanding: 1,
  good: 2,
  satisfactory: 3,
  "requires improvement": 3,
  ri: 3,
  inadequate: 4,
  "serious weaknesses": 4,
  "special measures": 4,
};

const CATEGORY_WORDS: Record<string, string> = {
  swk: "SWK",
  "serious weaknesses": "SWK",
  "serious weakness": "SWK",
  sm: "SM",
  "special measures": "SM",
  nti: "NTI",
  "notice to improve": "NTI",
};

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0"]);

function text(cell: CellValue): string {
  return cell instanceof Date ? dateText(cell) : String(cell).trim();
}

/** Date cells repeat (inspection dates, meeting dates): each distinct one is written out once. */
const dateTexts = new Map<number, string>();

function dateText(d: Date): string {
  const time = d.getTime();
  let iso = dateTexts.get(time);
  if (iso === undefined) {
    iso = isoDate(d); // an invalid date throws here, as it always has
    if (dateTexts.size >= 10_000) dateTexts.clear();
    dateTexts.set(time, iso);
  }
  return iso;
}

/** A number as officers type it: "1,234", "£1,234", "(5)" for -5. */
export function parseNumber(s: string): number | undefined {
  if (!/\d/.test(s)) return undefined; // no digit, no number (SUPP, NE, x...): said without rewriting the text
  const cleaned = s.replace(/[£,\s]/g, "").replace(/^\((.*)\)$/, "-$1");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  return Number(cleaned);
}

/** Excel serial day numbers (1900 system) that are plausible dates: 1 Jan 1955 to 31 Dec 2100. */
function serialToIso(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 20090 || n > 73415) return undefined;
  return isoDate(new Date(Math.round((n - 25569) * 86_400_000)));
}

function parseDate(cell: CellValue): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : dateText(cell);
  if (typeof cell === "number") return serialToIso(cell);
  const s = String(cell).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return calendarDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s); // UK order: day/month/year
  if (m) return calendarDate(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
  const n = parseNumber(s);
  return n === undefined ? undefined : serialToIso(n);
}


/** A blank category of concern means the school is in none (not that the fact is unknown). */
const NO_CATEGORY = new Set(["", "none", "no", "n/a", "na", "-", "null", "not applicable"]);

function unreadable(text: string, expected: string): Coerced {
  return { value: null, problem: `'${text}' is not ${expected}; treated as missing` };
}

export function coerce(cell: CellValue, field: Pick<Field, "type" | "label" | "values">): Coerced {
  if (field.type === "categoryOfConcern" && (cell === null || cell === undefined || NO_CATEGORY.has(text(cell).toLowerCase()))) return NO_CATEGORY_VALUE;
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === "number" && (field.type === "number" || field.type === "percent" || (field.type === "integer" && Number.isInteger(cell)))) {
    return Number.isFinite(cell) ? { value: cell } : { value: null, problem: `'${cell}' is not a number; treated as missing` };
  }
  const s = text(cell);
  const lower = s.toLowerCase();
  // A listed value wins over a marker: a list may say "None" means something.
  if (field.values && lower !== "") {
    const value = vocabularyValue(field, s);
    if (value !== undefined) return { value };
  }
  if (MISSING_MARKERS.has(lower)) return lower === "" ? MISSING : { value: null, marker: s };
  if (field.values) return { ...unreadable(s, `one of the values of ${field.label} (${vocabularyText(field)})`), unlisted: true };

  switch (field.type) {
    case "text":
      return { value: s };
    case "integer":
    case "number": {
      const n = typeof cell === "number" ? cell : parseNumber(s);
      if (n === undefined || !Number.isFinite(n)) return unreadable(s, "a number");
      if (field.type === "integer" && !Number.isInteger(n)) return unreadable(s, "a whole number");
      return { value: n };
    }
    case "percent": {
      const n = typeof cell === "number" ? cell : parseNumber(s.replace(/%\s*$/, ""));
      if (n === undefined || !Number.isFinite(n)) return unreadable(s, "a percentage");
      return { value: n };
    }
    case "yesno":
      if (typeof cell === "boolean") return { value: cell };
      if (YES.has(lower)) return { value: true };
      if (NO.has(lower)) return { value: false };
      return unreadable(s, "Yes or No");
    case "date": {
      const d = cell instanceof Date ? s : parseDate(cell); // a Date's text is already its ISO date
      return d ? { value: d } : unreadable(s, "a date");
    }
    case "ofstedGrade": {
      const n = typeof cell === "number" ? cell : parseNumber(s) ?? GRADE_WORDS[lower.replace(/^\d\s*[-:]?\s*/, "")];
      return n !== undefined && [1, 2, 3, 4].includes(n) ? { value: n } : unreadable(s, "an Ofsted grade (1-4, Outstanding, Good, Satisfactory/Requires improvement, Inadequate)");
    }
    case "categoryOfConcern": {
      const code = CATEGORY_WORDS[lower];
      return code ? { value: code } : unreadable(s, "a category of concern (Serious weaknesses/SWK, Special measures/SM, Notice to improve/NTI)");
    }
  }
}
