// File access for the command-line tool: input workbooks (an .xlsx or .xlsm, or a .csv made into a
// workbook of one sheet), read through the file host. Rules files are read in rules-file.ts; outputs
// are written by atomic-write.ts.
import * as fs from "node:fs";
import { openWorkbook, type OpenWorkbook } from "../hosts/file/run-and-clear";
import { UsageError } from "./args";
import { CsvError } from "./csv";
import { badSheetName, csvWorkbook, sheetNameFor } from "./csv-workbook";
import { FileError } from "./file-error";
import { fsErrorMessage } from "./fs-errors";

export { FileError };

export const isCsv = (file: string): boolean => /\.csv$/i.test(file);

export interface InputWorkbook extends OpenWorkbook {
  /** For a .csv input: the sheet its values were put on, and how it was read. */
  csv?: { sheet: string; note?: string };
}

/**
 * Reads an input workbook file: its bytes, and the streaming reader's reading of them (plain words
 * for a file that is not one). A .csv becomes a workbook of one sheet, named `sheet` if given, else
 * after the file.
 */
export async function readWorkbook(file: string, options: { sheet?: string } = {}): Promise<InputWorkbook> {
  checkInputWorkbook(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new FileError(fsErrorMessage(e, `read ${file}`) ?? `${file}: cannot be read (${(e as Error).message})`);
  }
  if (!isCsv(file)) return openWorkbook(bytes, file);
  const wanted = options.sheet;
  const problem = wanted === undefined ? undefined : badSheetName(wanted);
  if (problem) throw new UsageError(`--sheet ${wanted}: ${problem}`);
  try {
    const book = csvWorkbook(bytes, wanted ?? sheetNameFor(file));
    return { ...openWorkbook(book.bytes, file), csv: { sheet: book.sheet, ...(book.note ? { note: `${file} ${book.note}` } : {}) } };
  } catch (e) {
    if (e instanceof CsvError) throw new FileError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Refuses an input workbook that is missing or a folder, before anything is read. */
export function checkInputWorkbook(file: string): void {
  if (!fs.existsSync(file)) throw new FileError(`${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new FileError(`${file}: is a folder, not a workbook`);
}

/** What to compare after the run to be sure the input was not written: its size and modification time. */
export function fileStamp(file: string): string {
  const s = fs.statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}
