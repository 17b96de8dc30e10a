// What each cell format (the s="…" of a cell) makes of a number when a sheet is read: a date, a
// percentage (read as "56.4%" text, as the ExcelJS host gives it) or the number itself.
import { isDateFormat, isPercentFormat } from "./number-formats";
import { childNamed, childrenNamed, parseXmlTree } from "./xml-tree";

export const NUMBER = 0;
export const DATE = 1;
export const PERCENT = 2;

/** By cell format index: NUMBER, DATE or PERCENT. A workbook without styles has only numbers. */
export function valueFormats(stylesXml: string | undefined, part: string): Uint8Array {
  if (stylesXml === undefined) return new Uint8Array(1);
  const root = parseXmlTree(stylesXml, part);
  const codes = new Map<number, string>();
  const numFmts = childNamed(root, "numFmts");
  for (const el of numFmts ? childrenNamed(numFmts, "numFmt") : []) codes.set(Number(el.attributes.numFmtId), el.attributes.formatCode ?? "");
  const cellXfs = childNamed(root, "cellXfs");
  const xfs = cellXfs ? childrenNamed(cellXfs, "xf") : [];
  const kinds = new Uint8Array(Math.max(1, xfs.length));
  xfs.forEach((xf, i) => {
    const id = Number(xf.attributes.numFmtId ?? 0);
    const code = codes.get(id);
    kinds[i] = isDateFormat(id, code) ? DATE : isPercentFormat(id, code) ? PERCENT : NUMBER;
  });
  return kinds;
}
