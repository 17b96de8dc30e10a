// Reading a workbook for the engine through ExcelJS (writing goes through hosts/xlsx-package).
// Browser-safe (no file system): the command-line tool and the page outside Office both use it.
import type ExcelJS from "exceljs";
import { tableFromGrid, type CellValue, type WorkbookSource } from "../../engine";

/** Converts an ExcelJS cell to a plain value; percent-formatted numbers become "56.4%" text. */
export function plainValue(cell: ExcelJS.Cell): CellValue {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return cell.numFmt && cell.numFmt.includes("%") ? `${Math.round(v * 1e8) / 1e6}%` : v;
  if (typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
    if ("result" in o || "formula" in o || "sharedFormula" in o) {
      const r = o.result as unknown;
      if (r === undefined || r === null) return null;
      if (typeof r === "object" && r !== null && "error" in r) return String((r as { error: string }).error);
      return typeof r === "number" && cell.numFmt?.includes("%") ? `${Math.round(r * 1e8) / 1e6}%` : (r as CellValue);
    }
    if ("text" in o) return String(o.text);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}

export function sourceFromExcelJS(wb: ExcelJS.Workbook): WorkbookSource {
  const cache = new Map<string, ReturnType<typeof tableFromGrid>>();
  return {
    sheetNames: () => wb.worksheets.map((ws) => ws.name),
    readSheet(name) {
      const ws = wb.getWorksheet(name);
      if (!ws) return undefined;
      if (!cache.has(name)) {
        const grid: CellValue[][] = [];
        const width = ws.columnCount;
        for (let r = 1; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          const cells: CellValue[] = new Array(width);
          for (let c = 1; c <= width; c++) cells[c - 1] = plainValue(row.getCell(c));
          grid.push(cells);
        }
        cache.set(name, tableFromGrid(name, grid, 1, 1));
      }
      return cache.get(name);
    },
  };
}
