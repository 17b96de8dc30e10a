// The errors a run raises about the officer's workbook (the ruleset has RulesetError). Each names
// the sheet and, where it can, the row, column or cell.

/** The workbook does not fit the ruleset (no schools sheet, a required column missing...). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** The file is not a workbook the tool can read (a .csv, an .xls, a damaged or encrypted file...). */
export class UnreadableFileError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableFileError";
  }
}

/** Why a host wrote nothing. */
export type NotWrittenReason = "officer-data" | "protected" | "missing-target" | "too-large";

/**
 * Nothing was written, because writing would have lost the officer's work or could not be done:
 * officer data where the results would go, a protected sheet, a table or sheet that has gone, a
 * value too big for one request to Excel.
 * Every host raises this one error; the command line and the pane each add their own last words.
 */
export class NotWrittenError extends Error {
  constructor(
    readonly reason: NotWrittenReason,
    message: string,
    /** The sheet concerned. */
    readonly sheet?: string,
  ) {
    super(message);
    this.name = "NotWrittenError";
  }

  static protectedSheet(sheet: string): NotWrittenError {
    return new NotWrittenError("protected", `The sheet '${sheet}' is protected, so no results were written. Unprotect it (Review > Unprotect Sheet) and run again.`, sheet);
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
