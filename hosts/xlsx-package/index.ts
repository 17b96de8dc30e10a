// The package-preserving writer's public surface: patch a workbook's parts in place, read cell fills,
// cell values and package facts. Pure TypeScript (fflate, saxes), no file system: it runs in the page too.
export { patchWorkbook } from "./patch-workbook";
export { readWorkbookValues, DEFAULT_MAX_CELLS } from "./read-workbook";
export { readCellFillList, readCellFills } from "./read-fills";
export { readPrintSetup } from "./read-print-setup";
export { packageInfo } from "./package-info";
export { PackageError } from "./package-error";
export { PartCache } from "./part-cache";
export { CellEditList } from "./cell-edit-list";
export type { CellValue, CellStylePatch, CellPosition, CellEdit, CellArea, ColumnWidth, SheetEdit, ListValidation, NewSheet, SheetState, PackageEdits, CellFill, PageSetupPatch, PageMarginsPatch, PrintSetupRead, PackageInfo, ReadOptions, ReadNote, SheetGrid, WorkbookValues } from "./types";
