/// <reference types="office-js" />
// One live update through Office.js, as the engine decides (engine/output/live-edits.ts and
// live-write.ts): after edits, read what they touched, categorise the affected schools again, and
// write their results and colours. Requests do not grow with the table:
//  1. one request: the header row (to check nothing moved), the edited rows, history sheets' sizes;
//  2. for a history sheet edit, its cells (in blocks, as a run reads them);
//  3. only when a trigger colours an officer cell for the first time, that cell's fill;
//  4. one request writing the affected rows' results, colours and (when it changed) the run record,
//     with events off so the add-in's own writes never start another update;
//  5. one request turning events back on.
import {
  changedHistoryKeys,
  classifyEdits,
  liveSource,
  normaliseHeader,
  planLiveWrite,
  rowsWithKeys,
  tableFromGrid,
  withHistory,
  withRows,
  LIVE_ROW_LIMIT,
  type OutputPlan,
  type Ruleset,
  type RowResult,
  type RunResult,
  type SheetData,
  type SheetEdit,
  type StoreContents,
  type WorkbookSource,
} from "../../engine";
import type { LiveState } from "./live-basis";
import { fromOffice, toOffice } from "./office-values";
import { readRects, type Context, type Dims } from "./read";
import { queueStoreWrite } from "./store";
import { applyStyle, queueStyle, readFills, restoreFill } from "./styles";

const DIMS = "isNullObject,rowIndex,columnIndex,rowCount,columnCount";
/** The results columns a run colours (Category and Triggers); their fill and font are reset before the new style. */
const STYLED_RESULTS = [0, 2];

/** Categorises the schools a live source holds (in the pane, the engine worker does it). */
export type LiveEvaluator = (source: WorkbookSource, sheet: string, asOf: string, store: StoreContents) => Promise<{ result: RunResult; plan: OutputPlan }>;

export interface LiveOutcome {
  state: LiveState;
  /** Sheet rows categorised again; a row among them missing from `results` is no longer a school (no key). */
  rows: number[];
  results: RowResult[];
  /** For the officer (an edit in the results columns, rows below the table). */
  notes: string[];
  /** Set when the change cannot be followed live: why, and that a run is needed. Nothing was written. */
  rerun: string | null;
}

const runs = (rows: readonly number[]) => {
  const out: { top: number; count: number }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.top + last.count === r) last.count++;
    else out.push({ top: r, count: 1 });
  }
  return out;
};

/**
 * Applies a batch of edits: reads what they touched, categorises the affected schools, writes their
 * results. `writing` is told when the add-in's own write starts and ends (to ignore its events).
 */
export async function liveUpdate(
  context: Context,
  state: LiveState,
  ruleset: Ruleset,
  edits: readonly SheetEdit[],
  evaluate: LiveEvaluator,
  writing?: (on: boolean) => void,
): Promise<LiveOutcome> {
  let { basis } = state;
  const said = classifyEdits(basis, ruleset, edits);
  const done = (rerun: string | null, extra: Partial<LiveOutcome> = {}): LiveOutcome => ({ state: { ...state, basis }, rows: [], results: [], notes: said.notes, rerun, ...extra });
  if (said.rerun) return done(said.rerun);
  if (said.rows.length > LIVE_ROW_LIMIT) return done(tooMany(said.rows.length));
  if (!said.rows.length && !said.histories.length) return done(null);

  // 1. The header row, the edited rows and the history sheets' sizes, in one request.
  const { sheet, results } = basis;
  const ws = context.workbook.worksheets.getItem(sheet.name);
  const header = ws.getRangeByIndexes(sheet.headerRow - 1, sheet.firstColumn - 1, 1, results.firstColumn + results.headers.length - sheet.firstColumn);
  header.load("values");
  const edited = runs(said.rows).map((r) => {
    const range = ws.getRangeByIndexes(r.top - 1, sheet.firstColumn - 1, r.count, sheet.headers.length);
    range.load("values,numberFormat");
    return { top: r.top, range };
  });
  const sizes = said.histories.map((name) => {
    const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true) as Dims;
    used.load(DIMS);
    return { name, used };
  });
  await context.sync();

  const expected = [...sheet.headers, ...results.headers].map(normaliseHeader);
  const found = (header.values[0] ?? []).map(normaliseHeader);
  if (found.some((h, j) => h !== expected[j])) {
    return done(`The header row of '${sheet.name}' is not as the last run left it (columns were moved, renamed or inserted). Live updates are paused: run the categorisation again.`);
  }
  const read = edited.flatMap(({ top, range }) => (range.values as unknown[][]).map((row, i) => ({ row: top + i, cells: row.map((v, j) => fromOffice(v, (range.numberFormat as string[][])[i]?.[j], state.date1904)) })));
  basis = withRows(basis, read);

  // 2. History sheets: read again, and the schools whose entries changed.
  const affected = new Set(said.rows);
  if (sizes.length) {
    const present = sizes.filter((s) => !s.used.isNullObject);
    const rects = present.map(({ name, used }) => ({ sheet: name, rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount }));
    const grids = await readRects(context, rects, true, state.date1904);
    for (const { name, used } of sizes) {
      const before = basis.histories.find((h) => h.name === name)!;
      const i = present.findIndex((p) => p.name === name);
      const after: SheetData = i < 0 ? { ...before, headers: [], rows: [] } : tableFromGrid(name, grids[i], used.rowIndex + 1, used.columnIndex + 1);
      const changed = changedHistoryKeys(ruleset, before, after);
      if (changed.rerun) return done(changed.rerun);
      for (const r of rowsWithKeys(basis, ruleset, changed.keys)) affected.add(r);
      basis = withHistory(basis, after);
    }
  }
  const rows = [...affected].sort((a, b) => a - b);
  if (rows.length > LIVE_ROW_LIMIT) return done(tooMany(rows.length));
  if (!rows.length) return done(null);

  // Categorise the affected schools, and decide the writes.
  const { result, plan } = await evaluate(liveSource(basis, rows), sheet.name, basis.asOf, basis.store);
  const decision = planLiveWrite(basis, plan, rows);
  if (typeof decision === "string") return done(decision);
  // 3. Fills of officer cells a trigger colours for the first time, to keep in the run record.
  const fills = decision.readFills.length ? await readFills(context, ws, decision.readFills) : [];
  const store = decision.storeAfter(fills);

  // 4. The writes, with events off; 5. events back on, whatever happened.
  writing?.(true);
  context.runtime.enableEvents = false;
  try {
    context.application.suspendScreenUpdatingUntilNextSync();
    for (const b of decision.blocks) {
      const converted = b.values.map((r) => r.map(toOffice));
      ws.getRangeByIndexes(b.top - 1, decision.left - 1, b.values.length, decision.width).values = converted.map((r) => r.map((c) => c.value));
      for (let j = 0; j < decision.width; j++) {
        if (!converted.some((r) => r[j].format)) continue;
        ws.getRangeByIndexes(b.top - 1, decision.left - 1 + j, b.values.length, 1).numberFormat = converted.map((r) => [r[j].format ?? "General"]);
      }
      for (const j of STYLED_RESULTS.filter((k) => k < decision.width)) {
        const styled = ws.getRangeByIndexes(b.top - 1, decision.left - 1 + j, b.values.length, 1);
        styled.format.fill.clear();
        styled.format.font.bold = false;
        styled.format.font.color = "#000000";
      }
    }
    for (const { fill, cells } of decision.restore) queueStyle(ws, cells, restoreFill(fill));
    for (const g of decision.styles.results) queueStyle(ws, g.cells, applyStyle(g.style));
    for (const g of decision.styles.officer) queueStyle(ws, g.cells, applyStyle({ fill: g.fill }));
    if (store) queueStoreWrite(context, store, true);
    await context.sync();
  } finally {
    context.runtime.enableEvents = true;
    await context.sync();
    writing?.(false);
  }
  if (store) basis = { ...basis, store };
  return done(null, { rows, results: result.rows });
}

function tooMany(n: number): string {
  return `${n.toLocaleString("en-GB")} schools were changed at once; live updates take at most ${LIVE_ROW_LIMIT.toLocaleString("en-GB")}. Live updates are paused: run the categorisation again.`;
}

