// Problems with the officer's workbook (as opposed to the ruleset): each names the sheet and,
// where it can, the row and column.
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Spreadsheet column letters for a 1-based column number: 1 -> A, 28 -> AB. */
export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "column 'Overall absence %' (V)" */
export function describeColumn(header: string, column: number): string {
  return `column '${header}' (${columnLetter(column)})`;
}
