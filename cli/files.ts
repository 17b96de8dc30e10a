// File access for the command-line tool: workbooks read through ExcelJS, and the one error type for
// files that cannot be used. Rules files are read in rules-file.ts; outputs are written by atomic-write.ts.
import * as fs from "node:fs";
import { openWorkbook, type OpenWorkbook } from "../hosts/file/run-and-clear";
import { fsErrorMessage } from "./fs-errors";

export class FileError extends Error {}

/** Reads a workbook file: its bytes, and ExcelJS's reading of them (plain words for a file that is not one). */
export async function readWorkbook(file: string): Promise<OpenWorkbook> {
  checkInputWorkbook(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new FileError(fsErrorMessage(e, `read ${file}`) ?? `${file}: cannot be read (${(e as Error).message})`);
  }
  return openWorkbook(bytes, file);
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
