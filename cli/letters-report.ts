// What `categorise letters` prints: the letters written and where, the schools left out and why,
// the letters the template could not be filled for, and what the workbook's record says was sent.
import * as path from "node:path";
import { CONTACT_HEADERS, LETTER_KIND, letterFields, ukDate, type LetterKindId, type LetterSent, type RowResult, type Ruleset, type SchoolLetter, type Selection } from "../engine";

/** At most this many schools are listed under each heading; the count says the rest. */
const LIST_LIMIT = 20;

export interface LettersOutcome {
  kind: LetterKindId;
  date: string;
  template: string;
  outPath: string;
  combined: boolean;
  record?: string;
  selection: Selection;
  written: SchoolLetter[];
  gaps: { letter: SchoolLetter; missing: { field: string; why: string }[] }[];
  /** The latest letter of this kind each school had, from the workbook's record. */
  sent: Map<string, LetterSent>;
  rows: RowResult[];
}

const school = (key: unknown, name: string | null) => `${key ?? "?"} ${name ?? ""}`.trim();
const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function listed(lines: string[]): string[] {
  const shown = lines.slice(0, LIST_LIMIT).map((l) => `  - ${l}`);
  if (lines.length > LIST_LIMIT) shown.push(`  ... and ${lines.length - LIST_LIMIT} more`);
  return shown;
}

export function lettersReport(o: LettersOutcome): string {
  const kind = LETTER_KIND[o.kind];
  const lines: string[] = [];
  const chosen = `Schools: ${o.selection.description}. Letter date ${ukDate(o.date)}; template ${o.template}.`;
  lines.push(chosen);
  if (!o.written.length) lines.push(`No ${kind.title} was written: no school fits${o.gaps.length ? " with the data the template needs" : ""}.`);
  else if (o.combined) lines.push(`Wrote ${plural(o.written.length, kind.title, kind.titles)} into one document: ${o.outPath}${/\.docx$/i.test(o.outPath) ? "" : path.sep + `${o.kind}-letters.docx`}`);
  else lines.push(`Wrote ${plural(o.written.length, kind.title, kind.titles)} to ${o.outPath}${path.sep}`);
  if (o.selection.leftOut.length) {
    lines.push("", `No letter for ${plural(o.selection.leftOut.length, "school")} (by the framework):`);
    lines.push(...listed(o.selection.leftOut.map((l) => `${school(l.row.key, l.row.name)}: ${l.why}`)));
  }
  if (o.gaps.length) {
    lines.push("", `Not written: ${plural(o.gaps.length, "letter")}; the template needs data these schools lack:`);
    lines.push(...listed(o.gaps.map((g) => `${school(g.letter.key, g.letter.name)} (row ${g.letter.row}): ${g.missing.map((m) => `{${m.field}}: ${m.why}`).join("; ")}`)));
    lines.push("  Fill the cells and run again, or put the placeholder in a section of its own ({#field}...{/field}) in the template.");
  }
  const before = o.written.filter((l) => o.sent.has(l.key));
  if (before.length) {
    const latest = before.map((l) => o.sent.get(l.key)!.date).sort().pop()!;
    lines.push("", `${plural(before.length, "school")} of these had a ${kind.title} before (the latest on ${ukDate(latest)}).`);
  }
  if (o.sent.size) {
    const never = o.rows.filter((r) => !r.notCategorised && !o.sent.has(String(r.key ?? "")) && !o.written.some((l) => l.row === r.row));
    if (never.length) lines.push(`${plural(never.length, "school")} on the sheet have no ${kind.title} recorded yet (--unsent chooses them).`);
  }
  lines.push("", o.record && o.written.length ? `Recorded these letters in ${o.record}.` : `Not recorded in a workbook: add --record PATH.xlsx to keep which schools had a ${kind.title}.`);
  return lines.join("\n");
}

/** `categorise letters --fields`: each placeholder, what it holds; the ruleset's category and stage flags. */
export function fieldsText(ruleset: Ruleset): string {
  const fields = letterFields(ruleset);
  const width = Math.max(...fields.map((f) => f.name.length)) + 2;
  const lines = [`Placeholders a letter template can use with the ruleset '${ruleset.id}':`, ""];
  for (const f of fields) {
    lines.push(`  {${f.name}}`.padEnd(width + 4) + f.description);
    for (const [item, text] of Object.entries(f.items ?? {})) lines.push(`      {${item}}`.padEnd(width + 4) + `(each) ${text}`);
  }
  lines.push(
    "",
    "{field} puts the value in; a school without a value for it gets no letter.",
    "{#field}...{/field} shows what is between when the field has a value (or is yes), once for each item of a list;",
    "{^field}...{/field} when it has none. A section whose tags stand alone on their own lines keeps or repeats whole paragraphs.",
    `Head teacher, chair of governors and link officers come from columns headed, for example, ${CONTACT_HEADERS.headTeacher[0]}, ${CONTACT_HEADERS.chairOfGovernors[0]}, ${CONTACT_HEADERS.linkOfficers[0]}.`,
  );
  return lines.join("\n");
}
