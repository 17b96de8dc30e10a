// What the add-in and the command-line tool keep inside the workbook, so it travels with the
// file: the policy lead's ruleset, and a record of each run (where the results columns are, and
// the original fill of every officer cell a trigger coloured, so "Clear results" can put them
// back exactly). It lives on a very hidden sheet: column A holds the ruleset JSON, column B the
// record JSON, each cut into cells of at most 30,000 characters (Excel's limit is 32,767).
import type { CellRef } from "../workbook";
import { FillSnapshotSchema, LetterBatchSchema, MAX_COLUMN, MAX_LETTER_BATCHES, MAX_ROW, ResultsRecordSchema, SummaryRefSchema } from "./run-record-schema";
import { parseRuns, type RecordedRun } from "./run-record-history";

/** Cells that take one fill. */
export interface FillGroup {
  fill: FillSnapshot;
  cells: CellRef[];
}

export const STORE_SHEET = "_categorisation";
const CHUNK = 30_000;
/** Every stored cell starts with this, so Excel never turns a chunk into a number or formula. */
const MARK = "~";
export const STORE_HEADERS = ["Ruleset (JSON)", "Results record (JSON)"];

/** A cell's fill as Office reports it; color null means no fill. */
export interface FillSnapshot {
  color: string | null;
  pattern?: string;
  patternColor?: string;
  /** The exact ExcelJS fill, as earlier versions of the file host recorded it. */
  raw?: unknown;
  /** The exact OOXML <fill> element, as the file host records it (themes, tints, patterns, gradients). */
  xml?: string;
}

export interface ResultsRecord {
  headerRow: number;
  firstColumn: number;
  headers: string[];
  /** Last sheet row the results were written to. */
  lastRow: number;
  /** Original fills of coloured officer cells: JSON of a FillSnapshot -> flat [row, col, row, col, ...]. */
  originals: Record<string, number[]>;
  /**
   * The header over each column in originals (column number -> header text), so the originals
   * are found again when the officer inserts or deletes columns. Records written before it lack it.
   */
  originalHeaders?: Record<string, string>;
}

export interface StoreContents {
  ruleset: string | null;
  /** What was wrong with the stored record and left out (read from the workbook; never written back). */
  problems?: string[];
  /** Results records by sheet name. */
  records: Record<string, ResultsRecord>;
  /** The sheet whose run wrote the summary sheet, and that sheet's name. */
  summary: { sheet: string; name: string } | null;
  /** The letters sent from this workbook, oldest batch first (absent before any was recorded). */
  letters?: LetterBatch[];
  /** Each sheet's latest runs (categories by school key), oldest first; absent in records written before runs were kept. */
  runs?: RecordedRun[];
}

/** One batch of letters: when, which kind and template, and each school's key, category and stage then. */
export interface LetterBatch {
  /** YYYY-MM-DD: the letters' date. */
  date: string;
  kind: string;
  /** The template's file name. */
  template: string;
  sheet: string;
  schools: [key: string, band: string, stage: string | null][];
}

export const emptyStore = (): StoreContents => ({ ruleset: null, records: {}, summary: null });

export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) chunks.push(MARK + text.slice(i, i + CHUNK));
  return chunks;
}

export function joinChunks(cells: unknown[]): string | null {
  const parts = cells.filter((c): c is string => typeof c === "string" && c.startsWith(MARK));
  return parts.length ? parts.map((c) => c.slice(MARK.length)).join("") : null;
}

/** The store as a grid of two columns (header row first), for writing. */
export function storeGrid(store: StoreContents): string[][] {
  const a = store.ruleset ? chunkText(store.ruleset) : [];
  const { ruleset: _r, problems: _p, ...rest } = store;
  const b = chunkText(JSON.stringify(rest));
  const rows = Math.max(a.length, b.length);
  return [[...STORE_HEADERS], ...Array.from({ length: rows }, (_, i) => [a[i] ?? "", b[i] ?? ""])];
}

/**
 * Reads the store back from the sheet's used range (first row is the header). The record is
 * untrusted: each sheet's record, each recorded fill and cell, and the summary reference are
 * checked, and whatever fails is left out with a note in `problems`.
 */
export function parseStore(grid: unknown[][]): StoreContents {
  const store = emptyStore();
  const problems: string[] = [];
  store.ruleset = joinChunks(grid.slice(1).map((r) => r[0]));
  const rest = joinChunks(grid.slice(1).map((r) => r[1]));
  if (rest) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rest);
    } catch {
      problems.push("The run record kept in this workbook is damaged (not JSON), so earlier trigger colours cannot be restored.");
    }
    if (parsed !== undefined) {
      const top = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      const records = typeof top.records === "object" && top.records !== null && !Array.isArray(top.records) ? (top.records as Record<string, unknown>) : {};
      for (const [sheet, value] of Object.entries(records)) {
        const record = checkRecord(value);
        if (typeof record === "string") problems.push(`The run record for sheet '${sheet.slice(0, 31)}' was left out: ${record}.`);
        else store.records[sheet] = record;
      }
      const summary = SummaryRefSchema.safeParse(top.summary);
      if (summary.success) store.summary = summary.data;
      else if (top.summary !== null && top.summary !== undefined) problems.push("The run record's summary sheet entry is not valid and was left out.");
      if (top.letters !== undefined) {
        const batches = Array.isArray(top.letters) ? top.letters.slice(-MAX_LETTER_BATCHES) : [];
        const letters = batches.map((b) => LetterBatchSchema.safeParse(b)).filter((b) => b.success).map((b) => b.data);
        if (letters.length < batches.length || !Array.isArray(top.letters)) problems.push("Part of the record of letters sent is not valid and was left out.");
        store.letters = letters;
      }
      if (top.runs !== undefined) {
        const { runs, damaged } = parseRuns(top.runs);
        if (damaged) problems.push("Part of the record of earlier runs' categories is not valid and was left out, so the movement since those runs cannot be shown.");
        store.runs = runs;
      }
    }
  }
  if (problems.length) store.problems = problems;
  return store;
}

/** A record as stored, checked; or what is wrong with it. Fills that fail are dropped on their own. */
function checkRecord(value: unknown): ResultsRecord | string {
  const parsed = ResultsRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue.path.join(".") || "the record"}: ${issue.message}`;
  }
  const record = parsed.data;
  const originals: Record<string, number[]> = {};
  for (const [key, flat] of Object.entries(record.originals)) {
    let fill: unknown;
    try {
      fill = JSON.parse(key);
    } catch {
      continue;
    }
    const ok = FillSnapshotSchema.safeParse(fill);
    if (!ok.success || flat.length % 2) continue;
    const cells: number[] = [];
    for (let i = 0; i < flat.length; i += 2) if (flat[i] <= MAX_ROW && flat[i + 1] <= MAX_COLUMN) cells.push(flat[i], flat[i + 1]);
    if (cells.length) originals[fillKey(ok.data)] = cells;
  }
  return { ...record, originals };
}

export const fillKey = (f: FillSnapshot): string => JSON.stringify(f);
export const cellKey = (c: CellRef): string => `${c.row}:${c.column}`;

/** Original fills as a map "row:col" -> FillSnapshot. */
export function originalsMap(record: ResultsRecord | undefined): Map<string, FillSnapshot> {
  const map = new Map<string, FillSnapshot>();
  if (!record) return map;
  for (const [key, flat] of Object.entries(record.originals)) {
    const fill = JSON.parse(key) as FillSnapshot;
    for (let i = 0; i + 1 < flat.length; i += 2) map.set(`${flat[i]}:${flat[i + 1]}`, fill);
  }
  return map;
}

export function originalsRecord(map: Map<string, FillSnapshot>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [cell, fill] of map) {
    const [row, column] = cell.split(":").map(Number);
    (out[fillKey(fill)] ??= []).push(row, column);
  }
  return out;
}

/** Groups cells by their original fill, for restoring with one request per fill. */
export function groupByFill(map: Map<string, FillSnapshot>, only?: (key: string) => boolean): FillGroup[] {
  const groups = new Map<string, FillGroup>();
  for (const [cell, fill] of map) {
    if (only && !only(cell)) continue;
    const key = fillKey(fill);
    if (!groups.has(key)) groups.set(key, { fill, cells: [] });
    const [row, column] = cell.split(":").map(Number);
    groups.get(key)!.cells.push({ row, column });
  }
  return [...groups.values()];
}
