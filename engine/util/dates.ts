// Dates are carried as ISO "YYYY-MM-DD" strings; arithmetic is done in whole UTC days.

const DAY_MS = 86_400_000;

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
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
