// packageInfo: the sheets of a workbook, its date system and whether it holds macros, without
// reading any sheet.
import type { PackageInfo } from "./types";
import { WorkbookPackage } from "./workbook-package";

export function packageInfo(bytes: Uint8Array): PackageInfo {
  return infoOf(new WorkbookPackage(bytes));
}

export function infoOf(pkg: WorkbookPackage): PackageInfo {
  return {
    sheets: pkg.workbook.sheets.map((s) => ({ name: s.name, part: pkg.sheetPart(s) ?? "", state: s.state })),
    date1904: pkg.workbook.date1904,
    macroEnabled: pkg.macroEnabled,
  };
}
