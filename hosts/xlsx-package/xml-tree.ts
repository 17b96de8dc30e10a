// A light element tree of a small XML part (workbook, relationships, content types, styles) that
// remembers where each element sits in the text, so a change is a splice and the rest stays as it was.
// The big sheet parts are never built into a tree: the readers and sheet-patch.ts scan their bytes (xml-bytes.ts).
import { SaxesParser } from "saxes";
import { PackageError } from "./package-error";
import { openTag } from "./xml-escape";

export interface XmlElement {
  /** The name as written, prefix included ("x14:ext"). */
  name: string;
  /** The name without its prefix ("ext"). */
  local: string;
  /** Attribute values, entities decoded, in document order. */
  attributes: Record<string, string>;
  /** Offset of the '<' of the start tag. */
  start: number;
  /** Offset just after the start tag's '>'. */
  openEnd: number;
  /** Offset of the '<' of the end tag (equal to end for <empty/>). */
  closeStart: number;
  /** Offset just after the end tag's '>' (equal to openEnd for <empty/>). */
  end: number;
  selfClosing: boolean;
  children: XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  text: string;
}

export const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * Runs saxes over a part's text; handlers receive each start and end tag with its offsets.
 * Malformed XML becomes a PackageError naming the part.
 */
export function scanXml(
  xml: string,
  part: string,
  on: {
    open?: (name: string, attributes: Record<string, string>, start: number, end: number, selfClosing: boolean) => void;
    close?: (name: string, start: number, end: number) => void;
    text?: (text: string) => void;
  },
): void {
  const parser = new SaxesParser({ position: true });
  if (on.open) {
    const open = on.open;
    parser.on("opentag", (tag) => {
      const end = parser.position;
      open(tag.name, tag.attributes as Record<string, string>, xml.lastIndexOf("<", end - 1), end, tag.isSelfClosing);
    });
  }
  if (on.close) {
    const close = on.close;
    parser.on("closetag", () => {
      const end = parser.position;
      close("", xml.lastIndexOf("<", end - 1), end);
    });
  }
  if (on.text) parser.on("text", on.text);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw PackageError.damaged(`${part} is not valid XML: ${(e as Error).message}`);
  }
}

/** The root element of a small part, with its whole tree. */
export function parseXmlTree(xml: string, part: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  scanXml(xml, part, {
    open(name, attributes, start, end, selfClosing) {
      const el: XmlElement = { name, local: localName(name), attributes, start, openEnd: end, closeStart: end, end, selfClosing, children: [], text: "" };
      if (stack.length) stack[stack.length - 1].children.push(el);
      else root = el;
      stack.push(el);
    },
    close(_name, start, end) {
      const el = stack.pop();
      if (el && !el.selfClosing) {
        el.closeStart = start;
        el.end = end;
      }
    },
    text(t) {
      if (stack.length) stack[stack.length - 1].text += t;
    },
  });
  if (!root) throw PackageError.damaged(`${part} is empty`);
  return root;
}

export const childrenNamed = (el: XmlElement, local: string) => el.children.filter((c) => c.local === local);
export const childNamed = (el: XmlElement, local: string) => el.children.find((c) => c.local === local);

/** The prefix ("x:" or "") an element uses, for writing siblings in the same form. */
export const prefixOf = (el: XmlElement) => el.name.slice(0, el.name.length - el.local.length);

/** An attribute whose name is given without its prefix (e.g. "id" for r:id). */
export function attributeByLocalName(el: XmlElement, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attributes)) if (localName(k) === local) return v;
  return undefined;
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Adds children at the end of an element (an <empty/> element is opened up to hold them). */
export function appendChildren(el: XmlElement, text: string): Splice {
  if (!el.selfClosing) return { start: el.closeStart, end: el.closeStart, text };
  return { start: el.start, end: el.end, text: `${openTag(el.name, el.attributes)}${text}</${el.name}>` };
}

/** Applies non-overlapping replacements; splices at the same offset keep the order given. */
export function applySplices(xml: string, splices: Splice[]): string {
  const sorted = splices.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start || a.s.end - b.s.end || a.i - b.i);
  let out = "";
  let cursor = 0;
  for (const { s } of sorted) {
    if (s.start < cursor) throw new Error(`overlapping XML edits at ${s.start}`);
    out += xml.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + xml.slice(cursor);
}

/** The element's start tag with some attributes set (a value of undefined removes it). */
export function withAttributes(el: XmlElement, changes: Record<string, string | undefined>, selfClosing = el.selfClosing): string {
  const attributes: Record<string, string> = { ...el.attributes };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete attributes[k];
    else attributes[k] = v;
  }
  return openTag(el.name, attributes, selfClosing);
}
