// Which schools get a letter: by category (--band), escalation stage (--stage), a change since the
// run recorded in the workbook (--changed), or no letter of this kind yet (--unsent). A notice
// goes by default to the schools at the kind's stages, and only to maintained schools; a school
// without a category gets no letter. Every school left out is said, with why.
import type { RowResult } from "../results";
import type { Ruleset } from "../ruleset/schema";
import { InputError } from "../errors";
import { nearest } from "../util/nearest";
import { LETTER_KIND, type LetterKindId } from "./letter-kinds";
import type { PreviousResult } from "./previous-results";
import { isAcademy } from "./school-type";

export interface LetterFilters {
  kind: LetterKindId;
  bands?: string[];
  stages?: string[];
  /** The recorded run's results by row: only schools whose category or stage differ are chosen. */
  changedSince?: Map<number, PreviousResult>;
  /** Keys of schools that had a letter of this kind: they are left out. */
  alreadySent?: Set<string>;
}

export interface Selection {
  chosen: RowResult[];
  /** Chosen by the filters, but no letter: not categorised, an academy for a notice, type unknown. */
  leftOut: { row: RowResult; why: string }[];
  /** How the schools were chosen, in words. */
  description: string;
}

export function selectSchools(rows: RowResult[], ruleset: Ruleset, filters: LetterFilters): Selection {
  const kind = LETTER_KIND[filters.kind];
  const bandIds = ruleset.bands.map((b) => b.id);
  const stageIds = (ruleset.escalation ?? []).map((s) => s.id);
  checkIds(filters.bands, bandIds, "--band", "category");
  checkIds(filters.stages, stageIds, "--stage", "stage");
  let stages = filters.stages;
  const said: string[] = [];
  if (!filters.bands?.length && !stages?.length && kind.defaultStages.length) {
    stages = kind.defaultStages.filter((s) => stageIds.includes(s));
    if (!stages.length) {
      throw new InputError(
        `The ruleset '${ruleset.id}' has no stage a ${kind.title} goes with by default (${kind.defaultStages.join(", ")}): choose the schools with --stage (its stages: ${stageIds.join(", ") || "none"}) or --band`,
      );
    }
  }
  if (filters.bands?.length) said.push(`category ${filters.bands.join(" or ")}`);
  if (stages?.length) said.push(`stage ${stages.join(" or ")}`);
  if (filters.changedSince) said.push("category or stage changed since the recorded run");
  if (filters.alreadySent) said.push(`no ${kind.title} recorded yet`);

  const chosen: RowResult[] = [];
  const leftOut: Selection["leftOut"] = [];
  for (const row of rows) {
    if (filters.bands?.length && !filters.bands.includes(row.band)) continue;
    if (stages?.length && !stages.includes(row.escalation?.stage ?? "")) continue;
    if (filters.changedSince) {
      const before = filters.changedSince.get(row.row);
      if (before && before.band === row.band && before.stage === (row.escalation?.stage ?? null)) continue;
    }
    if (filters.alreadySent?.has(String(row.key ?? ""))) continue;
    const why = noLetter(row, kind.maintainedOnly, kind.title);
    if (why) leftOut.push({ row, why });
    else chosen.push(row);
  }
  return { chosen, leftOut, description: said.length ? said.join("; ") : "every school" };
}

function noLetter(row: RowResult, maintainedOnly: boolean, title: string): string | null {
  if (row.notCategorised) return `not categorised (missing ${row.notCategorised.missing.join(", ")}), so there is no category to write about`;
  if (!maintainedOnly) return null;
  const academy = isAcademy(row);
  if (academy === true) return `an academy or free school: the council has no power to issue a ${title} to it, and raises its concerns with the academy trust and the DfE instead`;
  if (academy === null) return `its type is not known, and a ${title} can go only to a maintained school: confirm the type first`;
  return null;
}

function checkIds(given: string[] | undefined, ids: string[], option: string, what: string): void {
  for (const id of given ?? []) {
    if (ids.includes(id)) continue;
    const guess = nearest(id, ids);
    throw new InputError(`${option} ${id}: the ruleset has no ${what} '${id}'${guess ? `; did you mean '${guess}'?` : ""} (its ${what === "category" ? "categories" : "stages"}: ${ids.join(", ")})`);
  }
}
