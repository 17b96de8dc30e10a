// Builds the bundled Word letter templates in rules/letters/<ruleset>/: a categorisation letter
// with wording for each category, a Notice of Concern and a warning notice under s60 of the
// Education and Inspections Act 2006. The same input gives the same bytes, so they are committed.
// Councils open these in Word, replace the letterhead box and edit the wording; the placeholders
// ({schoolName}, {#reasons}...{/reasons}) are listed by `categorise letters --fields`.
//
//   npx tsx scripts/make-letter-templates.ts [--out DIR]      (default rules/letters)
import * as fs from "node:fs";
import * as path from "node:path";
import { newDocx, type DocxParagraph } from "../hosts/docx";
import { option } from "./script-option";

const p = (runs: DocxParagraph["runs"], style?: DocxParagraph["style"]): DocxParagraph => ({ runs, style });
const h = (text: string) => p(text, "Heading1");
const bullet = (runs: DocxParagraph["runs"]) => p(runs, "ListBullet");
const blank = p("");
/** A paragraph holding only a section tag: the paragraphs between an opening and a closing one are kept, repeated or dropped. */
const tag = (t: string) => p(t);

const LETTERHEAD: DocxParagraph[] = [
  p([{ text: "Your council's name and logo", bold: true }], "Letterhead"),
  p("School Improvement Service, address, telephone, email", "Letterhead"),
  p("(A placeholder: replace this box with your letterhead in Word: double-click the header.)", "Letterhead"),
];

/** Date and reference, the addressee, and the salutation. */
function opening(to: "head" | "governors"): DocxParagraph[] {
  const head = "{#headTeacher}{headTeacher}{/headTeacher}{^headTeacher}The Headteacher{/headTeacher}";
  const chair = "{#chairOfGovernors}{chairOfGovernors}, {/chairOfGovernors}Chair of Governors";
  return [
    { runs: "{date}", align: "right" },
    p([{ text: "Our reference: ", bold: true }, "{reference}"]),
    p(to === "head" ? head : chair, "Address"),
    p("{schoolName}", "Address"),
    p("URN {urn}", "Address"),
    blank,
    p(to === "head" ? "Dear {#headTeacher}{headTeacher}{/headTeacher}{^headTeacher}Headteacher{/headTeacher}," : "Dear {#chairOfGovernors}{chairOfGovernors}{/chairOfGovernors}{^chairOfGovernors}Chair of Governors{/chairOfGovernors},"),
  ];
}

const reasonsList = (none: string): DocxParagraph[] => [tag("{#reasons}"), bullet("{text}"), tag("{/reasons}"), tag("{^reasons}"), p(none), tag("{/reasons}")];

const signOff = (copies: string[]): DocxParagraph[] => [
  p("Yours sincerely,"),
  blank,
  blank,
  p("Name of the signing officer"),
  p("Job title"),
  blank,
  p([{ text: "Copy to: ", bold: true }, copies.join("; ")], "Note"),
];

const linkOfficer: DocxParagraph[] = [
  h("Your link officer"),
  tag("{#linkOfficers}"),
  p("Your link officer is {linkOfficers}, who will be in touch to arrange this year's work with the school. Please contact them with any question about this letter."),
  tag("{/linkOfficers}"),
  tag("{^linkOfficers}"),
  p("Your link officer will be in touch to introduce themselves and arrange this year's work with the school."),
  tag("{/linkOfficers}"),
];

interface Framework {
  id: string;
  title: string;
  /** Category id -> what it means for the school, in a paragraph or two. */
  categories: Record<string, string[]>;
  /** Who meets the school about a notice. */
  noticeMeeting: string;
  /** What the council's contact is called in the categorisation letter's closing lines. */
  review: string;
}

const ACADEMY_NOTE =
  "For an academy or free school the council has no powers of intervention: it shares its concerns with the academy trust and with the Department for Education (the Regional Schools Commissioner), and offers its support.";

const STAFFORDSHIRE: Framework = {
  id: "staffordshire",
  title: "Staffordshire",
  categories: {
    A: ["Category A means the council has no concern about the school. Our contact will be light touch: an annual conversation with your link officer about the school's own evaluation and priorities."],
    B: ["Category B means a low level of concern. Our contact will be light touch: an annual conversation with your link officer, who will also keep an eye on the early-warning signs listed below through the year."],
    C: ["Category C means a medium level of concern. Your link officer will hold a detailed dialogue with the school: a visit each term, and a support plan agreed with you that addresses the concerns below."],
    D: [
      "Category D means a high level of concern. For a maintained school, a core group led by the council meets each half term to check the school's progress against its improvement plan; the school completes its evaluation form before each meeting. If two meetings in a row find no evidence of impact, the council will issue a Notice of Concern.",
      "{#isAcademy}",
      ACADEMY_NOTE,
      "{/isAcademy}",
    ],
  },
  noticeMeeting: "the County Commissioner and your link officer",
  review: "The category is reviewed every year, and sooner when new evidence comes to light, in particular about safeguarding.",
};

const WARWICKSHIRE: Framework = {
  id: "warwickshire",
  title: "Warwickshire",
  categories: {
    "1": ["Category 1 (outstanding) means the school needs no support from the council. We would welcome the school's help in leading school-to-school support across its consortium."],
    "2A": ["Category 2A (good and improving) means light touch: we would welcome the school sharing its practice with other schools in its consortium."],
    "2B": ["Category 2B (good, with results declining) means your link officer will make a monitoring visit to agree with you how the decline will be reversed."],
    "3A": ["Category 3A (satisfactory, with results declining) means the school's consortium will agree a support plan with it, reviewed each term, funded by the consortium allocation for the category."],
    "3B": ["Category 3B (satisfactory and improving) means consortium support, reviewed once in the year, funded by the consortium allocation for the category."],
    "3C": ["Category 3C (requires improvement) means the school's consortium will agree a support plan with it, reviewed each term, funded by the consortium allocation for the category."],
    "3D": ["Category 3D (requires improvement, with good leadership) means consortium support led by the school's own leaders, funded by the consortium allocation for the category."],
    "4": [
      "Category 4 (inadequate: serious weaknesses or special measures) means the council will intervene. For a maintained school it will consider a warning notice (section 60) or an interim executive board (section 65).",
      "{#isAcademy}",
      ACADEMY_NOTE,
      "{/isAcademy}",
    ],
  },
  noticeMeeting: "senior officers of the council and your link officer",
  review: "The category is reviewed every year, and sooner when the school is inspected or new evidence comes to light.",
};

function categorisationLetter(f: Framework): DocxParagraph[] {
  return [
    ...opening("head"),
    p("School categorisation {academicYear}: {schoolName}", "Title"),
    p(
      "Each year the council reviews every school against the " + f.title + " school categorisation framework, so that its support and challenge go where they are needed most. This letter confirms your school's category for {academicYear}, how it was reached, what it means for the school, and who your link officer is.",
    ),
    h("Your school's category"),
    p([{ text: "The school is in category {categoryName}.", bold: true }]),
    ...Object.entries(f.categories).flatMap(([id, paragraphs]) => [tag(`{#category_${id}}`), ...paragraphs.map((t) => p(t)), tag(`{/category_${id}}`)]),
    tag("{#moderated}"),
    p("Officers agreed this category after moderation{#moderationReason}: {moderationReason}{/moderationReason}."),
    tag("{/moderated}"),
    h("The data behind it"),
    p("The category rests on: {categoryReason}."),
    p("The framework's early-warning triggers found the following:"),
    ...reasonsList("None of the framework's early-warning triggers applies to the school this year."),
    tag("{#stage}"),
    h("What happens next"),
    p("The school is at the stage '{stage}' of the council's procedure. The next step: {nextAction}{#dueDate} This is due by {dueDate}.{/dueDate}"),
    tag("{/stage}"),
    ...linkOfficer,
    p(f.review + " If you believe the category does not reflect the school's position, please write to your link officer by {replyBy} with the evidence, and we will look at it again."),
    ...signOff(["{#chairOfGovernors}{chairOfGovernors}, {/chairOfGovernors}Chair of Governors"]),
  ];
}

const NOT_ACADEMIES = "This notice is given to maintained schools only. Over academies and free schools the council has no powers of intervention: it raises its concerns with the academy trust and with the Department for Education instead.";

function noticeOfConcern(f: Framework): DocxParagraph[] {
  return [
    ...opening("governors"),
    p("Notice of Concern: {schoolName}", "Title"),
    p(
      "I am writing to give the governing body and the headteacher formal notice of the council's concerns about {schoolName}, under the " + f.title + " school categorisation framework. The school is in category {categoryName}{#stage}, at the stage '{stage}'{/stage}.",
    ),
    h("The council's concerns"),
    p("The concerns rest on the school's own data:"),
    ...reasonsList("{categoryReason}."),
    tag("{#moderated}"),
    p("Officers placed the school in this category after moderation{#moderationReason}: {moderationReason}{/moderationReason}."),
    tag("{/moderated}"),
    h("What the council requires"),
    p("The council asks the governing body and the headteacher to:"),
    bullet("agree with your link officer, within two weeks of this notice, an action plan that addresses each concern above, with milestones that can be measured;"),
    bullet("meet " + f.noticeMeeting + " by {replyBy} to discuss this notice and the plan;"),
    bullet("report progress against the plan at every meeting of the governing body, and share those reports with the council."),
    h("Review, and what the council is minded to do"),
    p(
      "The council will review the school's progress six to eight weeks after the date of this notice. If progress is not enough, the council is minded to use its powers under Part 4 of the Education and Inspections Act 2006: a warning notice (section 60), the appointment of additional governors (section 64), an interim executive board (section 65) or the suspension of the school's delegated budget (section 66). Where the school has a diocesan authority or a foundation, the council will consult it before taking any of these steps.",
    ),
    tag("{#linkOfficers}"),
    p("Your link officer, {linkOfficers}, will support the school throughout."),
    tag("{/linkOfficers}"),
    ...signOff(["Headteacher", "Cabinet Member for Education", "Department for Education", "the diocesan authority or foundation, where the school has one"]),
    p(NOT_ACADEMIES, "Note"),
  ];
}

function warningNotice(f: Framework): DocxParagraph[] {
  return [
    ...opening("governors"),
    p("Warning notice under section 60 of the Education and Inspections Act 2006", "Title"),
    p([{ text: "To: ", bold: true }, "the governing body of {schoolName} (URN {urn}), a school maintained by the council."]),
    p(
      "The council gives this performance standards and safety warning notice because it is satisfied that one or more of the grounds in section 60 of the Act applies to the school: that the standards of performance of its pupils are unacceptably low and are likely to remain so unless the council uses its powers; that there has been a serious breakdown in the way the school is managed or governed which is prejudicing, or likely to prejudice, those standards; or that the safety of pupils or staff is threatened.",
    ),
    h("The matters of concern"),
    p("The school is in category {categoryName} of the " + f.title + " framework. The council's concerns rest on the following:"),
    ...reasonsList("{categoryReason}."),
    h("The action the governing body must take"),
    bullet("Address each matter of concern above, through an action plan agreed with the council within ten working days of this notice."),
    bullet("Meet " + f.noticeMeeting + " to agree the plan and how its progress will be checked."),
    bullet("Give the council evidence of the action taken, and of its effect, by the end of the compliance period."),
    h("The compliance period"),
    p([{ text: "The compliance period ends on {replyBy}.", bold: true }, " The governing body must comply with this notice by then."]),
    h("What the council is minded to do"),
    p(
      "If the governing body does not comply to the council's satisfaction by the end of the compliance period, the council is minded to use its powers under sections 64 to 66 of the Act: to appoint additional governors, to ask the Secretary of State to replace the governing body with an interim executive board, or to suspend the school's right to a delegated budget. Where the school has a diocesan authority or a foundation, the council will consult it first.",
    ),
    ...signOff(["Headteacher", "Cabinet Member for Education", "Department for Education", "Ofsted", "the diocesan authority or foundation, where the school has one"]),
    p(NOT_ACADEMIES, "Note"),
  ];
}

const out = option("--out", path.resolve(__dirname, "../rules/letters"));
for (const f of [STAFFORDSHIRE, WARWICKSHIRE]) {
  const dir = path.join(out, f.id);
  fs.mkdirSync(dir, { recursive: true });
  const docs: [string, string, DocxParagraph[]][] = [
    ["categorisation-letter.docx", `${f.title} categorisation letter`, categorisationLetter(f)],
    ["notice-of-concern.docx", `${f.title} Notice of Concern`, noticeOfConcern(f)],
    ["s60-warning-notice.docx", `${f.title} warning notice (s60)`, warningNotice(f)],
  ];
  for (const [file, title, body] of docs) {
    fs.writeFileSync(path.join(dir, file), newDocx({ title, body, firstPageHeader: LETTERHEAD }));
    console.log(`Wrote ${path.join(dir, file)}`);
  }
}
