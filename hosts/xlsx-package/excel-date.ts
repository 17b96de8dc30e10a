// Dates as the serial numbers a workbook stores: days since 1899-12-30 (the 1900 system, which
// carries Lotus's phantom 29 February 1900) or since 1904-01-01. Read as UTC, as ExcelJS does.
// dateSerial writes a date; serialDate reads one back (each undoes the other).

const DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function dateSerial(date: Date, date1904: boolean): number {
  const serial = (date.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY;
  // Before 1 March 1900 the 1900 system is one day behind (no phantom 29 February yet).
  return !date1904 && serial < 61 ? serial - 1 : serial;
}

/** Days from the 1900 system's day 0 (1899-12-30) to 1970-01-01, and to the 1904 system's day 0. */
const DAYS_TO_1970 = 25569;
const DAYS_1904_TO_1900 = 1462;

/**
 * The date a serial number stands for, to the millisecond. In the 1900 system serials before 60
 * (1 January to 28 February 1900) count from 1899-12-31, because Excel counts a 29 February 1900 that
 * never was; serial 60, that phantom day, reads as 28 February. Undefined when no JS date can hold it.
 * The arithmetic is ExcelJS's, step for step, so every later date is the same to the millisecond.
 */
export function serialDate(serial: number, date1904: boolean): Date | undefined {
  const days = !date1904 && serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - DAYS_TO_1970 + (date1904 ? DAYS_1904_TO_1900 : 0)) * 24 * 3600 * 1000);
  return Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined;
}
