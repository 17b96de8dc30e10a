// What the Letters section says when letters are made: how many, the file, which schools had none
// and why (by the framework, or for want of a value the template needs), and what was recorded.
import { InputError, LETTER_KIND, ukDate, type LetterKindId } from "../engine";
import type { LetterSchool, LettersMade } from "./letters-protocol";
import { TEMPLATE_ERROR } from "./letters-run";
import { describeError, type Message } from "./messages";

/** At most this many schools are listed under each heading; the count says the rest. */
const LIST_LIMIT = 25;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function listed(heading: string, schools: LetterSchool[]): string[] {
  const lines = schools.slice(0, LIST_LIMIT).map((s) => `${heading} ${s.school}: ${s.why}`);
  if (schools.length > LIST_LIMIT) lines.push(`${heading} … and ${plural(schools.length - LIST_LIMIT, "more school")}.`);
  return lines;
}

export function lettersMessage(made: LettersMade, kindId: LetterKindId, where: "office" | "browser"): Message {
  const kind = LETTER_KIND[kindId];
  const details = [...listed("Not written:", made.gaps), ...listed("No letter:", made.leftOut)];
  const compared = made.comparedWith ? ` Compared with the run of ${ukDate(made.comparedWith)}.` : "";
  const chosen = `Schools: ${made.chosen}.${compared}`;
  if (!made.file) {
    const why = made.gaps.length ? "the template needs data these schools lack" : made.leftOut.length ? "none of the schools chosen can have one" : "no school fits the choices";
    return { intent: "warning", title: `No ${kind.title} was made`, body: `${chosen}\nNo letter: ${why}.`, details: details.length ? details : undefined };
  }
  const what = /\.zip$/.test(made.file.name) ? "a Word document per school" : "every letter in one document";
  const lines = [chosen, `Saved to your downloads as ${made.file.name} (${what}).`];
  if (made.before.count) lines.push(`${plural(made.before.count, "school")} of these had a ${kind.title} before (the latest on ${ukDate(made.before.latest!)}).`);
  if (made.neverSent) lines.push(`${plural(made.neverSent, "other school")} on the sheet ${made.neverSent === 1 ? "has" : "have"} no ${kind.title} recorded yet.`);
  if (made.gaps.length) lines.push("Fill the cells named below and make the letters again with 'Only schools not yet sent', or put the placeholder in a section of its own in the template.");
  const kept = made.record
    ? where === "browser"
      ? "Recorded in the workbook as sent: download the result to keep the record."
      : "Recorded in the workbook as sent."
    : "Not recorded as sent.";
  return {
    intent: made.gaps.length ? "warning" : "success",
    title: `Made ${plural(made.written.length, kind.title, kind.titles)}`,
    body: lines.join("\n"),
    details: details.length ? details : undefined,
    after: kept,
  };
}

/** A problem making letters, in words: the template's, the choices', or anything else. */
export function lettersProblem(error: unknown): Message {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === TEMPLATE_ERROR) return { intent: "error", title: "The template cannot be used", body: text };
  if (error instanceof InputError) return { intent: "error", title: "No letters were made", body: text };
  return describeError(error);
}
