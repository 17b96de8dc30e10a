// A template part as a tree: Word XML, placeholders ({name}) and sections ({#name}...{/name},
// {^name}...{/name} for "when there is none"). A section whose opening and closing tags each stand
// alone in their own paragraph repeats (or keeps or drops) the whole paragraphs between them, and
// those two paragraphs go; any other section must open and close within one paragraph.
import { DocxError } from "./docx-error";
import { joinSplitTags, where } from "./join-split-tags";
import { decodeXml, WORD_TOKENS } from "./word-xml";

export type TagKind = "value" | "section" | "inverted";

/** A placeholder as written in the template, for checking against the letter's fields. */
export interface TemplateTag {
  name: string;
  kind: TagKind;
  /** Names of the sections around it, outermost first; an inverted one's name starts with ^. */
  within: string[];
  /** Where it is, for messages: "the letter's body, in the paragraph '...'". */
  where: string;
}

export type TemplateNode =
  | { t: "xml"; text: string }
  | { t: "value"; name: string }
  | { t: "section"; name: string; inverted: boolean; children: TemplateNode[] };

interface Tag {
  kind: TagKind | "close";
  name: string;
  raw: string;
  para: number;
}

type Token = { t: "xml"; text: string } | { t: "pstart" | "pend"; para: number; text: string } | { t: "tag"; tag: Tag };

/** Reads one part's XML into its tree and its tags. */
export function parsePart(xml: string, part: string): { nodes: TemplateNode[]; tags: TemplateTag[] } {
  const { tokens, paragraphs } = tokenise(joinSplitTags(xml, part));
  const whereOf = (tag: Tag) => where(part, paragraphs[tag.para] ?? tag.raw);
  const alone = new Set<Tag>();
  // Pair the sections; those whose two tags stand alone in different paragraphs repeat paragraphs.
  const stack: Tag[] = [];
  for (const token of tokens) {
    if (token.t !== "tag" || token.tag.kind === "value") continue;
    const tag = token.tag;
    if (tag.kind !== "close") {
      stack.push(tag);
      continue;
    }
    const opened = stack.pop();
    if (!opened) throw new DocxError(`${whereOf(tag)}: ${tag.raw} closes a section that was never opened (open it with {#${tag.name}})`);
    if (opened.name !== tag.name) throw new DocxError(`${whereOf(tag)}: ${tag.raw} closes {#${opened.name}}, which is still open; close it with {/${opened.name}} first`);
    if (opened.para === tag.para) continue;
    const isAlone = (t: Tag) => (paragraphs[t.para] ?? "").trim() === t.raw;
    if (!isAlone(opened) || !isAlone(tag)) {
      throw new DocxError(
        `${whereOf(opened)}: the section ${opened.raw} ... ${tag.raw} runs from one paragraph into another; put each of its two tags alone on its own line (to repeat or drop whole paragraphs), or both in one paragraph`,
      );
    }
    alone.add(opened).add(tag);
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    throw new DocxError(`${whereOf(open)}: ${open.raw} is never closed; end the section with {/${open.name}}`);
  }
  const kept = dropTagParagraphs(tokens, alone);
  return { nodes: tree(kept), tags: tagsOf(kept, whereOf) };
}

function tokenise(xml: string): { tokens: Token[]; paragraphs: string[] } {
  const tokens: Token[] = [];
  const paragraphs: string[] = [];
  const open: number[] = [];
  let at = 0;
  const xmlUpTo = (end: number) => {
    if (end > at) tokens.push({ t: "xml", text: xml.slice(at, end) });
  };
  for (const m of xml.matchAll(WORD_TOKENS)) {
    const end = m.index + m[0].length;
    if (m[0].startsWith("<w:p") && !m[1]) {
      xmlUpTo(m.index);
      open.push(paragraphs.push("") - 1);
      tokens.push({ t: "pstart", para: open[open.length - 1], text: m[0] });
      at = end;
    } else if (m[0] === "</w:p>" && open.length) {
      xmlUpTo(m.index);
      tokens.push({ t: "pend", para: open.pop()!, text: m[0] });
      at = end;
    } else if (m[0].startsWith("<w:t") && !m[3] && open.length) {
      const para = open[open.length - 1];
      const content = m[4] ?? "";
      paragraphs[para] += decodeXml(content);
      if (!content.includes("{")) continue;
      const contentStart = m.index + m[0].length - "</w:t>".length - content.length;
      xmlUpTo(contentStart);
      for (const piece of content.split(/(\{[^{}]*\})/)) {
        if (!piece) continue;
        if (piece.startsWith("{") && piece.endsWith("}")) tokens.push({ t: "tag", tag: readTag(decodeXml(piece), para) });
        else tokens.push({ t: "xml", text: piece });
      }
      at = contentStart + content.length;
    }
  }
  xmlUpTo(xml.length);
  return { tokens, paragraphs };
}

function readTag(raw: string, para: number): Tag {
  const inner = raw.slice(1, -1).trim();
  const kind = inner[0] === "#" ? "section" : inner[0] === "^" ? "inverted" : inner[0] === "/" ? "close" : "value";
  return { kind, name: (kind === "value" ? inner : inner.slice(1)).trim(), raw, para };
}

/** A paragraph holding only a section tag is replaced by the tag alone. */
function dropTagParagraphs(tokens: Token[], alone: Set<Tag>): Token[] {
  if (!alone.size) return tokens;
  const tagParagraphs = new Map<number, Tag>();
  for (const tag of alone) tagParagraphs.set(tag.para, tag);
  const kept: Token[] = [];
  let skipping: number | null = null;
  for (const token of tokens) {
    if (skipping !== null) {
      if (token.t === "pend" && token.para === skipping) skipping = null;
      continue;
    }
    if (token.t === "pstart" && tagParagraphs.has(token.para)) {
      kept.push({ t: "tag", tag: tagParagraphs.get(token.para)! });
      skipping = token.para;
      continue;
    }
    kept.push(token);
  }
  return kept;
}

function tree(tokens: Token[]): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: TemplateNode[][] = [root];
  for (const token of tokens) {
    const into = stack[stack.length - 1];
    if (token.t !== "tag") {
      const last = into[into.length - 1];
      if (last?.t === "xml") last.text += token.text;
      else into.push({ t: "xml", text: token.text });
      continue;
    }
    const { kind, name } = token.tag;
    if (kind === "value") into.push({ t: "value", name });
    else if (kind === "close") stack.pop();
    else {
      const section: TemplateNode = { t: "section", name, inverted: kind === "inverted", children: [] };
      into.push(section);
      stack.push(section.children);
    }
  }
  return root;
}

function tagsOf(tokens: Token[], whereOf: (tag: Tag) => string): TemplateTag[] {
  const tags: TemplateTag[] = [];
  const within: string[] = [];
  for (const token of tokens) {
    if (token.t !== "tag") continue;
    const { kind, name } = token.tag;
    if (kind === "close") {
      within.pop();
      continue;
    }
    tags.push({ name, kind, within: [...within], where: whereOf(token.tag) });
    if (kind !== "value") within.push(kind === "inverted" ? `^${name}` : name);
  }
  return tags;
}
