// Dates are carried as ISO "YYYY-MM-DD" strings; arithmetic is done in whole UTC days.

const DAY_MS = 86_400_000;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The ISO date of a year, month and day, or undefined when there is no such day (30 February). */
export function calendarDate(y: number, month: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, month - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === month - 1 && dt.getUTCDate() === d ? isoDate(dt) : undefined;
}

/** A real calendar date written YYYY-MM-DD ("2024-02-30" is written so, but is no date). */
export function isIsoDate(v: unknown): v is string {
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return !!m && calendarDate(+m[1], +m[2], +m[3]) !== undefined;
}

/** Days from 1970-01-01 to a YYYY-MM-DD date (a day past the month's end runs on, as Date.parse has it). */
export function dayNumber(iso: string): number {
  return isoDayNumber(iso) ?? Math.floor(Date.parse(iso + "T00:00:00Z") / DAY_MS);
}

/**
 * dayNumber by arithmetic, for a date written YYYY-MM-DD with a month 01-12 and a day 01-31 (what
 * Date.parse reads, a day past the month's end counted on); undefined for anything else.
 */
function isoDayNumber(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return daysFromCivil(year, month, day);
}

/** The number written by `length` digits from `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function addDays(iso: string, days: number): string {
  return isoDate(new Date((dayNumber(iso) + days) * DAY_MS));
}

export function daysBetween(fromIso: string, toIso: string): number {
  return dayNumber(toIso) - dayNumber(fromIso);
}

export function todayIso(): string {
  return isoDate(new Date());
}

/** Academic year ("2018/19") a date falls in; years run 1 September to 31 August. */
export function academicYearOf(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** UK display form: 22/11/2026. */
export function ukDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
