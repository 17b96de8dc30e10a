// The run record read back from a workbook is untrusted input: a hand-edited or hostile workbook
// can put anything on the hidden sheet. Each part is checked here; what fails is left out with a
// note, so a bad record costs fill restoration at worst, never a hang, a crash or a broken file.
import { z } from "zod";

/** Excel's limits: rows and columns of a sheet, characters in a sheet name. */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;
const MAX_SHEET_NAME = 31;

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/);
const row = z.number().int().min(1).max(MAX_ROW);
const column = z.number().int().min(1).max(MAX_COLUMN);

/** Fill patterns as Office.js names them. */
const OFFICE_PATTERNS = [
  "None", "Solid", "Gray50", "Gray75", "Gray25", "Horizontal", "Vertical", "Down", "Up", "Checker", "SemiGray75",
  "LightHorizontal", "LightVertical", "LightDown", "LightUp", "Grid", "CrissCross", "Gray16", "Gray8", "LinearGradient", "RectangularGradient",
] as const;
/** Fill patterns as OOXML (and ExcelJS) names them. */
const OOXML_PATTERNS = [
  "none", "solid", "darkVertical", "darkHorizontal", "darkGrid", "darkTrellis", "darkDown", "darkUp", "lightVertical", "lightHorizontal",
  "lightGrid", "lightTrellis", "lightDown", "lightUp", "darkGray", "mediumGray", "lightGray", "gray125", "gray0625",
] as const;

const ExcelColour = z.strictObject({
  argb: z.string().regex(/^[0-9A-Fa-f]{8}$/).optional(),
  theme: z.number().int().min(0).max(64).optional(),
  tint: z.number().min(-1).max(1).optional(),
  indexed: z.number().int().min(0).max(80).optional(),
});

/** A fill as ExcelJS models it (what the file host records to restore themes, tints, gradients). */
const ExcelFill = z.union([
  z.strictObject({ type: z.literal("pattern"), pattern: z.enum(OOXML_PATTERNS), fgColor: ExcelColour.optional(), bgColor: ExcelColour.optional() }),
  z.strictObject({
    type: z.literal("gradient"),
    gradient: z.enum(["angle", "path"]),
    degree: z.number().optional(),
    center: z.strictObject({ left: z.number(), top: z.number() }).optional(),
    stops: z.array(z.strictObject({ position: z.number().min(0).max(1), color: ExcelColour })).max(32),
  }),
]);

export const FillSnapshotSchema = z.strictObject({
  color: hex.nullable(),
  pattern: z.enum(OFFICE_PATTERNS).optional(),
  patternColor: hex.optional(),
  raw: ExcelFill.optional(),
  xml: z.string().max(4_000).regex(/^<(\w+:)?fill[\s>/]/).optional(),
});

export const ResultsRecordSchema = z.strictObject({
  headerRow: row,
  firstColumn: column,
  headers: z.array(z.string().max(32_767)).min(1).max(MAX_COLUMN),
  lastRow: row,
  originals: z.record(z.string(), z.array(z.number().int().min(1).max(MAX_ROW))),
  originalHeaders: z.record(z.string().regex(/^\d{1,5}$/), z.string().max(32_767)).optional(),
});

export const SummaryRefSchema = z.strictObject({ sheet: z.string().min(1).max(MAX_SHEET_NAME), name: z.string().min(1).max(MAX_SHEET_NAME) });

/** Letters sent, one batch per `categorise letters` (or the pane's Letters): date, kind, template, and per school [key, band, stage]. */
export const MAX_LETTER_BATCHES = 500;
export const LetterBatchSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kind: z.string().min(1).max(40),
  template: z.string().max(260),
  sheet: z.string().min(1).max(MAX_SHEET_NAME),
  schools: z.array(z.tuple([z.string().min(1).max(100), z.string().min(1).max(100), z.string().max(100).nullable()])).max(MAX_ROW),
});

/**
 * A run's categories kept for the next run's movement table: the run date, the ruleset, its bands,
 * stages and triggers as [id, label], and per school [key, band index, stage index (-1: none),
 * ...trigger indices]. Indices are checked against the lists after parsing (run-record-history.ts).
 */
const idLabel = z.tuple([z.string().min(1).max(200), z.string().max(500)]);
const index = z.number().int().min(-1).max(9_999);
export const RecordedRunSchema = z.strictObject({
  sheet: z.string().min(1).max(MAX_SHEET_NAME),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  ruleset: z.strictObject({ id: z.string().max(200), title: z.string().max(500), version: z.string().max(100) }),
  bands: z.array(idLabel).min(1).max(1_000),
  stages: z.array(idLabel).max(1_000),
  triggers: z.array(idLabel).max(1_000),
  schools: z.array(z.tuple([z.union([z.string().min(1).max(100), z.number().finite()]), index, index]).rest(index)).max(MAX_ROW),
});
