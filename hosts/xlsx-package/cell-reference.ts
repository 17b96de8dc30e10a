// A1-style references: "AB12" <-> row 12, column 28.

/** Letters made so far, by column (a sheet has at most 16,384 columns). */
const LETTERS: string[] = [];

export function columnLetters(column: number): string {
  const known = LETTERS[column];
  if (known !== undefined) return known;
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  if (column >= 1 && column <= 16384 && Number.isInteger(column)) LETTERS[column] = s;
  return s;
}

export const cellName = (row: number, column: number) => columnLetters(column) + row;

/** The column of a reference such as "AB12" (row digits ignored), or 0 when there is none. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

/** The row of a reference such as "AB12", or 0 when there is none. */
export function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

export const MAX_ROW = 1048576;
export const MAX_COLUMN = 16384;
