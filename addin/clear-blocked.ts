// Whether Clear has something of ours to clear on the picked table's sheet, decided from the
// workbook's run record (never from header names: an officer's own "Category" column is not ours).
// Clear is offered when the record holds results for that sheet, or that sheet's run wrote the
// summary sheet; otherwise the reason is given in plain words.
import type { RecordedResults, Target } from "./pane-host";

const quoted = (sheets: string[]) => sheets.map((s) => `'${s}'`).join(", ");

/** Why Clear cannot be pressed, in words, or null when the run record holds results on the target's sheet. */
export function clearBlockedBy(hasWorkbook: boolean, target: Target | null, recorded: RecordedResults | null): string | null {
  if (!hasWorkbook) return "Nothing to clear: open a workbook first.";
  if (!target) return "Nothing to clear: no table or sheet with school data is picked.";
  const sheets = recorded?.sheets ?? [];
  if (sheets.includes(target.sheet) || recorded?.summary === target.sheet) return null;
  const elsewhere = sheets.filter((s) => s !== target.sheet);
  const pick = elsewhere.length === 1 ? "pick that sheet" : "pick one of those sheets";
  const others = elsewhere.length ? ` This workbook has results on ${quoted(elsewhere)}: ${pick} to clear them.` : "";
  return `Nothing to clear: sheet '${target.sheet}' has no results from a run.${others}`;
}
