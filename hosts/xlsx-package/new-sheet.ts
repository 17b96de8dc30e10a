// A new worksheet is an empty sheet part patched with its rows, so it is written by the same code
// as an edited one.
import type { SheetChanges } from "./sheet-patch";
import type { CellEdit, NewSheet } from "./types";

export const EMPTY_WORKSHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
  '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/** The new sheet's rows and styles as edits of the empty sheet. */
export function newSheetChanges(sheet: NewSheet): SheetChanges {
  const cells: CellEdit[] = [];
  sheet.rows.forEach((values, r) =>
    values.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== "") cells.push({ row: r + 1, column: c + 1, value });
    }),
  );
  for (const { row, column, style } of sheet.cellStyles ?? []) cells.push({ row, column, style });
  return { cells, columnWidths: sheet.columnWidths, ...(sheet.pageSetup ? { pageSetup: sheet.pageSetup } : {}) };
}
