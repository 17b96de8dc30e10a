// Errors the add-in raises itself (the engine raises RulesetError and InputError).

/** The sheet to write to is protected: nothing was written. */
export class ProtectedSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`The sheet '${sheet}' is protected, so no results were written. Unprotect it (Review > Unprotect Sheet) and run again.`);
    this.name = "ProtectedSheetError";
  }
}

/** The chosen table or sheet is no longer there, or holds no table. */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetError";
  }
}
