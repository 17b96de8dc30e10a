// The ExcelJS host: reads a workbook for the engine and applies an OutputPlan to it.
// Browser-safe (no file system): the command-line tool and the page outside Office both use it.
import type ExcelJS from "exceljs";
import { splitStyles, tableFromGrid, type CellStyle, type CellValue, type OutputPlan, type StyleSplit, type WorkbookSource } from "../../engine";

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

const argb = (hex: string) => "FF" + hex.slice(1).toUpperCase();

function styleCell(cell: ExcelJS.Cell, s: CellStyle) {
  // Replace the style object rather than mutate it: ExcelJS may share one between cells.
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (s.fill) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.font || s.bold) style.font = { ...(cell.style.font ?? {}), ...(s.font ? { color: { argb: argb(s.font) } } : {}), ...(s.bold ? { bold: true } : {}) };
  cell.style = style;
}

/** Writes results columns, fills and the summary sheet. Officer cells only ever get a fill. */
export function applyPlanToExcelJS(wb: ExcelJS.Workbook, plan: OutputPlan, styles: StyleSplit = splitStyles(plan)): void {
  const ws = wb.getWorksheet(plan.sheet);
  if (!ws) throw new Error(`No sheet '${plan.sheet}' to write results to`);
  plan.headers.forEach((h, j) => {
    const cell = ws.getCell(plan.headerRow, plan.firstColumn + j);
    cell.value = h;
    styleCell(cell, plan.headerStyle);
    ws.getColumn(plan.firstColumn + j).width = plan.columnWidths[j];
  });
  const dueIndex = plan.headers.indexOf("Due");
  plan.values.forEach((row, i) => {
    const r = ws.getRow(plan.headerRow + 1 + i);
    row.forEach((v, j) => {
      const cell = r.getCell(plan.firstColumn + j);
      cell.value = v;
      if (j === dueIndex && v instanceof Date) cell.numFmt = "dd/mm/yyyy";
    });
  });
  // Results cells take the whole style; officer cells only a fill, never a font or bold.
  const { results, officer } = styles;
  for (const group of results) for (const { row, column } of group.cells) styleCell(ws.getCell(row, column), group.style);
  for (const { fill, cells } of officer) for (const { row, column } of cells) styleCell(ws.getCell(row, column), { fill });

  const old = wb.getWorksheet(plan.summary.name);
  if (old) wb.removeWorksheet(old.id);
  const summary = wb.addWorksheet(plan.summary.name);
  plan.summary.rows.forEach((row) => summary.addRow(row));
  summary.getRow(1).font = { bold: true, size: 14 };
  for (const i of plan.summary.headerRows ?? []) if (i > 0) summary.getRow(i + 1).font = { bold: true };
  for (const c of plan.summary.cellStyles ?? []) styleCell(summary.getCell(c.row + 1, c.column + 1), c.style);
  plan.summary.columnWidths?.forEach((w, j) => (summary.getColumn(j + 1).width = w));
}
