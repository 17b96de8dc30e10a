// The optional `laSummary` block of a ruleset: what the local-authority summary needs (the grade and
// pupils fields) and the national figures it is set beside, as in Ofsted's risk factors for
// inspecting a local authority (% of pupils in good or better schools, % inadequate, % not good).
import { z } from "zod";
import { LA_MEASURES } from "./la-measures";

export { LA_MEASURES, type LaMeasureId } from "./la-measures";

const Percent = z.number().min(0).max(100);
const FieldId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "must start with a letter and use only letters, digits and _");

export const LaSummarySettings = z
  .object({
    grade: FieldId.describe("Field holding the school's Ofsted overall effectiveness (an ofstedGrade field)."),
    pupils: FieldId.optional().describe("Field holding the number of pupils, for the % of pupils in good or better schools."),
    national: z
      .object({
        source: z.string().min(1).describe("Where the national figures come from, with the date they describe."),
        ...Object.fromEntries(LA_MEASURES.map((m) => [m, Percent.optional()])),
      })
      .strict()
      .describe("National percentages (0-100) the local authority's are set beside; leave out any not known."),
    margin: z
      .union([z.number().min(0), z.object(Object.fromEntries(LA_MEASURES.map((m) => [m, z.number().min(0).optional()]))).strict()])
      .optional()
      .describe("Percentage points worse than national that make a measure red (default 5); worse by less is amber. One number, or one per measure."),
  })
  .strict()
  .describe("The local-authority summary: % of schools and of pupils in good or better, inadequate and not good schools, each beside the national figure and rated red, amber or green.");
export type LaSummarySettings = z.infer<typeof LaSummarySettings>;
