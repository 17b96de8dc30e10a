// A run's result and output plan, sent from the worker in parts. Receiving a message is work for
// the page (it rebuilds every object in it), and 60,000 schools with their explanations come to
// some 175 MB: in one message that would hold the page for seconds. In parts of 500 schools
// each part takes tens of milliseconds, and the page stays responsive between them.
import type { CellRef, CellValue, OutputPlan, RowResult, RunResult } from "../engine";

/** What is sent in parts: a run's result and plan (and whatever else travels with them). */
export interface RunParts {
  result: RunResult;
  plan: OutputPlan;
}

export type OutcomePart = { rows: RowResult[] } | { values: CellValue[][] } | { style: number; cells: CellRef[] };

export const SCHOOLS_PER_PART = 500;
export const VALUE_ROWS_PER_PART = 5_000;
export const CELLS_PER_PART = 20_000;

function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The whole without its long lists (the head), and the lists in parts, in order. */
export function splitRun<T extends RunParts>(whole: T): { head: T; parts: OutcomePart[] } {
  const { result, plan } = whole;
  const parts: OutcomePart[] = [
    ...slices(result.rows, SCHOOLS_PER_PART).map((rows) => ({ rows })),
    ...slices(plan.values, VALUE_ROWS_PER_PART).map((values) => ({ values })),
    ...plan.styles.flatMap((g, style) => slices(g.cells, CELLS_PER_PART).map((cells) => ({ style, cells }))),
  ];
  const head = { ...whole, result: { ...result, rows: [] }, plan: { ...plan, values: [], styles: plan.styles.map((g) => ({ ...g, cells: [] })) } };
  return { head, parts };
}

const append = <T>(to: T[], items: T[]) => {
  for (const item of items) to.push(item);
};

/** The whole again, from its head and its parts (the head's lists are filled in place). */
export function joinRun<T extends RunParts>(head: T, parts: OutcomePart[]): T {
  for (const part of parts) {
    if ("rows" in part) append(head.result.rows, part.rows);
    else if ("values" in part) append(head.plan.values, part.values);
    else append(head.plan.styles[part.style].cells, part.cells);
  }
  return head;
}
