// A .docx's text, paragraph by paragraph, as a reader sees it (line breaks and tabs kept): what
// tests and checks read back from a filled letter.
import { fillableParts, partText, readDocxParts } from "./docx-zip";
import { decodeXml } from "./word-xml";

/** Every paragraph's text in each fillable part (body first, then headers and footers). */
export function docxParagraphs(bytes: Uint8Array, name = "document"): Map<string, string[]> {
  const parts = readDocxParts(bytes, name);
  const out = new Map<string, string[]>();
  for (const part of fillableParts(parts)) out.set(part, paragraphTexts(partText(parts, part)));
  return out;
}

/** The body's text: paragraphs joined by new lines. */
export function docxBodyText(bytes: Uint8Array): string {
  return docxParagraphs(bytes).get("word/document.xml")!.join("\n");
}

function paragraphTexts(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.matchAll(/<w:p(?=[\s>])[^>]*>([\s\S]*?)<\/w:p>/g)) {
    let text = "";
    for (const m of p[1].matchAll(/<w:t(?=[\s>/])[^>]*?(?:\/>|>([^<]*)<\/w:t>)|<w:br\b[^>]*\/>|<w:tab\/>/g)) {
      if (m[0].startsWith("<w:br")) text += "\n";
      else if (m[0] === "<w:tab/>") text += "\t";
      else text += decodeXml(m[1] ?? "");
    }
    out.push(text);
  }
  return out;
}
