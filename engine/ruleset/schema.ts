// The ruleset format: what a policy lead writes in rules/*.json. Validated with zod;
// rules/ruleset.schema.json is generated from this file (npm run schema) for editor autocompletion.
import { z } from "zod";
import { BASE_OPERATORS } from "../evaluate/operators";
import { LaSummarySettings } from "./la-summary-schema";
import { isIsoDate } from "../util/dates";

const Id = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must start with a letter and use only letters, digits and _")
  .describe("An identifier: letters, digits and _, starting with a letter.");
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isIsoDate(v), "is not a real date (check the month and the day)");
const Colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be a colour written #RRGGBB");
const AcademicYear = z.string().regex(/^\d{4}\/\d{2}$/, "must be an academic year written 2015/16");

export const FIELD_TYPES = [
  "integer",
  "number",
  "percent",
  "text",
  "yesno",
  "date",
  "ofstedGrade",
  "categoryOfConcern",
] as const;

export const Field = z
  .object({
    id: Id,
    label: z.string().min(1).describe("Name shown in explanations and messages."),
    type: z.enum(FIELD_TYPES).describe(
      "integer | number | percent | text | yesno | date | ofstedGrade (1-4 or words) | categoryOfConcern (SWK/SM/NTI)",
    ),
    headers: z.array(z.string().min(1)).min(1).describe("Column headers that hold this fact; the first that is found is used."),
    required: z.boolean().optional().describe("A run stops with a message when no column matches a required field."),
    min: z.number().optional().describe("Lowest plausible value; values below it are reported as warnings."),
    max: z.number().optional().describe("Highest plausible value; values above it are reported as warnings."),
    warnIfBlank: z.boolean().optional().describe("A blank cell in this column is warned about on its row (the value is missing)."),
    values: z
      .record(z.string().min(1), z.array(z.string().min(1)))
      .optional()
      .describe(
        "Text fields only: the values the column may hold. Each key is a value (what rules compare with, and what a dropdown offers); its list holds other spellings read as it. Matching ignores case and punctuation; any other text is missing, with a warning naming the cell.",
      ),
  })
  .strict();
export type Field = z.infer<typeof Field>;

/** A value compared against: a literal, or another fact ({"fact": "nationalAttendance"}). */
const ConditionValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.union([z.number(), z.string(), z.boolean()])),
  z.object({ fact: z.string() }).strict(),
]);

const MARGIN_ABOVE_ZERO = "must be a number above 0: how far from the threshold, in the fact's own units, still counts as near";
/**
 * A near-miss margin on one of a trigger's comparisons (engine/ruleset/margins.ts): a school this
 * close to the threshold, on the safe side, gets a "watch" flag for the trigger.
 */
export const Margin = z
  .union([
    z.number().positive(MARGIN_ABOVE_ZERO),
    z
      .object({
        within: z.number().positive(MARGIN_ABOVE_ZERO).describe("How far from the threshold still counts as near, in the fact's own units (points for a percent)."),
        of: z.string().min(1).optional().describe("The threshold's name in the watch reason: \"the floor\" gives \"Progress 8 −0.45 is 0.05 above the floor of −0.5\"."),
      })
      .strict(),
  ])
  .describe(
    "Triggers only, on lessThan, lessThanInclusive, greaterThan or greaterThanInclusive: a school within this distance of the threshold, on the side where the trigger does not fire, gets a watch flag (it never changes the band). A number, or {within, of}.",
  );
export type Margin = z.infer<typeof Margin>;

export const Leaf = z
  .object({
    fact: z.string().describe("A field, derived fact or constant id; or 'triggers' (fired trigger ids) / 'band' (band id)."),
    operator: z
      .string()
      .describe("A json-rules-engine operator (equal, lessThan, in, contains, ...) or one of this engine's (before, onOrAfter, between, isMissing, ...); decorators such as not:equal work too.")
      .meta({ examples: [...BASE_OPERATORS] }),
    value: ConditionValue.optional(),
    name: z.string().optional(),
    margin: Margin.optional(),
  })
  .strict();
export type Leaf = z.infer<typeof Leaf>;

export type Condition =
  | Leaf
  | { all: Condition[]; name?: string }
  | { any: Condition[]; name?: string }
  | { not: Condition; name?: string }
  | { condition: string };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Leaf,
    z.object({ all: z.array(Condition).min(1), name: z.string().optional() }).strict(),
    z.object({ any: z.array(Condition).min(1), name: z.string().optional() }).strict(),
    z.object({ not: Condition, name: z.string().optional() }).strict(),
    z.object({ condition: z.string().describe("Name of an entry in sharedConditions.") }).strict(),
  ]),
);

/** json-rules-engine top-level conditions: all, any, not or a shared-condition reference. */
const TopCondition = Condition;

const Style = z
  .object({ fill: Colour, font: Colour.optional(), bold: z.boolean().optional() })
  .strict();

const derivedBase = { id: Id, label: z.string().min(1) };
export const Derived = z.discriminatedUnion("kind", [
  z.object({ ...derivedBase, kind: z.literal("difference"), of: Id, minus: Id }).strict()
    .describe("of - minus; either may be a field, derived fact or constant (e.g. a national figure)."),
  z.object({ ...derivedBase, kind: z.literal("ratio"), of: Id, per: Id, scale: z.number().positive().optional() }).strict()
    .describe("of / per x scale, e.g. exclusions per 100 pupils (scale 100); missing when per is 0."),
  z.object({ ...derivedBase, kind: z.literal("daysSince"), of: Id }).strict()
    .describe("Whole days from a date fact to the run date."),
  z.object({
    ...derivedBase,
    kind: z.literal("trend"),
    of: z.array(Id).min(2).max(3).describe("Yearly facts, oldest first."),
    tolerance: z.number().min(0).optional().describe("Changes within +/- tolerance count as stable."),
    override: Id.optional().describe("A text field (e.g. a Trend column) that, when filled, says the trend instead."),
  }).strict().describe("'improving', 'declining' or 'stable' from the latest two (or three) yearly values."),
  z.object({ ...derivedBase, kind: z.literal("matches"), of: Id, pattern: z.string().min(1), flags: z.string().optional() }).strict()
    .describe("true when the text fact matches the regular expression."),
  z.object({
    ...derivedBase,
    kind: z.literal("lookup"),
    of: Id,
    table: z
      .array(z.object({ value: z.union([z.string(), z.number(), z.boolean()]), for: z.array(z.string().min(1)).min(1) }).strict())
      .min(1)
      .describe("Rows of the table: the fact's value is looked for in each row's 'for' list, and the row's 'value' is given."),
  }).strict().describe("A value looked up in a table (e.g. the type of establishment's group); missing when the fact's value is in no row."),
  z.object({
    ...derivedBase,
    kind: z.literal("consecutiveLatest"),
    history: Id,
    orderBy: Id,
    where: Leaf,
  }).strict().describe("How many of the school's latest history entries in a row meet 'where'."),
  z.object({
    ...derivedBase,
    kind: z.literal("count"),
    history: Id,
    where: Leaf.optional(),
    withinDays: z.number().int().positive().optional(),
    dateField: Id.optional(),
  }).strict().describe("How many history entries the school has (optionally meeting 'where', within the last N days)."),
  z.object({
    ...derivedBase,
    kind: z.literal("latest"),
    history: Id,
    orderBy: Id,
    value: Id,
    where: Leaf.optional(),
  }).strict().describe("A field of the school's latest history entry (optionally the latest meeting 'where')."),
]);
export type Derived = z.infer<typeof Derived>;

const ConstantValue = z.union([
  z.number(),
  z.string(),
  z.object({ byYear: z.record(AcademicYear, z.union([z.number(), z.string()])) }).strict()
    .describe("Values from the academic year given on; a row's year picks the latest not after it."),
]);

export const HistorySheet = z
  .object({
    id: Id,
    label: z.string().min(1),
    sheet: z.array(z.string().min(1)).min(1).describe("Sheet names that hold this history; the first found is used."),
    key: Id.describe("The field (in this sheet's fields) holding the school key."),
    fields: z.array(Field).min(1),
  })
  .strict();

const Rule = {
  id: z.string().min(1),
  label: z.string().min(1),
  description: z.string().optional(),
};

export const Trigger = z
  .object({ ...Rule, id: Id, severity: z.string().min(1), conditions: TopCondition })
  .strict();
export const Band = z
  .object({
    ...Rule,
    conditions: TopCondition.optional().describe("Absent on the default (lowest concern) band, which must be last."),
    nextAction: z.string().optional().describe("Next action when no escalation stage applies."),
  })
  .strict();
/** Text added to a stage's next action for the schools it fits (church schools, special measures...). */
export const StageAddition = z
  .object({
    label: z.string().min(1).describe("Which schools this is for, as the Reasons column says it."),
    conditions: TopCondition,
    nextAction: z.string().min(1).describe("Added after the stage's own next action."),
  })
  .strict();
export const Stage = z
  .object({
    ...Rule,
    id: Id,
    conditions: TopCondition,
    nextAction: z.string().min(1),
    also: z.array(StageAddition).optional().describe("More to do for some of the schools at this stage: each addition whose conditions hold adds its text to the next action."),
    due: z
      .object({
        from: Id.optional().describe("Date fact the period runs from; the run date when absent or missing."),
        days: z.number().int().nonnegative(),
        earliestDays: z.number().int().nonnegative().optional().describe("Start of a due window (6-8 weeks: 42 and 56)."),
      })
      .strict()
      .optional(),
  })
  .strict();

export const Output = z
  .object({
    id: Id,
    header: z.string().min(1),
    kind: z.literal("perPupil"),
    pupils: Id.describe("Field holding the number of pupils."),
    rates: z.record(z.string(), z.number().nonnegative()).describe("Amount per pupil by band id."),
    totalsBy: z.array(Id).optional().describe("Fields the Summary sheet totals this output by (e.g. consortium)."),
  })
  .strict()
  .describe("An extra results column, e.g. funding = pupils x the band's rate per pupil.");

const Texts = z.array(z.string().min(1));
const Expected = z
  .object({
    band: z.string().optional(),
    ruleBand: z.string().optional(),
    moderated: z.boolean().optional(),
    triggers: z.array(z.string()).optional().describe("Exactly these triggers fire (any order)."),
    watch: z.array(z.string()).optional().describe("Exactly these triggers raise a watch flag, a near miss inside a margin (any order; [] for none)."),
    stage: z.string().nullable().optional().describe("Escalation stage id, or null for none."),
    due: IsoDate.nullable().optional(),
    outputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
    nextAction: z.string().min(1).optional().describe("Text the next action contains."),
    reasons: Texts.optional().describe("Texts each found in one of the Reasons lines."),
    warnings: Texts.optional().describe("Texts each found in one of the row's warnings ([] for none at all)."),
  })
  .strict();

const CellInput = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const TestCase = z
  .object({
    name: z.string().min(1),
    asOf: IsoDate.optional(),
    row: z.record(z.string(), CellInput).describe("Cells by header, as an officer would type them."),
    history: z.record(z.string(), z.array(z.record(z.string(), CellInput))).optional()
      .describe("History rows by history id; the key column is filled in from the row."),
    expect: Expected,
  })
  .strict();
export type TestCase = z.infer<typeof TestCase>;

export const RulesetSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    title: z.string().min(1),
    version: z.string().min(1),
    effective: z.object({ from: IsoDate, to: IsoDate.optional() }).strict(),
    description: z.string().optional(),
    sheet: z.array(z.string().min(1)).optional().describe("Preferred names of the schools sheet."),
    key: Id.describe("Field holding the school key (URN)."),
    name: Id.optional().describe("Field holding the school name, for messages."),
    summaryBy: z.array(Id).optional().describe("Fields the Summary sheet counts bands by (e.g. district, phase)."),
    laSummary: LaSummarySettings.optional(),
    year: z
      .object({ field: Id.optional(), default: AcademicYear.optional().describe("For rows without a year; the run date's academic year when absent.") })
      .strict()
      .optional()
      .describe("Academic year picking byYear constants: a field of the row, else the default."),
    fields: z.array(Field).min(1),
    constants: z.record(Id, z.object({ label: z.string().min(1), value: ConstantValue }).strict()).optional(),
    history: z.array(HistorySheet).optional(),
    derived: z.array(Derived).optional(),
    sharedConditions: z.record(z.string(), TopCondition).optional(),
    triggers: z.array(Trigger),
    bands: z.array(Band).min(1).describe("Highest concern first; the first whose conditions hold wins."),
    notCategorised: z
      .object({
        band: z.string().min(1).describe("The band given to a school whose category cannot be decided (e.g. U Not categorised)."),
        decisive: z.array(Id).min(1).describe("Facts the bands depend on: when one is missing and a band above the one the rules give could hold with it, the school is given `band` instead."),
      })
      .strict()
      .optional()
      .describe("Missing decisive data: never a silent 'no concern'."),
    override: z
      .object({
        field: Id,
        reason: Id.optional().describe("A field holding the officer's reason for the category; a moderation without one is warned about."),
        mandatory: z
          .array(
            z.object({
              label: z.string().min(1).describe("The framework's rule, in its words (\"Requires improvement and inadequate schools are D\")."),
              band: z.string().min(1).describe("The band the rule requires."),
              conditions: TopCondition,
            }).strict(),
          )
          .optional()
          .describe("Rules the framework states as mandatory: an officer's category below the band they require is kept, with a warning."),
      })
      .strict()
      .optional()
      .describe("An officer's category column that, when filled, wins."),
    escalation: z.array(Stage).optional().describe("Highest stage first; the first whose conditions hold wins."),
    outputs: z.array(Output).optional(),
    styles: z
      .object({
        bands: z.record(z.string(), Style),
        severities: z.record(z.string(), Style).describe("A style per trigger severity; 'watch' styles the near misses inside a margin (a pale lilac when not given)."),
      })
      .strict(),
    tests: z.array(TestCase).optional(),
  })
  .strict();

export type Ruleset = z.infer<typeof RulesetSchema>;
export type Stage = z.infer<typeof Stage>;
export type Band = z.infer<typeof Band>;
export type Trigger = z.infer<typeof Trigger>;
export type HistorySheet = z.infer<typeof HistorySheet>;
export type Output = z.infer<typeof Output>;
