// Opening a workbook file for a run: its bytes (what the writer patches) and its sheets' values as
// the engine reads them, from the streaming reader (hosts/xlsx-package). Cells the reader could not
// give a value (a formula saved without one) come with a note the run reports on the school's row.
import { parseStore, STORE_SHEET, tableFromGrid, UnreadableFileError, type CellValue, type SheetData, type StoreContents, type WorkbookSource } from "../../engine";
import { PackageError, PartCache, readWorkbookValues, type SheetState } from "../xlsx-package";

export interface OpenWorkbook {
  /** The file as it is: what a run's writer patches. */
  bytes: Uint8Array;
  /** Its sheets as inflated when they were read, so a run does not inflate them again. */
  parts: PartCache;
  /** Every sheet in workbook order, with whether the officer can see it. */
  sheets: { name: string; state: SheetState }[];
  /** The sheets' tables for the engine (the hidden run-record sheet left out). */
  source: WorkbookSource;
  /** The ruleset and run records kept in the workbook. */
  store: StoreContents;
  /** The hidden record sheet's cells from A1 (its columns from D hold the dropdowns' lists). */
  storeRows: CellValue[][];
}

/** Opens a workbook's bytes; a file that is not an .xlsx or .xlsm workbook gets plain words. */
export function openWorkbook(bytes: Uint8Array, name: string): OpenWorkbook {
  let values: ReturnType<typeof readWorkbookValues>;
  const parts = new PartCache(bytes);
  try {
    values = readWorkbookValues(bytes, { parts });
  } catch (e) {
    if (e instanceof PackageError) throw new UnreadableFileError(`${name}: ${e.message}`);
    throw e;
  }
  const sheets = values.info.sheets.map((s) => ({ name: s.name, state: s.state }));
  const tables = new Map<string, SheetData>();
  const readSheet = (sheet: string): SheetData | undefined => {
    const grid = values.sheets.get(sheet);
    if (!grid) return sheets.some((s) => s.name === sheet) ? { name: sheet, headers: [], rows: [], headerRow: 1, firstColumn: 1 } : undefined;
    if (!tables.has(sheet)) {
      const table = tableFromGrid(sheet, grid.rows, grid.firstRow, grid.firstColumn);
      const notes = grid.notes.map(({ row, column, message }) => ({ row, column, message }));
      if (grid.notesLeftOff) notes.push({ row: 0, column: 0, message: `${grid.notesLeftOff.toLocaleString("en-GB")} more cells on '${sheet}' could not be read` });
      tables.set(sheet, notes.length ? { ...table, notes } : table);
    }
    return tables.get(sheet);
  };
  // The store as a grid from A1 (its reader grid starts at its first value).
  const kept = values.sheets.get(STORE_SHEET);
  const storeGridRows = kept
    ? [...Array.from({ length: kept.firstRow - 1 }, (): CellValue[] => []), ...kept.rows.map((r) => [...Array.from({ length: kept.firstColumn - 1 }, () => null), ...r])]
    : [];
  return {
    bytes,
    parts,
    sheets,
    source: { sheetNames: () => sheets.filter((s) => s.name !== STORE_SHEET).map((s) => s.name), readSheet },
    store: parseStore(storeGridRows),
    storeRows: storeGridRows,
  };
}
