// The package-preserving writer's public surface: patch a workbook's parts in place, read cell fills
// and package facts. Pure TypeScript (fflate, saxes), no file system: it runs in the page too.
export { patchWorkbook } from "./patch-workbook";
export { readCellFills } from "./read-fills";
export { packageInfo } from "./package-info";
export { PackageError } from "./package-error";
export type { CellValue, CellStylePatch, CellPosition, CellEdit, CellArea, ColumnWidth, SheetEdit, NewSheet, SheetState, PackageEdits, CellFill, PackageInfo } from "./types";
