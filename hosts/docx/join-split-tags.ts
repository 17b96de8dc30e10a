// Word splits typed text into runs wherever formatting, spell-checking or editing history changes,
// so a placeholder such as {schoolName} often lies across several <w:t> nodes. Within each
// paragraph this moves every placeholder's characters into the node where it begins (taking that
// run's formatting), so each one afterwards lies whole inside one text node.
import { DocxError } from "./docx-error";
import { decodeXml, encodeXml, preservingOpen, WORD_TOKENS } from "./word-xml";

interface TextNode {
  /** Where the whole element starts and ends in the part's XML. */
  start: number;
  end: number;
  attributes: string;
  text: string;
}

/** The part's XML with each placeholder whole inside one text node; `part` names it in errors. */
export function joinSplitTags(xml: string, part: string): string {
  const open: TextNode[][] = [];
  const changed = new Map<TextNode, string>();
  for (const m of xml.matchAll(WORD_TOKENS)) {
    if (m[0].startsWith("<w:p")) {
      if (!m[1]) open.push([]);
    } else if (m[0] === "</w:p>") {
      const nodes = open.pop();
      if (nodes) joinParagraph(nodes, part, changed);
    } else if (open.length) {
      open[open.length - 1].push({ start: m.index, end: m.index + m[0].length, attributes: m[2], text: m[3] ? "" : decodeXml(m[4] ?? "") });
    }
  }
  if (!changed.size) return xml;
  const pieces: string[] = [];
  let at = 0;
  for (const [node, text] of [...changed].sort((a, b) => a[0].start - b[0].start)) {
    pieces.push(xml.slice(at, node.start), `${preservingOpen(node.attributes)}${encodeXml(text)}</w:t>`);
    at = node.end;
  }
  pieces.push(xml.slice(at));
  return pieces.join("");
}

/** Gives each character of a paragraph to the node it belongs to: a tag's to the node it starts in. */
function joinParagraph(nodes: TextNode[], part: string, changed: Map<TextNode, string>): void {
  const whole = nodes.map((n) => n.text).join("");
  if (!whole.includes("{")) return;
  const owner: number[] = [];
  nodes.forEach((n, i) => {
    for (let k = 0; k < n.text.length; k++) owner.push(i);
  });
  let start = -1;
  for (let p = 0; p < whole.length; p++) {
    if (whole[p] === "{") {
      if (start >= 0) throw new DocxError(`${where(part, whole)}: a placeholder opened with '{' at '${snippet(whole, start)}' is not closed with '}' before the next '{'`);
      start = p;
    } else if (whole[p] === "}" && start >= 0) {
      for (let k = start + 1; k <= p; k++) owner[k] = owner[start];
      start = -1;
    }
  }
  if (start >= 0) throw new DocxError(`${where(part, whole)}: the placeholder starting '${snippet(whole, start)}' has no closing '}'`);
  const texts = nodes.map(() => "");
  for (let p = 0; p < whole.length; p++) texts[owner[p]] += whole[p];
  nodes.forEach((n, i) => {
    // Every node holding a placeholder keeps its spaces, as the value put there may start or end with one.
    if (texts[i] !== n.text || texts[i].includes("{")) changed.set(n, texts[i]);
  });
}

const snippet = (text: string, at: number) => text.slice(at, at + 30).replace(/\s+/g, " ");

/** "the body, paragraph 'Dear {headTeacher' ..." */
export function where(part: string, paragraph: string): string {
  const name = part === "word/document.xml" ? "the letter's body" : /header/.test(part) ? `a page header (${part})` : /footer/.test(part) ? `a page footer (${part})` : part;
  const text = paragraph.trim().replace(/\s+/g, " ");
  return `${name}, in the paragraph '${text.length > 60 ? text.slice(0, 57) + "..." : text}'`;
}
