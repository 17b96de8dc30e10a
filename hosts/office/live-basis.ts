/// <reference types="office-js" />
// What live updates start from after a run, through Office.js: the schools sheet and history sheets
// the run read (officer columns only), where its results went, and the store as the run left it
// (read again, since the run wrote it). See live-update.ts for an update, live-watch.ts for the events.
import { parseStore, STORE_SHEET, emptyStore, type LiveBasis, type OutputPlan, type Ruleset, type RunResult, type SheetData, type StoreContents } from "../../engine";
import type { Context, Dims, OfficeRead } from "./read";

/** A live basis, and how the workbook counts dates (cells read again are converted the same way). */
export interface LiveState {
  basis: LiveBasis;
  date1904: boolean;
}

/** The store sheet's contents now. */
export async function readStore(context: Context): Promise<StoreContents> {
  const ws = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET);
  ws.load("isNullObject"); // eslint-disable-line office-addins/no-navigational-load -- the fake Excel and Office.js both answer it
  await context.sync();
  if (ws.isNullObject) return emptyStore();
  const used = ws.getUsedRangeOrNullObject(true) as Dims;
  used.load("isNullObject,values");
  await context.sync();
  return used.isNullObject ? emptyStore() : parseStore(used.values);
}

/** Whether the workbook counts dates from 1904; Excel says so from ExcelApi 1.16, else the 1900 system is assumed. */
async function usesDates1904(context: Context): Promise<boolean> {
  if (!(typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", "1.16"))) return false;
  const workbook = context.workbook as Excel.Workbook & { use1904DateSystem?: boolean };
  workbook.load("use1904DateSystem");
  await context.sync();
  return workbook.use1904DateSystem === true;
}

/** The officer's columns of a sheet as read: the columns left of the run's results. */
function officerPart(sheet: SheetData, columns: number): SheetData {
  return { ...sheet, headers: sheet.headers.slice(0, columns), rows: sheet.rows.map((r) => r.slice(0, columns)) };
}

/**
 * The basis for live updates after a run: `read` is what the run read (or a fresh read of the same
 * target), `result` and `plan` what it produced. The store is read again, as the run has written it.
 */
export async function liveState(context: Context, read: OfficeRead, result: RunResult, plan: OutputPlan, ruleset: Ruleset): Promise<LiveState> {
  const schools = read.source.readSheet(result.sheet);
  if (!schools) throw new Error(`The sheet '${result.sheet}' was not read.`);
  const wanted = new Set((ruleset.history ?? []).flatMap((h) => h.sheet));
  const histories = [...wanted].flatMap((name) => (name !== result.sheet && read.source.readSheet(name)) || []);
  const store = await readStore(context);
  return {
    basis: {
      sheet: officerPart(schools, result.tableColumns),
      histories,
      asOf: result.asOf,
      results: { firstColumn: plan.firstColumn, headers: plan.headers },
      lastRow: plan.headerRow + plan.values.length,
      store,
    },
    date1904: await usesDates1904(context),
  };
}
