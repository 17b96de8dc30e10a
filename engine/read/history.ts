// History sheets (core group meetings, notices issued...): rows keyed by school, read once per run.
import type { WorkbookSource } from "../workbook";
import type { FactValue } from "../results";
import type { HistorySheet, Ruleset } from "../ruleset/schema";
import { mapColumns, readRow } from "./mapping";


export type HistoryEntry = Record<string, FactValue>;

export interface HistoryIndex {
  /** history id -> school key -> entries; a history whose sheet is absent is not in the map. */
  byKey: Map<string, Map<SchoolKey, HistoryEntry[]>>;
  /** Sheet-level warnings (no such sheet, a column missing, a row without a school key...). */
  warnings: string[];
  /** school key -> warnings about its history cells (an unknown notice type...), each naming the cell. */
  problems: Map<SchoolKey, string[]>;
}

/** A school key as compared: trimmed, lower case (a finite number's text is both already). */
export const keyText = (v: FactValue): string => (typeof v === "number" && Number.isFinite(v) ? String(v) : v === null ? "" : String(v).trim().toLowerCase());

/**
 * A school key as a run's maps hold it: two values are the same key exactly when their keyText is
 * the same, but a number (a URN) stays a number, so no text is made for it and it is found by its
 * value. A text that is a number's own text ("100001") is that number; "" is no key.
 */
export type SchoolKey = string | number;
export function schoolKey(v: FactValue): SchoolKey {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  const text = keyText(v);
  if (text === "") return text;
  const n = Number(text);
  return String(n) === text ? n : text;
}

export function readHistories(source: WorkbookSource, ruleset: Ruleset): HistoryIndex {
  const byKey = new Map<string, Map<SchoolKey, HistoryEntry[]>>();
  const warnings: string[] = [];
  const problems = new Map<SchoolKey, string[]>();
  for (const h of ruleset.history ?? []) {
    const name = findSheet(source, h);
    if (!name) {
      warnings.push(`No history sheet for ${h.label} (looked for ${h.sheet.map((s) => `'${s}'`).join(", ")}); facts drawn from it are missing`);
      continue;
    }
    const sheet = source.readSheet(name)!;
    const { index, warnings: w } = mapColumns(sheet, h.fields.map((f) => (f.id === h.key ? { ...f, required: true } : f)), sheet.headers.length);
    warnings.push(...w);
    const entries = new Map<SchoolKey, HistoryEntry[]>();
    for (let i = 0; i < sheet.rows.length; i++) {
      const { facts, problems: cellProblems } = readRow(sheet, i, h.fields, index);
      const key = schoolKey(facts[h.key]);
      // A problem with a school's history is said on the school's own row; without a key, for the sheet.
      if (cellProblems.length) {
        const said = key !== "" ? problems.get(key) ?? problems.set(key, []).get(key)! : warnings;
        for (const p of cellProblems) said.push(`Sheet '${sheet.name}' row ${sheet.headerRow + 1 + i}, ${p.column}: ${p.message}`);
      }
      if (key === "") continue;
      const list = entries.get(key);
      if (list) list.push(facts);
      else entries.set(key, [facts]);
    }
    byKey.set(h.id, entries);
  }
  return { byKey, warnings, problems };
}

function findSheet(source: WorkbookSource, h: HistorySheet): string | undefined {
  return sheetNamed(source.sheetNames(), h.sheet);
}

/** The first of the wanted sheet names the workbook has (case and surrounding spaces aside). */
export function sheetNamed(names: string[], wanted: string[]): string | undefined {
  for (const w of wanted) {
    const found = names.find((n) => n.trim().toLowerCase() === w.trim().toLowerCase());
    if (found) return found;
  }
  return undefined;
}
