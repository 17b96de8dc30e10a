// Rules every host follows when writing results next to the officer's table.
import { isBlank } from "../read/table";
import { columnLetter } from "../errors";
import { normaliseHeader } from "../read/mapping";
import type { CellRef, CellStyle, CellValue, OutputPlan } from "../workbook";

/** Headers compare as the engine compares them when it spots an earlier run's results block. */
export const normHeader = (h: unknown) => normaliseHeader(String(h ?? ""));

/**
 * Splits the plan's styles: results cells take the whole style; officer cells (left of the
 * results) only ever take a fill, the one thing "Clear results" can restore exactly.
 */
export function splitStyles(plan: OutputPlan): { results: { style: CellStyle; cells: CellRef[] }[]; officer: { fill: string; cells: CellRef[] }[] } {
  const results: { style: CellStyle; cells: CellRef[] }[] = [];
  const officer = new Map<string, CellRef[]>();
  for (const group of plan.styles) {
    const ours = group.cells.filter((c) => c.column >= plan.firstColumn);
    const theirs = group.cells.filter((c) => c.column < plan.firstColumn);
    if (ours.length) results.push({ style: group.style, cells: ours });
    if (theirs.length && group.style.fill) {
      if (!officer.has(group.style.fill)) officer.set(group.style.fill, []);
      officer.get(group.style.fill)!.push(...theirs);
    }
  }
  return { results, officer: [...officer].map(([fill, cells]) => ({ fill, cells })) };
}

/**
 * The officer's cells are never overwritten: every cell the run will write or clear must be blank
 * or sit under one of our own headers (an earlier run's results). grid starts at the header row
 * and the first results column, and covers that whole area. Returns a message naming the first
 * cell in the way, or null when the area is free; each host throws its own error with it.
 * Headers match as officerColumnCount matches them, so a block it took for ours passes here too.
 */
export function resultsAreaProblem(grid: CellValue[][], plan: OutputPlan, ours: Iterable<string>): string | null {
  const known = new Set([...ours].map(normHeader));
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (let j = 0; j < width; j++) {
    const header = grid[0]?.[j];
    if (!isBlank(header) && known.has(normHeader(header))) continue;
    const i = isBlank(header) ? grid.findIndex((r, k) => k > 0 && !isBlank(r[j])) : 0;
    if (i < 0) continue;
    const column = columnLetter(plan.firstColumn + j);
    const named = isBlank(header) ? "" : ` ('${String(header).trim()}')`;
    return (
      `Column ${column}${named} on '${plan.sheet}' holds the officer's data (cell ${column}${plan.headerRow + i}), where the results columns would go. ` +
      `Move that data, or give the column a header inside the table, and run again.`
    );
  }
  return null;
}

/** The part of a SheetData-like grid (header row first) from the plan's first column, width columns wide. */
export function resultsAreaOf(headers: CellValue[], rows: CellValue[][], firstColumn: number, plan: OutputPlan, width = plan.headers.length): CellValue[][] {
  const offset = plan.firstColumn - firstColumn;
  return [headers, ...rows].map((r) => Array.from({ length: width }, (_, j) => r[offset + j] ?? null));
}

/**
 * The area a run writes or clears: the plan's columns, plus any further columns the last run
 * wrote (same layout), down to the lowest row either reaches or the table ends. 1-based, inclusive.
 */
export function runArea(plan: OutputPlan, tableBottom: number, previous: { headers: string[]; lastRow: number } | null): { right: number; bottom: number } {
  return {
    right: plan.firstColumn + Math.max(plan.headers.length, previous?.headers.length ?? 0) - 1,
    bottom: Math.max(plan.headerRow + plan.values.length, tableBottom, previous?.lastRow ?? 0),
  };
}
