// The results columns a run writes at the right of the officer's table, and how an earlier run's
// block of them is recognised on the header row.
import type { Ruleset } from "../ruleset/schema";
import { normaliseHeader } from "./headers";
import type { ResultsRecord } from "../output/run-record";

/** The results columns a run writes, in order (ruleset outputs such as funding follow Reasons). */
export const RESULT_HEADERS = ["Category", "Rule category", "Triggers", "Escalation", "Next action", "Due", "Reasons"];

export function resultHeaders(ruleset: Ruleset): string[] {
  return [...RESULT_HEADERS, ...(ruleset.outputs ?? []).map((o) => o.header)];
}

/**
 * Where an earlier run's results block stands now: the recorded headers, in order, on the header
 * row. The recorded place is preferred; else the one place they stand (columns were inserted or
 * deleted to the left). Returns the 0-based index into `cells`, or null when they stand nowhere.
 */
export function findRecordedBlock(cells: readonly unknown[], recorded: readonly string[], preferred: number): number | null {
  if (!recorded.length) return null;
  const want = recorded.map(normaliseHeader);
  const standsAt = (k: number) => k >= 0 && k + want.length <= cells.length && want.every((h, j) => normaliseHeader(cells[k + j]) === h);
  if (standsAt(preferred)) return preferred;
  const places: number[] = [];
  for (let k = 0; k + want.length <= cells.length; k++) if (standsAt(k)) places.push(k);
  return places.length === 1 ? places[0] : null;
}

/**
 * The recorded run, moved to match the sheet as it is now: the results block found by its
 * headers, the header row where the table's is, and each recorded officer cell's column found by
 * the header over it. `header` is the current header row: its cells from `firstColumn`, at sheet
 * row `row`. When the block is not on the header row (an Office table's results stand outside
 * it), the record is taken as it is if it sits right where `fallbackColumn` says results go.
 * Returns null when the block cannot be found; `lost` counts officer cells whose column could
 * not be found again (their fills cannot be put back).
 */
export function relocateRecord(
  record: ResultsRecord,
  header: { cells: readonly unknown[]; row: number; firstColumn: number },
  fallbackColumn: number,
): { record: ResultsRecord; lost: number } | null {
  const at = findRecordedBlock(header.cells, record.headers, record.firstColumn - header.firstColumn);
  if (at === null) return record.firstColumn === fallbackColumn && record.headerRow === header.row ? { record, lost: 0 } : null;
  const firstColumn = header.firstColumn + at;
  const rowShift = header.row - record.headerRow;
  if (firstColumn === record.firstColumn && rowShift === 0) return { record, lost: 0 };

  // Columns by the header over them, each header standing once; without headers, only a block
  // that did not move keeps its columns.
  const columnOf = new Map<string, number>();
  const repeated = new Set<string>();
  header.cells.forEach((h, c) => {
    const k = normaliseHeader(h);
    if (!k) return;
    if (columnOf.has(k)) repeated.add(k);
    columnOf.set(k, header.firstColumn + c);
  });
  const moveColumn = (column: number): number | null => {
    const h = record.originalHeaders?.[column];
    if (h === undefined) return firstColumn === record.firstColumn ? column : null;
    const k = normaliseHeader(h);
    return repeated.has(k) ? null : columnOf.get(k) ?? null;
  };
  let lost = 0;
  const originals: Record<string, number[]> = {};
  const originalHeaders: Record<string, string> = {};
  for (const [fill, flat] of Object.entries(record.originals)) {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const column = moveColumn(flat[i + 1]);
      if (column === null) {
        lost++;
        continue;
      }
      (originals[fill] ??= []).push(flat[i] + rowShift, column);
      const h = record.originalHeaders?.[flat[i + 1]];
      if (h !== undefined) originalHeaders[column] = h;
    }
  }
  return { record: { ...record, headerRow: header.row, firstColumn, lastRow: record.lastRow + rowShift, originals, originalHeaders }, lost };
}
