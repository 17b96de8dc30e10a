// A .rels part: the links from one part to others (internal parts, or external files and URLs).
import { openTag } from "./xml-escape";
import { appendChildren, applySplices, childrenNamed, parseXmlTree, prefixOf, type Splice, type XmlElement } from "./xml-tree";
import { resolveTarget } from "./part-names";

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
};

export interface Relationship {
  id: string;
  type: string;
  /** The Target as written. */
  target: string;
  /** The part it points to, or undefined for an external target. */
  part?: string;
}

const EMPTY = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

export class Relationships {
  readonly list: Relationship[];
  private readonly root: XmlElement;
  private readonly elements = new Map<string, XmlElement>();
  private readonly splices: Splice[] = [];
  private added = "";

  /** xml undefined: the part has no relationships yet. */
  constructor(
    readonly sourcePart: string,
    readonly relsPart: string,
    private readonly xml: string = EMPTY,
  ) {
    this.root = parseXmlTree(xml, relsPart);
    this.list = childrenNamed(this.root, "Relationship").map((el) => {
      const { Id: id = "", Type: type = "", Target: target = "", TargetMode: mode } = el.attributes;
      this.elements.set(id, el);
      return { id, type, target, part: mode === "External" ? undefined : resolveTarget(sourcePart, target) };
    });
  }

  byId(id: string): Relationship | undefined {
    return this.list.find((r) => r.id === id);
  }

  /** Adds a relationship with a new id ("rId7"), which it returns. */
  add(type: string, target: string): string {
    const used = new Set(this.list.map((r) => r.id));
    let n = this.list.length + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.list.push({ id, type, target, part: resolveTarget(this.sourcePart, target) });
    this.added += openTag(`${prefixOf(this.root)}Relationship`, { Id: id, Type: type, Target: target }, true);
    return id;
  }

  remove(id: string): void {
    const el = this.elements.get(id);
    const i = this.list.findIndex((r) => r.id === id);
    if (i >= 0) this.list.splice(i, 1);
    if (el) this.splices.push({ start: el.start, end: el.end, text: "" });
  }

  get changed(): boolean {
    return this.splices.length > 0 || this.added !== "";
  }

  toXml(): string {
    return applySplices(this.xml, this.added ? [...this.splices, appendChildren(this.root, this.added)] : this.splices);
  }
}
