// readWorkbookValues: every cell value of a workbook's sheets, as the engine reads them, by streaming
// each sheet part once (never a tree of a sheet). Parts that would expand beyond the limits, and
// grids beyond maxCells, are refused in plain words before memory runs out.
import { infoOf } from "./package-info";
import { checkTotalSize } from "./part-limits";
import { REL } from "./relationships";
import { readSharedStrings } from "./shared-strings";
import { readSheetValues } from "./sheet-values";
import type { ReadOptions, SheetGrid, WorkbookValues } from "./types";
import { valueFormats } from "./value-formats";
import { WorkbookPackage } from "./workbook-package";

export const DEFAULT_MAX_CELLS = 60_000_000;

export function readWorkbookValues(bytes: Uint8Array, options: ReadOptions = {}): WorkbookValues {
  const pkg = new WorkbookPackage(bytes, options.parts);
  const all = pkg.workbook.sheets;
  const chosen = options.sheets ? [...new Set(options.sheets.map((name) => pkg.sheet(name).index))].map((i) => all[i]) : all.filter((s) => !pkg.sheetPart(s) || pkg.isWorksheet(s));
  const sheets = chosen.map((s) => ({ name: s.name, entry: pkg.entry(pkg.worksheetPart(s))! }));
  const stylesPart = pkg.workbookPartOfType(REL.styles);
  const stringsPart = pkg.workbookPartOfType(REL.sharedStrings);
  const others = [stylesPart, stringsPart].filter((p): p is string => !!p).map((p) => pkg.entry(p)!);
  checkTotalSize([...new Set([...sheets.map((s) => s.entry), ...others])]);

  const sharedStrings = readSharedStrings(bytes, stringsPart ? pkg.entry(stringsPart) : undefined);
  const formats = valueFormats(stylesPart && pkg.text(stylesPart), stylesPart ?? "xl/styles.xml");
  let cellsLeft = options.maxCells ?? DEFAULT_MAX_CELLS;
  const grids = new Map<string, SheetGrid>();
  for (const { name, entry } of sheets) {
    const grid = readSheetValues(bytes, entry, name, { sharedStrings, formats, date1904: pkg.workbook.date1904, maxCells: cellsLeft }, pkg.cache);
    cellsLeft -= grid.rows.length * (grid.rows[0]?.length ?? 0);
    grids.set(name, grid);
  }
  return { info: infoOf(pkg), sheets: grids };
}
