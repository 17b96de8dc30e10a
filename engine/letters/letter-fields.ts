// The fields a letter template may use, by name: {schoolName}, {#reasons}{text}{/reasons},
// {#category_D}...{/category_D}. What each holds is described here once, for the template check,
// `categorise letters --fields` and docs/letters.md.
import type { Ruleset } from "../ruleset/schema";

export type LetterFieldKind = "text" | "flag" | "list";

export interface LetterField {
  name: string;
  kind: LetterFieldKind;
  description: string;
  /** A list's item fields, used inside its section. */
  items?: Record<string, string>;
}

const text = (name: string, description: string): LetterField => ({ name, kind: "text", description });
const flag = (name: string, description: string): LetterField => ({ name, kind: "flag", description });

export const LETTER_FIELDS: LetterField[] = [
  text("date", "the letter's date, written out (1 September 2025)"),
  text("reference", "the letter's reference: CAT, NOC or S60 (or --reference), the URN and the academic year (CAT/124040/2025-26)"),
  text("academicYear", "the academic year of the letter's date (2025/26)"),
  text("replyBy", "the date a reply, meeting or compliance is due by: the letter's date plus --reply-days"),
  text("runDate", "the run date the category was decided on"),
  text("rulesetTitle", "the framework's title, from the ruleset"),
  text("schoolName", "the school's name"),
  text("urn", "the school's URN (the ruleset's key)"),
  text("laestab", "the school's LA/establishment number, where the sheet has one"),
  text("schoolType", "the type of establishment, as the sheet gives it"),
  text("phase", "the school's phase, where the sheet has one"),
  flag("isAcademy", "yes for an academy or free school"),
  flag("isMaintained", "yes for a maintained school (the council's powers apply)"),
  text("headTeacher", "the head teacher, from a column such as 'Head teacher' (or GIAS's HeadFirstName and HeadLastName)"),
  text("chairOfGovernors", "the chair of governors, from a column such as 'Chair of governors'"),
  text("linkOfficers", "the school's link officer(s), from a column such as 'Link officer'"),
  text("category", "the category's id (D)"),
  text("categoryLabel", "the category's label (High concern)"),
  text("categoryName", "id and label together (D High concern)"),
  text("categoryDescription", "the category's description, from the ruleset (where it has one)"),
  text("categoryMeaning", "what the category means for the school: the ruleset's next action for it"),
  text("categoryReason", "the data that placed the school in its category"),
  flag("moderated", "yes when officers set the category (moderation)"),
  text("moderationReason", "the officer's reason for a moderated category"),
  {
    name: "reasons",
    kind: "list",
    description: "the triggers raised, each with the school's values (none for a school without triggers)",
    items: { text: "the trigger and the school's values, in one line", label: "the trigger's name", detail: "the school's values behind it", severity: "the trigger's severity (high, medium, low)" },
  },
  text("stage", "the escalation stage's name (none when no stage applies)"),
  text("nextAction", "what happens next: the stage's next action, else the category's"),
  text("dueDate", "when the next action is due by (none when it has no date)"),
];

/** Every field name a template may use with this ruleset: the fixed ones and one flag per category and stage. */
export function letterFields(ruleset: Ruleset): LetterField[] {
  return [
    ...LETTER_FIELDS,
    ...ruleset.bands.map((b) => flag(categoryFlag(b.id), `yes for category ${b.id} ${b.label}`)),
    ...(ruleset.escalation ?? []).map((s) => flag(stageFlag(s.id), `yes at the stage '${s.label}'`)),
  ];
}

/** "category_D", "category_3A": a band id as part of a field name. */
export const categoryFlag = (band: string) => `category_${band}`;
export const stageFlag = (stage: string) => `stage_${stage}`;
