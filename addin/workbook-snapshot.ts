// The sheets a run reads, as plain data the worker can be sent: Excel is read here, on the page
// (Office.js lives here), and the engine runs on the copy in the worker.
import type { SheetData, WorkbookSource } from "../engine";

export interface WorkbookSnapshot {
  sheetNames: string[];
  sheets: SheetData[];
}

/** Every sheet the source has read (the target, the history sheets), and the names it lists. */
export function snapshotOf(source: WorkbookSource, target: string): WorkbookSnapshot {
  const sheetNames = source.sheetNames();
  const sheets = [...new Set([target, ...sheetNames])].flatMap((name) => source.readSheet(name) ?? []);
  return { sheetNames, sheets };
}

export function sourceOf(snapshot: WorkbookSnapshot): WorkbookSource {
  const byName = new Map(snapshot.sheets.map((s) => [s.name, s]));
  return { sheetNames: () => snapshot.sheetNames, readSheet: (name) => byName.get(name) };
}
