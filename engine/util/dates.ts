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

export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(iso + "T00:00:00Z") / DAY_MS);
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
