// [Content_Types].xml: the type of every part, by extension (Default) or by name (Override).
import { appendChildren, applySplices, childrenNamed, parseXmlTree, prefixOf, type Splice, type XmlElement } from "./xml-tree";
import { openTag } from "./xml-escape";

export const CONTENT_TYPES_PART = "[Content_Types].xml";
export const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export class ContentTypes {
  private readonly root: XmlElement;
  private readonly splices: Splice[] = [];
  private added = "";

  constructor(private readonly xml: string) {
    this.root = parseXmlTree(xml, CONTENT_TYPES_PART);
  }

  private overrides() {
    return childrenNamed(this.root, "Override");
  }

  /** The content type of a part, or undefined when the package does not say. */
  typeOf(part: string): string | undefined {
    const name = "/" + part.toLowerCase();
    const o = this.overrides().find((el) => el.attributes.PartName?.toLowerCase() === name);
    if (o) return o.attributes.ContentType;
    const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
    return childrenNamed(this.root, "Default").find((el) => el.attributes.Extension?.toLowerCase() === ext)?.attributes.ContentType;
  }

  addOverride(part: string, contentType: string): void {
    const tag = openTag(`${prefixOf(this.root)}Override`, { PartName: "/" + part, ContentType: contentType }, true);
    this.added += tag;
  }

  removeOverride(part: string): void {
    const name = "/" + part.toLowerCase();
    for (const o of this.overrides()) if (o.attributes.PartName?.toLowerCase() === name) this.splices.push({ start: o.start, end: o.end, text: "" });
  }

  get changed(): boolean {
    return this.splices.length > 0 || this.added !== "";
  }

  toXml(): string {
    return applySplices(this.xml, this.added ? [...this.splices, appendChildren(this.root, this.added)] : this.splices);
  }
}
