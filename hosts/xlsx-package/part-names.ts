// Part names inside the package: where a part's relationships live, and how a relationship's
// Target resolves. Names here never start with '/', as in the zip ("xl/worksheets/sheet1.xml").

/** "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" (the package itself) -> "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The folder of a part, with a trailing slash ("xl/"), or "" at the top. */
export const folderOf = (part: string) => part.slice(0, part.lastIndexOf("/") + 1);

/** A relationship Target, relative to the part holding the relationship, as a part name. */
export function resolveTarget(sourcePart: string, target: string): string {
  let path = target.split("#")[0];
  try {
    path = decodeURI(path);
  } catch {
    // keep it as written
  }
  const segments = path.startsWith("/") ? [] : folderOf(sourcePart).split("/").filter(Boolean);
  for (const s of path.split("/")) {
    if (s === "..") segments.pop();
    else if (s !== "." && s !== "") segments.push(s);
  }
  return segments.join("/");
}

/** The Target to write in sourcePart's relationships for targetPart ("worksheets/sheet3.xml"). */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  const from = folderOf(sourcePart).split("/").filter(Boolean);
  const to = targetPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}
