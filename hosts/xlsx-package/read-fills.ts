// readCellFills: the fill each cell shows now, read before a run colours it, so a later patch can
// put it back exactly (fillXml).
import { columnOf } from "./cell-reference";
import { columnRange, columnStyle, type ColumnRange } from "./column-widths";
import type { CellFill, CellPosition } from "./types";
import { WorkbookPackage } from "./workbook-package";
import { localName, scanXml, STOP_SCAN } from "./xml-tree";

/** Fills by "row:column". A cell that does not exist shows its row's or its column's fill. */
export function readCellFills(bytes: Uint8Array, sheet: string, cells: CellPosition[]): Map<string, CellFill> {
  const pkg = new WorkbookPackage(bytes);
  const part = pkg.worksheetPart(pkg.sheet(sheet));
  const styles = pkg.styles().sheet;
  const wanted = new Set(cells.map((c) => `${c.row}:${c.column}`));
  let lastRow = 0;
  for (const c of cells) if (c.row > lastRow) lastRow = c.row;
  const styleOf = new Map<string, number>();
  const rowStyles = new Map<number, number>();
  const ranges: ColumnRange[] = [];
  const stack: string[] = [];
  let row = 0;
  let column = 0;

  scanXml(pkg.text(part), part, {
    open(name, attributes) {
      const local = localName(name);
      const depth = stack.push(local) - 1;
      if (depth === 2 && local === "col") ranges.push(columnRange(attributes));
      else if (depth === 2 && local === "row" && stack[1] === "sheetData") {
        row = attributes.r ? Number(attributes.r) : row + 1;
        column = 0;
        if (row > lastRow) throw STOP_SCAN;
        if (attributes.customFormat === "1" || attributes.customFormat === "true") rowStyles.set(row, Number(attributes.s ?? 0));
      } else if (depth === 3 && local === "c" && stack[2] === "row") {
        column = attributes.r ? columnOf(attributes.r) : column + 1;
        const key = `${row}:${column}`;
        if (wanted.has(key)) styleOf.set(key, Number(attributes.s ?? 0));
      }
    },
    close() {
      stack.pop();
    },
  });

  const fills = new Map<string, CellFill>();
  for (const { row: r, column: c } of cells) {
    const key = `${r}:${c}`;
    const s = styleOf.get(key) ?? rowStyles.get(r) ?? columnStyle(ranges, c);
    const fillXml = styles.fillXml(s);
    fills.set(key, fillXml === undefined ? { color: null } : { color: styles.solidColor(s), fillXml });
  }
  return fills;
}
