// Checking a template's placeholders against the letter's fields before any letter is made: each
// unknown one is named with where it is and the nearest field. Then, which fields the template
// cannot do without: a {field} outside a {#field}...{/field} section of its own needs a value, and
// a school without one gets no letter (never a letter with a gap).
import { InputError } from "../errors";
import { nearest } from "../util/nearest";
import type { LetterField } from "./letter-fields";

/** A placeholder as the template has it (hosts/docx reads them). */
export interface PlaceholderUse {
  name: string;
  kind: "value" | "section" | "inverted";
  /** Names of the sections around it, outermost first; an inverted one's name starts with ^. */
  within: string[];
  /** Where it is, in words. */
  where: string;
}

/** Throws one InputError listing every placeholder the fields do not have. */
export function checkPlaceholders(uses: PlaceholderUse[], fields: LetterField[], template: string): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const problems: string[] = [];
  for (const use of uses) {
    const problem = placeholderProblem(use, byName);
    if (problem && !problems.includes(problem)) problems.push(problem);
  }
  if (problems.length) {
    const s = problems.length > 1 ? "s" : "";
    throw new InputError(`${template}: unknown placeholder${s}:\n  - ${problems.join("\n  - ")}\nRun 'categorise letters --fields' for the fields a template can use.`);
  }
}

function placeholderProblem(use: PlaceholderUse, byName: Map<string, LetterField>): string | null {
  const shown = use.kind === "value" ? `{${use.name}}` : `{${use.kind === "section" ? "#" : "^"}${use.name}}`;
  // Inside a list's section its items' fields come first.
  const lists = use.within.map((n) => byName.get(n)).filter((f): f is LetterField => f?.kind === "list");
  for (const list of [...lists].reverse()) if (list.items && Object.hasOwn(list.items, use.name)) return null;
  const field = byName.get(use.name);
  if (field) {
    if (field.kind === "list" && use.kind === "value") {
      const item = Object.keys(field.items ?? {})[0];
      return `${shown} in ${use.where} is a list: write {#${use.name}}{${item}}{/${use.name}} to put each one in, and {^${use.name}}...{/${use.name}} for when there are none`;
    }
    return null;
  }
  const itemOf = [...byName.values()].find((f) => f.items && Object.hasOwn(f.items, use.name));
  if (itemOf) return `${shown} in ${use.where} is a field of each of {${itemOf.name}}: use it between {#${itemOf.name}} and {/${itemOf.name}}`;
  const candidates = [...byName.keys(), ...lists.flatMap((l) => Object.keys(l.items ?? {}))];
  const guess = nearest(use.name.replace(/\s+/g, ""), candidates);
  return `${shown} in ${use.where}${guess ? `; the nearest field is {${guess}}` : ""}`;
}

/** The fields whose values a template puts in without a section of their own around them. */
export function fieldsNeeded(uses: PlaceholderUse[], fields: LetterField[]): string[] {
  const lists = new Set(fields.filter((f) => f.kind === "list").map((f) => f.name));
  const needed = new Set<string>();
  for (const use of uses) {
    if (use.kind !== "value") continue;
    if (use.within.some((w) => lists.has(w))) continue;
    // {#dueDate}Due by {dueDate}.{/dueDate}: shown only when there is one.
    if (use.within.includes(use.name)) continue;
    needed.add(use.name);
  }
  return [...needed];
}
