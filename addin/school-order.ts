// Which schools the pane's list shows, and in what order: the categories picked (all when none is),
// a search by name or URN (not by category: "D" would match every name with a D in it), and highest
// concern first by default (the ruleset lists its categories highest concern first; within one,
// the school with most triggers first), as in the sheet, or by name.
import type { RowResult, Ruleset } from "../engine";

export type SchoolOrder = "concern" | "sheet" | "name";

/** The schools to show: in the categories picked (all when none is), matching the search, in the order chosen. */
export function schoolsShown(rows: readonly RowResult[], ruleset: Ruleset, bands: ReadonlySet<string>, query: string, order: SchoolOrder): RowResult[] {
  const q = query.trim().toLowerCase();
  const shown = rows.filter((r) => (!bands.size || bands.has(r.band)) && (!q || (r.name ?? "").toLowerCase().includes(q) || String(r.key ?? "").toLowerCase().includes(q)));
  if (order === "sheet") return shown;
  if (order === "name") return shown.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "en-GB") || a.row - b.row);
  const rank = new Map(ruleset.bands.map((b, i) => [b.id, i]));
  const severity = (r: RowResult) => rank.get(r.band) ?? ruleset.bands.length;
  return shown.sort((a, b) => severity(a) - severity(b) || b.triggers.length - a.triggers.length || a.row - b.row);
}
