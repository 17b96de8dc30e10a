// Dates as the serial numbers a workbook stores: days since 1899-12-30 (the 1900 system, which
// carries Lotus's phantom 29 February 1900) or since 1904-01-01. Read as UTC, as ExcelJS does.

const DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function dateSerial(date: Date, date1904: boolean): number {
  const serial = (date.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY;
  // Before 1 March 1900 the 1900 system is one day behind (no phantom 29 February yet).
  return !date1904 && serial < 61 ? serial - 1 : serial;
}
