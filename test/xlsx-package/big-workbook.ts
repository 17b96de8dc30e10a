// A large schools-like workbook (rows x 40 columns, shared strings, numbers, dates, some fills) for
// the speed test and the benchmark, and the edits of a run: 7 result columns with fills.
import ExcelJS from "exceljs";
import type { CellEdit, PackageEdits } from "../../hosts/xlsx-package";

export async function bigWorkbook(rows: number, columns = 40): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Schools");
  ws.addRow(Array.from({ length: columns }, (_, c) => `Column ${c + 1}`));
  for (let r = 0; r < rows; r++) {
    const row = ws.addRow(
      Array.from({ length: columns }, (_, c) => (c === 0 ? 100000 + r : c % 5 === 1 ? `School ${r % 997} ${["Primary", "Secondary", "Special"][c % 3]}` : c % 7 === 3 ? new Date(Date.UTC(2000 + (r % 20), c % 12, 1)) : (r * 31 + c * 17) % 1000 / 10)),
    );
    if (r % 50 === 0) row.getCell(3).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  }
  wb.addWorksheet("Notes").addRow(["Notes sheet"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const RESULTS = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];
const FILLS = ["#FFC7CE", "#FFEB9C", "#C6EFCE"];

/** What a run writes: 7 columns right of the table, a fill on the category and on one officer cell. */
export function runEdits(rows: number, firstColumn = 41): PackageEdits {
  const cells: CellEdit[] = RESULTS.map((h, i) => ({ row: 1, column: firstColumn + i, value: h, style: { bold: true, fill: "#DDEBF7" } }));
  for (let r = 2; r <= rows + 1; r++) {
    const fill = FILLS[r % 3];
    cells.push(
      { row: r, column: firstColumn, value: ["Red", "Amber", "Green"][r % 3], style: { fill } },
      { row: r, column: firstColumn + 1, value: "Attainment" },
      { row: r, column: firstColumn + 2, value: r % 4 ? "" : "Absence above 10%" },
      { row: r, column: firstColumn + 3, value: r % 9 ? null : "Notice to improve" },
      { row: r, column: firstColumn + 4, value: "Visit" },
      { row: r, column: firstColumn + 5, value: new Date(Date.UTC(2025, 5, 1 + (r % 28))) },
      { row: r, column: firstColumn + 6, value: `Absence ${r % 20}% > 10%; KS2 below floor` },
    );
    if (r % 7 === 0) cells.push({ row: r, column: 5, style: { fill } });
  }
  return {
    sheets: [{ sheet: "Schools", cells, columnWidths: RESULTS.map((_, i) => ({ column: firstColumn + i, width: i === 6 ? 60 : 14 })) }],
    addSheets: [{ name: "_categorisation", rows: [["run", new Date()]], state: "veryHidden" }],
  };
}
