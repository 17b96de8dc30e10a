// References to sheets inside formula text (defined names): those to a deleted sheet become #REF!,
// as Excel writes them when a sheet is deleted.

const OPERATOR_OR_SPACE = `\\s!'"(),;=+\\-*/^&<>:\\[\\]{}#`;
const SHEET_REFERENCE = new RegExp(
  `("(?:[^"]|"")*")|(\\[\\d+\\])?('(?:[^']|'')+'|[^${OPERATOR_OR_SPACE}]+(?::[^${OPERATOR_OR_SPACE}]+)?)!`,
  "g",
);

/** The sheet names of a reference prefix: 'Data 1'!, Data!, or a 3-D Jan:Mar! */
function sheetNamesOf(prefix: string): string[] {
  const unquoted = prefix.startsWith("'") ? prefix.slice(1, -1).replace(/''/g, "'") : prefix;
  return unquoted.split(":");
}

/** The formula with every reference to one of the sheets (lower-case names) replaced by #REF!. */
export function breakReferencesTo(formula: string, sheets: Set<string>): string {
  return formula.replace(SHEET_REFERENCE, (whole, literal: string | undefined, external: string | undefined, prefix: string) => {
    if (literal || external) return whole;
    return sheetNamesOf(prefix).some((n) => sheets.has(n.toLowerCase())) ? "#REF!" : whole;
  });
}
