// Runs the command line on a workbook and reads back what an officer gets: the --report JSON (rows by
// key) and the output copy's summary sheet (every row, blank separator rows kept).
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { SUMMARY_SHEET } from "../../engine";
import { runCli } from "../helpers/cli";

export interface BookRun {
  report: any;
  rows: Map<number, any>;
  /** Summary sheet cell values, one array per sheet row (row 1 first). */
  summary: unknown[][];
}

export async function runBook(book: string, rules: string, asOf: string): Promise<BookRun> {
  const out = path.join(path.dirname(book), "out.xlsx");
  const json = path.join(path.dirname(book), "report.json");
  const run = await runCli([book, "--rules", rules, "--out", out, "--report", json, "--as-of", asOf]);
  expect(run).toMatchObject({ code: 0, err: "" });
  const report = JSON.parse(fs.readFileSync(json, "utf8"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(SUMMARY_SHEET)!;
  return {
    report,
    rows: new Map(report.rows.map((r: any) => [r.key, r])),
    summary: Array.from({ length: ws.rowCount }, (_, i) => ((ws.getRow(i + 1).values as unknown[]) ?? []).slice(1)),
  };
}
