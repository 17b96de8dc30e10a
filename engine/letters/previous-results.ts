// What the run recorded in the workbook gave each school: its Category and Escalation cells in the
// results block that run wrote (found by the run record, by its headers), read back as band and
// stage ids. For `--changed`: the schools whose category or stage differ now.
import type { SheetData } from "../workbook";
import type { Ruleset } from "../ruleset/schema";
import type { StoreContents } from "../output/run-record";
import { findRecordedBlock } from "../read/results-block";
import { normaliseHeader } from "../read/headers";

export interface PreviousResult {
  band: string | null;
  stage: string | null;
}

/** By sheet row; null when the workbook has no recorded run on this sheet, or its block cannot be found. */
export function previousResults(sheet: SheetData, store: StoreContents, ruleset: Ruleset): Map<number, PreviousResult> | null {
  const record = store.records[sheet.name];
  if (!record) return null;
  const at = findRecordedBlock(sheet.headers, record.headers, record.firstColumn - sheet.firstColumn);
  if (at === null) return null;
  const column = (header: string) => {
    const j = record.headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header));
    return j < 0 ? null : at + j;
  };
  const [category, escalation] = [column("Category"), column("Escalation")];
  if (category === null) return null;
  // Longest ids first, so "3A Satisfactory declining" is 3A, never 3.
  const bands = ruleset.bands.map((b) => b.id).sort((a, b) => b.length - a.length);
  const stages = new Map((ruleset.escalation ?? []).map((s) => [normaliseHeader(s.label), s.id]));
  const out = new Map<number, PreviousResult>();
  sheet.rows.forEach((cells, i) => {
    const text = String(cells[category] ?? "").trim();
    const said = escalation === null ? "" : String(cells[escalation] ?? "").trim();
    if (!text && !said) return;
    const band = bands.find((id) => text === id || text.startsWith(`${id} `)) ?? (text || null);
    const stage = said ? stages.get(normaliseHeader(said)) ?? `'${said}'` : null;
    out.set(sheet.headerRow + 1 + i, { band, stage });
  });
  return out;
}
