// The local-authority summary's measures, by id: apart from the schema (la-summary-schema.ts) so
// that the summary itself can be worked out without loading zod.
export const LA_MEASURES = [
  "goodOrBetterSchools",
  "goodOrBetterPupils",
  "inadequateSchools",
  "inadequatePupils",
  "notGoodSchools",
  "notGoodPupils",
] as const;
export type LaMeasureId = (typeof LA_MEASURES)[number];
