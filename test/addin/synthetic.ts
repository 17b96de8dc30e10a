// A synthetic schools sheet and an OutputPlan shaped like the engine's, for adapter tests that
// must not depend on a ruleset: n schools, a title row above the header, percent and date columns.
import type { CellRef, CellStyle, CellValue, OutputPlan } from "../../engine/workbook";
import type { FakeExcel } from "./fake-excel";

export const OFFICER_HEADERS = ["URN", "School name", "Phase", "Overall effectiveness", "Inspection date", "KS2 RWM %", "Absence %", "Pupils"];
export const RESULTS = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];
export const HEADER_ROW = 3; // 1-based; row 1 holds a title
export const FIRST_RESULTS_COLUMN = OFFICER_HEADERS.length + 1;
export const BAND_FILLS = ["#C6EFCE", "#FFEB9C", "#FFC7CE", "#FF0000"];
export const TRIGGER_STYLE: CellStyle = { fill: "#F4B084", font: "#9C0006", bold: true };
export const WATCH_STYLE: CellStyle = { fill: "#FFF2CC" };

/** Puts a title, the header and n school rows on sheet "Schools". */
export function schoolsSheet(xl: FakeExcel, n: number) {
  const s = xl.addSheet("Schools");
  s.put(0, 0, [["Schools in Testshire, autumn term"]]);
  s.put(HEADER_ROW - 1, 0, [OFFICER_HEADERS]);
  const rows = Array.from({ length: n }, (_, i) => [
    100000 + i,
    `School ${i + 1}`,
    i % 3 ? "Primary" : "Secondary",
    (i % 4) + 1,
    43000 + (i % 900), // a date serial
    0.4 + (i % 50) / 100, // a fraction shown as a percentage
    0.03 + (i % 10) / 100,
    100 + (i % 400),
  ]);
  s.put(HEADER_ROW, 0, rows, [undefined, undefined, undefined, undefined, "dd/mm/yyyy", "0.0%", "0.0%", "0"]);
  return s;
}

/**
 * An OutputPlan like the engine's: band fill on Category, a trigger fill on the Triggers cell and
 * on the officer cells behind it. triggerEvery controls which rows fire (to vary between runs).
 */
export function syntheticPlan(n: number, triggerEvery = 7, watchEvery = 11): OutputPlan {
  const values: CellValue[][] = [];
  const groups = new Map<string, { style: CellStyle; cells: CellRef[] }>();
  const paint = (style: CellStyle, cell: CellRef) => {
    const key = JSON.stringify(style);
    if (!groups.has(key)) groups.set(key, { style, cells: [] });
    groups.get(key)!.cells.push(cell);
  };
  for (let i = 0; i < n; i++) {
    const row = HEADER_ROW + 1 + i;
    const band = i % 4;
    const fired = i % triggerEvery === 0;
    const watch = !fired && i % watchEvery === 0;
    values.push([
      `${"ABCD"[band]} Band ${band}`,
      `${"ABCD"[band]} Band ${band}`,
      fired ? "Attainment below floor" : watch ? "Absence watch" : null,
      band === 3 ? "Notice of concern" : null,
      band === 3 ? "Review meeting" : "Annual review",
      band === 3 ? new Date(Date.UTC(2025, 0, 1 + (i % 28))) : null,
      `Band ${band} because overall effectiveness is ${band + 1}\nKS2 RWM % is ${40 + (i % 50)}%`,
    ]);
    paint({ fill: BAND_FILLS[band] }, { row, column: FIRST_RESULTS_COLUMN });
    if (fired) {
      paint(TRIGGER_STYLE, { row, column: 6 });
      paint(TRIGGER_STYLE, { row, column: 4 });
      paint(TRIGGER_STYLE, { row, column: FIRST_RESULTS_COLUMN + 2 });
    } else if (watch) {
      paint(WATCH_STYLE, { row, column: 7 });
      paint(WATCH_STYLE, { row, column: FIRST_RESULTS_COLUMN + 2 });
    }
  }
  return {
    sheet: "Schools",
    headerRow: HEADER_ROW,
    firstColumn: FIRST_RESULTS_COLUMN,
    headers: RESULTS,
    headerStyle: { fill: "#DDEBF7", bold: true },
    columnWidths: RESULTS.map(() => 22),
    values,
    styles: [...groups.values()],
    summary: {
      name: "Categorisation summary",
      rows: [["Categorisation summary"], ["Band", "Schools", "Rating"], ["A", Math.ceil(n / 4), "Green"], ["D", Math.floor(n / 4), "Red"]],
      headerRows: [1],
      cellStyles: [
        { row: 2, column: 2, style: { fill: "#C6EFCE", font: "#006100" } },
        { row: 3, column: 2, style: { fill: "#FFC7CE", font: "#9C0006", bold: true } },
      ],
    },
  };
}

/** Values, formats and fills of every cell, for before/after comparisons. */
export function snapshot(xl: FakeExcel, sheet = "Schools") {
  return [...xl.sheet(sheet).cells.entries()].filter(([, c]) => c.value !== "" || c.fill.color).sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The officer's part of the sheet: values and formats left of the results, fills excluded. */
export function officerCells(xl: FakeExcel, sheet = "Schools") {
  return [...xl.sheet(sheet).cells.entries()]
    .filter(([k]) => Number(k.split(",")[1]) < FIRST_RESULTS_COLUMN - 1)
    .map(([k, c]) => [k, c.value, c.format, c.font] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
}
