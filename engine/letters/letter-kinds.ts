// The letters the council sends, and what each takes by default: the annual categorisation letter
// to every categorised school, and the two formal notices, which go to maintained schools only
// (over academies the council has no intervention powers: it raises concerns with the academy
// trust and the DfE instead, and says so in the categorisation letter).

export const LETTER_KINDS = ["categorisation", "notice-of-concern", "s60"] as const;
export type LetterKindId = (typeof LETTER_KINDS)[number];

export interface LetterKind {
  id: LetterKindId;
  title: string;
  /** The title for more than one. */
  titles: string;
  /** First part of the letter's reference: CAT/124040/2025-26. */
  referenceCode: string;
  /** Escalation stages whose schools get this letter when no --band or --stage is given (those the ruleset has). */
  defaultStages: string[];
  /** A notice under the council's powers: maintained schools only. */
  maintainedOnly: boolean;
  /** Days from the letter's date to {replyBy}: a reply, the meeting, the end of the compliance period. */
  replyDays: number;
  /** The bundled template's file name (rules/letters/<ruleset>/). */
  templateFile: string;
}

export const LETTER_KIND: Record<LetterKindId, LetterKind> = {
  categorisation: {
    id: "categorisation",
    title: "categorisation letter",
    titles: "categorisation letters",
    referenceCode: "CAT",
    defaultStages: [],
    maintainedOnly: false,
    replyDays: 28,
    templateFile: "categorisation-letter.docx",
  },
  "notice-of-concern": {
    id: "notice-of-concern",
    title: "Notice of Concern",
    titles: "Notices of Concern",
    referenceCode: "NOC",
    defaultStages: ["noticeOfConcern", "intervention"],
    maintainedOnly: true,
    replyDays: 14,
    templateFile: "notice-of-concern.docx",
  },
  s60: {
    id: "s60",
    title: "warning notice (s60)",
    titles: "warning notices (s60)",
    referenceCode: "S60",
    defaultStages: ["statutoryOptions", "intervention"],
    maintainedOnly: true,
    // Fifteen working days, the period the Act set until 2016 and still a usual one.
    replyDays: 21,
    templateFile: "s60-warning-notice.docx",
  },
};

export const isLetterKind = (v: string): v is LetterKindId => (LETTER_KINDS as readonly string[]).includes(v);
