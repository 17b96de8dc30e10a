// Whether a school is an academy (or free school), from what the ruleset's run worked out:
// Staffordshire derives isAcademy from the type, Warwickshire has an Academy column. null: not known.
import type { RowResult } from "../results";

const ACADEMY_GROUPS = new Set(["academy", "free school", "free schools"]);

export function isAcademy(row: Pick<RowResult, "facts">): boolean | null {
  for (const fact of ["isAcademy", "academy"]) {
    const v = row.facts[fact];
    if (typeof v === "boolean") return v;
  }
  const group = row.facts.typeGroup;
  if (typeof group === "string" && group) return ACADEMY_GROUPS.has(group.toLowerCase());
  return null;
}
