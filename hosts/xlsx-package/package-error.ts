// PackageError: the one error this module raises, in words an officer can act on.

/** The file is not a workbook this module can patch, or an edit asks for something impossible. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageError";
  }

  static notAWorkbook(): PackageError {
    return new PackageError("This file is not an .xlsx workbook. If it is an .xls or .csv file, open it in Excel and save it as an Excel Workbook (.xlsx), then try again.");
  }

  static damaged(what: string): PackageError {
    return new PackageError(`The workbook file is damaged (${what}). Open it in Excel, let Excel repair it, save it and try again.`);
  }
}
