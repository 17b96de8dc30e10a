// A .docx is a zip of XML parts. Read into a map of parts, and written back with every part it had,
// in the same order ([Content_Types].xml first, as Word writes it). fflate: pure, also in the browser.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { DocxError } from "./docx-error";

/** A template is small: a letterhead image or two. Larger parts are refused before they are inflated. */
const MAX_PART_BYTES = 50 * 1024 * 1024;
const MAX_PARTS = 2_000;

export type DocxParts = Map<string, Uint8Array>;

export function readDocxParts(bytes: Uint8Array, name: string): DocxParts {
  let files: Record<string, Uint8Array>;
  let count = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (++count > MAX_PARTS) throw new DocxError(`${name}: has more than ${MAX_PARTS} parts; it is not a letter template`);
        if (f.originalSize > MAX_PART_BYTES) throw new DocxError(`${name}: its part ${f.name} is larger than 50 MB; it is not a letter template`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`${name}: is not a Word document (.docx); save it from Word as 'Word Document (*.docx)'`);
  }
  const parts: DocxParts = new Map(Object.entries(files));
  if (!parts.has("word/document.xml")) throw new DocxError(`${name}: is a zip file but not a Word document (it has no word/document.xml); save it from Word as 'Word Document (*.docx)'`);
  return parts;
}

export const partText = (parts: DocxParts, part: string): string => strFromU8(parts.get(part)!);

/** The parts as a .docx, with `replaced` parts' text in place of their bytes. */
export function writeDocxParts(parts: DocxParts, replaced: Map<string, string> = new Map()): Uint8Array {
  const files: Zippable = {};
  const names = [...parts.keys()].sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml"));
  for (const name of names) {
    const text = replaced.get(name);
    files[name] = text === undefined ? parts.get(name)! : strToU8(text);
  }
  return zipSync(files, { level: 6 });
}

/** The parts a letter's placeholders may be in: the body, headers and footers. */
export function fillableParts(parts: DocxParts): string[] {
  return [...parts.keys()].filter((p) => p === "word/document.xml" || /^word\/(header|footer)\d*\.xml$/.test(p)).sort((a, b) => Number(b === "word/document.xml") - Number(a === "word/document.xml"));
}
