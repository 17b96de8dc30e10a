// A Word letter template: read once, then filled for each school (one .docx each) or for all of
// them into one document, each letter in its own section so it starts on a new page with the
// letterhead's first-page header. Pure TypeScript over the zip (fflate): runs in the browser too.
import { fillableParts, partText, readDocxParts, writeDocxParts, type DocxParts } from "./docx-zip";
import { DocxError } from "./docx-error";
import { renderNodes, type FillData } from "./render-tree";
import { parsePart, type TemplateNode, type TemplateTag } from "./template-tree";

export interface LetterTemplate {
  name: string;
  parts: DocxParts;
  /** Each fillable part's tree (body, headers, footers). */
  trees: Map<string, TemplateNode[]>;
  /** Every placeholder and section tag, in order, for checking against the letter's fields. */
  tags: TemplateTag[];
}

export function readLetterTemplate(bytes: Uint8Array, name: string): LetterTemplate {
  const parts = readDocxParts(bytes, name);
  const trees = new Map<string, TemplateNode[]>();
  const tags: TemplateTag[] = [];
  for (const part of fillableParts(parts)) {
    try {
      const parsed = parsePart(partText(parts, part), part);
      trees.set(part, parsed.nodes);
      tags.push(...parsed.tags);
    } catch (e) {
      if (e instanceof DocxError) throw new DocxError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return { name, parts, trees, tags };
}

/** One school's letter as a .docx. */
export function fillLetter(template: LetterTemplate, data: FillData): Uint8Array {
  const replaced = new Map<string, string>();
  for (const [part, nodes] of template.trees) replaced.set(part, tidy(renderNodes(nodes, [data])));
  return writeDocxParts(template.parts, replaced);
}

/**
 * Every letter in one document. Headers and footers are shared by all the letters, so what they
 * show must come out the same for each; otherwise the letters are refused with the reason.
 */
export function fillCombined(template: LetterTemplate, letters: FillData[]): Uint8Array {
  if (!letters.length) throw new DocxError("no letters to put in the combined document");
  const replaced = new Map<string, string>();
  for (const [part, nodes] of template.trees) {
    if (part === "word/document.xml") continue;
    const first = renderNodes(nodes, [letters[0]]);
    if (letters.some((l) => renderNodes(nodes, [l]) !== first)) {
      throw new DocxError(`${template.name}: the page ${/header/.test(part) ? "header" : "footer"} (${part}) differs from letter to letter, but a combined document has one for every letter; move its placeholders into the letter's body, or leave out --combined`);
    }
    replaced.set(part, tidy(first));
  }
  const bodies = letters.map((l) => splitBody(tidy(renderNodes(template.trees.get("word/document.xml")!, [l]))));
  const { before, after, sectPr } = bodies[0];
  // Each letter but the last ends with a section break that repeats the document's page settings.
  const breakAfter = sectPr ? `<w:p><w:pPr>${sectPr}</w:pPr></w:p>` : `<w:p><w:r><w:br w:type="page"/></w:r></w:p>`;
  const inner = bodies.map((b, i) => (i === 0 ? b.content : withoutBookmarks(b.content)));
  replaced.set("word/document.xml", renumberDrawings(before + inner.join(breakAfter) + (sectPr ?? "") + after));
  return writeDocxParts(template.parts, replaced);
}

/** The body's content, and its closing section properties (the page size, margins, headers). */
function splitBody(xml: string): { before: string; content: string; sectPr: string | null; after: string } {
  const open = /<w:body(?:\s[^>]*)?>/.exec(xml);
  const close = xml.lastIndexOf("</w:body>");
  if (!open || close < 0) throw new DocxError("the document has no body");
  const bodyStart = open.index + open[0].length;
  const body = xml.slice(bodyStart, close);
  // The body's own last child: the first <w:sectPr> after which no paragraph follows (one inside
  // a paragraph ends an earlier section; one inside <w:sectPrChange> is part of the last).
  let at = -1;
  for (const m of body.matchAll(/<w:sectPr(?=[\s>/])/g)) {
    if (!/<w:p[\s>/]/.test(body.slice(m.index)) && /^<w:sectPr(?:\s[^>]*)?(?:\/>|>[\s\S]*<\/w:sectPr>)\s*$/.test(body.slice(m.index))) {
      at = m.index;
      break;
    }
  }
  const sectPr = at >= 0 ? body.slice(at).trim() : null;
  return { before: xml.slice(0, bodyStart), content: at >= 0 ? body.slice(0, at) : body, sectPr, after: xml.slice(close) };
}

/** Word's paragraph ids must be unique, and repeated paragraphs would repeat them: they are optional, so they go. */
const tidy = (xml: string) => xml.replace(/\s+w14:(?:paraId|textId)="[^"]*"/g, "");

const withoutBookmarks = (xml: string) => xml.replace(/<w:bookmark(?:Start|End)\b[^>]*\/>/g, "");

/** Drawing ids must be unique in a document; letters repeated in one document get new ones. */
function renumberDrawings(xml: string): string {
  let id = 0;
  return xml.replace(/(<wp:docPr\b[^>]*?\sid=")\d+(")/g, (_m, a: string, b: string) => `${a}${++id}${b}`);
}
