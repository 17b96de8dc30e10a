// docProps/app.xml lists the worksheet names (TitlesOfParts, counted in HeadingPairs). When sheets
// are added or removed the list is brought up to date, if it is found as Excel writes it;
// otherwise the part is left alone (Excel rewrites it on the next save).
import { escapeText } from "./xml-escape";
import { applySplices, childNamed, childrenNamed, parseXmlTree, prefixOf, withAttributes, type Splice } from "./xml-tree";

/** The app.xml text with the worksheet names replaced, or undefined to leave it as it is. */
export function withWorksheetNames(xml: string, part: string, before: string[], after: string[]): string | undefined {
  const root = parseXmlTree(xml, part);
  const pairs = childNamed(root, "HeadingPairs");
  const titles = childNamed(root, "TitlesOfParts");
  const pairVector = pairs && childNamed(pairs, "vector");
  const titleVector = titles && childNamed(titles, "vector");
  if (!pairVector || !titleVector || before.length === 0 || after.length === 0) return undefined;
  const variants = childrenNamed(pairVector, "variant");
  const names = childrenNamed(titleVector, "lpstr");
  let offset = 0;
  for (let g = 0; g + 1 < variants.length; g += 2) {
    const countEl = variants[g + 1].children[0];
    const count = Number(countEl?.text);
    if (!countEl || !Number.isInteger(count)) return undefined;
    const group = names.slice(offset, offset + count);
    if (count === before.length && group.every((el, i) => el.text === before[i])) {
      const vt = prefixOf(names[0] ?? titleVector);
      const lpstr = after.map((n) => `<${vt}lpstr>${escapeText(n)}</${vt}lpstr>`).join("");
      const splices: Splice[] = [
        { start: countEl.openEnd, end: countEl.closeStart, text: String(after.length) },
        { start: titleVector.start, end: titleVector.openEnd, text: withAttributes(titleVector, { size: String(names.length - count + after.length) }) },
        { start: group[0].start, end: group[count - 1].end, text: lpstr },
      ];
      return applySplices(xml, splices);
    }
    offset += count;
  }
  return undefined;
}
