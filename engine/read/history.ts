// History sheets (core group meetings, notices issued...): rows keyed by school, read once per run.
import type { WorkbookSource } from "../workbook";
import type { FactValue } from "../results";
import type { HistorySheet, Ruleset } from "../ruleset/schema";
import { mapColumns, readRow } from "./mapping";


export type HistoryEntry = Record<string, FactValue>;

export interface HistoryIndex {
  /** history id -> school key -> entries; a history whose sheet is absent is not in the map. */
  byKey: Map<string, Map<string, HistoryEntry[]>>;
  warnings: string[];
}

export const keyText = (v: FactValue): string => (v === null ? "" : String(v).trim().toLowerCase());

export function readHistories(source: WorkbookSource, ruleset: Ruleset): HistoryIndex {
  const byKey = new Map<string, Map<string, HistoryEntry[]>>();
  const warnings: string[] = [];
  for (const h of ruleset.history ?? []) {
    const name = findSheet(source, h);
    if (!name) {
      warnings.push(`No history sheet for ${h.label} (looked for ${h.sheet.map((s) => `'${s}'`).join(", ")}); facts drawn from it are missing`);
      continue;
    }
    const sheet = source.readSheet(name)!;
    const { index, warnings: w } = mapColumns(sheet, h.fields.map((f) => (f.id === h.key ? { ...f, required: true } : f)), sheet.headers.length);
    warnings.push(...w);
    const entries = new Map<string, HistoryEntry[]>();
    sheet.rows.forEach((_, i) => {
      const { facts, problems } = readRow(sheet, i, h.fields, index);
      const rowNo = sheet.headerRow + 1 + i;
      for (const p of problems) warnings.push(`Sheet '${sheet.name}' row ${rowNo}, ${p.column}: ${p.message}`);
      const key = keyText(facts[h.key]);
      if (!key) return;
      if (!entries.has(key)) entries.set(key, []);
      entries.get(key)!.push(facts);
    });
    byKey.set(h.id, entries);
  }
  return { byKey, warnings };
}

function findSheet(source: WorkbookSource, h: HistorySheet): string | undefined {
  const names = source.sheetNames();
  for (const wanted of h.sheet) {
    const found = names.find((n) => n.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (found) return found;
  }
  return undefined;
}
