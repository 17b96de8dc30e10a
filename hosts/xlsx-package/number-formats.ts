// Number formats: Excel's built-in ids, and whether a format shows a date.

/** Built-in formats a workbook may use without declaring them, by format code. */
export const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13,
  "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16, "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21,
  "m/d/yy h:mm": 22, "mm:ss": 45, "[h]:mm:ss": 46, "mmss.0": 47, "@": 49,
};

/** Built-in ids that show dates or times (14-22, 45-47, and the East Asian 27-36, 50-58). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The format written for dates when a cell has no date format of its own. */
export const DEFAULT_DATE_FORMAT = "dd/mm/yyyy";

export function isDateFormat(id: number, code: string | undefined): boolean {
  if (BUILT_IN_DATE_IDS.has(id)) return true;
  if (code === undefined) return false;
  // Drop quoted text, escaped characters and [colour]/[$-locale] sections, keep elapsed [h] [m] [s].
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "")
    .replace(/_.|\*./g, "");
  return /[dmyhs]/i.test(bare.replace(/General/gi, "").split(";")[0]);
}

/** A percent format: 9 (0%), 10 (0.00%), or a code with a % outside quotes, escapes and [sections]. */
export function isPercentFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return id === 9 || id === 10;
  return code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").includes("%");
}
