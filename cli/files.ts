// File access for the command-line tool: workbooks read through ExcelJS, and the one error type for
// files that cannot be used. Rules files are read in rules-file.ts; outputs are written by atomic-write.ts.
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import { fsErrorMessage } from "./fs-errors";

export class FileError extends Error {}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  checkInputWorkbook(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new FileError(fsErrorMessage(e, `read ${file}`) ?? `${file}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  return wb;
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
