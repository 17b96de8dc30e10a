// xl/styles.xml: what a cell's style index (s="…") means, and new styles made by merging a patch over
// an existing one. New fonts, fills, number formats and cell formats are appended; nothing already
// there is renumbered, so every s="…" in every other sheet keeps its meaning.
import { PackageError } from "./package-error";
import { BUILT_IN_FORMATS, DEFAULT_DATE_FORMAT, isDateFormat } from "./number-formats";
import type { CellStylePatch } from "./types";
import { openTag } from "./xml-escape";
import { appendChildren, applySplices, childNamed, childrenNamed, parseXmlTree, prefixOf, withAttributes, type Splice, type XmlElement } from "./xml-tree";

export const STYLES_PART_DEFAULT = "xl/styles.xml";

/** The styles of a workbook that has none: Excel's defaults (Calibri 11, no fill, no border). */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Font children in the order Excel writes them. */
const FONT_ORDER = ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"];

/** A list of styles.xml (fonts, fills, cellXfs, numFmts): existing entries' text and the ones added. */
class StyleList {
  readonly items: string[];
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly element: XmlElement | undefined,
    childName: string,
    xml: string,
  ) {
    this.items = element ? childrenNamed(element, childName).map((el) => xml.slice(el.start, el.end)) : [];
    this.items.forEach((x, i) => this.index.has(x) || this.index.set(x, i));
  }

  /** The index of an entry with exactly this text, appending it when there is none. */
  indexOf(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(text);
      this.added.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

const argb = (hex: string) => "FF" + hex.slice(1).toUpperCase();

export class StyleSheet {
  private readonly root: XmlElement;
  private readonly p: string;
  private readonly fonts: StyleList;
  private readonly fills: StyleList;
  private readonly xfs: StyleList;
  private readonly xfElements: XmlElement[];
  private readonly fillElements: XmlElement[];
  private readonly fontElements: XmlElement[];
  private readonly numFmtElement: XmlElement | undefined;
  private readonly formats = new Map<number, string>();
  private readonly addedFormats: string[] = [];
  /** Patched formats by base format, then by patch (patchKey). */
  private readonly patchedCache = new Map<number, Map<string, number>>();
  /** The same by patch object (the edits of a run share a few), then by base format. */
  private readonly patchedByObject = new Map<CellStylePatch, Map<number, number>>();
  private readonly dateStyles = new Map<number, number>();
  private xfKeys: Map<string, number> | undefined;

  constructor(
    private readonly xml: string,
    readonly part: string,
  ) {
    this.root = parseXmlTree(xml, part);
    this.p = prefixOf(this.root);
    const list = (name: string, child: string) => {
      const el = childNamed(this.root, name);
      if (!el) throw PackageError.damaged(`${part} has no ${name}`);
      return { el, list: new StyleList(el, child, xml), elements: childrenNamed(el, child) };
    };
    const fonts = list("fonts", "font");
    const fills = list("fills", "fill");
    const xfs = list("cellXfs", "xf");
    [this.fonts, this.fontElements] = [fonts.list, fonts.elements];
    [this.fills, this.fillElements] = [fills.list, fills.elements];
    [this.xfs, this.xfElements] = [xfs.list, xfs.elements];
    this.numFmtElement = childNamed(this.root, "numFmts");
    for (const el of this.numFmtElement ? childrenNamed(this.numFmtElement, "numFmt") : []) {
      this.formats.set(Number(el.attributes.numFmtId), el.attributes.formatCode ?? "");
    }
  }

  private xf(s: number): XmlElement {
    return this.xfElements[s] ?? this.xfElements[0];
  }

  /** The attributes of cell format s, including those appended in this run. */
  private xfAttributes(s: number): Record<string, string> {
    if (s < this.xfElements.length) return this.xf(s).attributes;
    if (s < this.xfs.items.length) return parseXmlTree(this.xfs.items[s], this.part).attributes;
    return this.xf(0)?.attributes ?? {};
  }

  /** A <fill> of the list, including one appended in this run. */
  private fillElement(i: number): XmlElement | undefined {
    if (i < this.fillElements.length) return this.fillElements[i];
    return i < this.fills.items.length ? parseXmlTree(this.fills.items[i], this.part) : undefined;
  }

  /** The exact <fill> element of cell format s, or undefined when the cell has no fill. */
  fillXml(s: number): string | undefined {
    const i = Number(this.xfAttributes(s).fillId ?? 0);
    const el = this.fillElement(i);
    return el && !isNoFill(el) ? this.fills.items[i] : undefined;
  }

  /** "#RRGGBB" when cell format s has a solid fill of an RGB colour, otherwise null. */
  solidColor(s: number): string | null {
    const fill = this.fillElement(Number(this.xfAttributes(s).fillId ?? 0));
    const pattern = fill && childNamed(fill, "patternFill");
    const rgb = pattern && pattern.attributes.patternType === "solid" ? childNamed(pattern, "fgColor")?.attributes.rgb : undefined;
    return rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? `#${rgb.slice(-6).toUpperCase()}` : null;
  }

  isDateStyle(s: number): boolean {
    const id = Number(this.xfAttributes(s).numFmtId ?? 0);
    return isDateFormat(id, this.formats.get(id));
  }

  /** The cell format index for base s with the patch merged over it (added once, then reused). */
  patched(s: number, patch: CellStylePatch): number {
    // The same patch object is usually given for many cells: its results are kept by the object itself.
    let byBase = this.patchedByObject.get(patch);
    if (!byBase) this.patchedByObject.set(patch, (byBase = new Map()));
    let result = byBase.get(s);
    if (result === undefined) byBase.set(s, (result = this.patchedByKey(s, patch)));
    return result;
  }

  private patchedByKey(s: number, patch: CellStylePatch): number {
    let byPatch = this.patchedCache.get(s);
    if (!byPatch) this.patchedCache.set(s, (byPatch = new Map()));
    const key = patchKey(patch);
    let result = byPatch.get(key);
    if (result === undefined) {
      result = this.makePatched(s < this.xfs.items.length ? s : 0, patch);
      byPatch.set(key, result);
    }
    return result;
  }

  /** Base s with a date format, unless it already shows dates. */
  withDateFormat(s: number): number {
    let result = this.dateStyles.get(s);
    if (result === undefined) {
      result = this.isDateStyle(s) ? s : this.patched(s, { numFmt: DEFAULT_DATE_FORMAT });
      this.dateStyles.set(s, result);
    }
    return result;
  }

  private makePatched(s: number, patch: CellStylePatch): number {
    const attributes = this.xfAttributes(s);
    const changes: Record<string, string> = {};
    if (patch.fillXml !== undefined) changes.fillId = String(this.fills.indexOf(patch.fillXml));
    else if (patch.fill === null) changes.fillId = String(this.noFill());
    else if (patch.fill !== undefined) {
      const f = this.p;
      changes.fillId = String(this.fills.indexOf(`<${f}fill><${f}patternFill patternType="solid"><${f}fgColor rgb="${argb(patch.fill)}"/><${f}bgColor indexed="64"/></${f}patternFill></${f}fill>`));
    }
    if ("fillId" in changes) changes.applyFill = "1";
    if (patch.font !== undefined || patch.bold !== undefined) {
      changes.fontId = String(this.fonts.indexOf(this.patchedFont(Number(attributes.fontId ?? 0), patch)));
      changes.applyFont = "1";
    }
    if (patch.numFmt !== undefined) {
      changes.numFmtId = String(this.formatId(patch.numFmt));
      changes.applyNumberFormat = "1";
    }
    const base = s < this.xfElements.length ? this.xf(s) : parseXmlTree(this.xfs.items[s], this.part);
    const source = s < this.xfElements.length ? this.xml : this.xfs.items[s];
    let inner = base.selfClosing ? "" : source.slice(base.openEnd, base.closeStart);
    if (patch.wrap) {
      changes.applyAlignment = "1";
      inner = this.wrapped(base, source, inner);
    }
    if (Object.entries(changes).every(([k, v]) => attributes[k] === v) && (base.selfClosing ? "" : source.slice(base.openEnd, base.closeStart)) === inner) return s;
    const same = this.equivalentXf({ ...attributes, ...changes }, inner);
    if (same !== undefined) return same;
    const el = { ...base, attributes };
    return this.xfs.indexOf(inner ? `${withAttributes(el, changes, false)}${inner}</${base.name}>` : withAttributes(el, changes, true));
  }

  /** An xf's children with its text wrapped: wrapText on its <alignment> (the first child), added when it has none. */
  private wrapped(xf: XmlElement, source: string, inner: string): string {
    const alignment = childNamed(xf, "alignment");
    if (!alignment) return `<${prefixOf(xf)}alignment wrapText="1"/>${inner}`;
    if (alignment.attributes.wrapText === "1" || alignment.attributes.wrapText === "true") return inner;
    const tagEnd = alignment.selfClosing ? alignment.end : alignment.openEnd;
    return source.slice(xf.openEnd, alignment.start) + withAttributes(alignment, { wrapText: "1" }) + source.slice(tagEnd, xf.closeStart);
  }

  /**
   * An existing cell format that looks the same (the apply* flags aside, which Excel does not use
   * to draw a cell), so a colour put back returns a cell to its own format.
   */
  private equivalentXf(attributes: Record<string, string>, inner: string): number | undefined {
    if (!this.xfKeys) {
      this.xfKeys = new Map();
      this.xfElements.forEach((el, i) => {
        const k = xfKey(el.attributes, el.selfClosing ? "" : this.xml.slice(el.openEnd, el.closeStart));
        if (!this.xfKeys!.has(k)) this.xfKeys!.set(k, i);
      });
    }
    return this.xfKeys.get(xfKey(attributes, inner));
  }

  private noFill(): number {
    const i = this.fillElements.findIndex(isNoFill);
    return i >= 0 ? i : this.fills.indexOf(`<${this.p}fill><${this.p}patternFill patternType="none"/></${this.p}fill>`);
  }

  private patchedFont(fontId: number, patch: CellStylePatch): string {
    const base = this.fontElements[fontId] ?? this.fontElements[0];
    const f = base ? prefixOf(base) : this.p;
    const children = (base?.children ?? [])
      .filter((c) => !(patch.bold !== undefined && c.local === "b") && !(patch.font !== undefined && c.local === "color"))
      .map((c) => ({ local: c.local, xml: this.xml.slice(c.start, c.end) }));
    if (patch.bold) children.push({ local: "b", xml: `<${f}b/>` });
    if (patch.font !== undefined) children.push({ local: "color", xml: `<${f}color rgb="${argb(patch.font)}"/>` });
    const rank = (local: string) => (FONT_ORDER.indexOf(local) + FONT_ORDER.length + 1) % (FONT_ORDER.length + 1);
    children.sort((a, b) => rank(a.local) - rank(b.local));
    const open = base ? openTag(base.name, base.attributes) : `<${f}font>`;
    return `${open}${children.map((c) => c.xml).join("")}</${f}font>`;
  }

  private formatId(code: string): number {
    for (const [id, c] of this.formats) if (c === code) return id;
    if (code in BUILT_IN_FORMATS) return BUILT_IN_FORMATS[code];
    const id = Math.max(163, ...this.formats.keys()) + 1;
    this.formats.set(id, code);
    this.addedFormats.push(openTag(`${this.p}numFmt`, { numFmtId: String(id), formatCode: code }, true));
    return id;
  }

  get changed(): boolean {
    return [this.xfs, this.fonts, this.fills].some((l) => l.added.length > 0) || this.addedFormats.length > 0;
  }

  toXml(): string {
    const splices: Splice[] = [];
    const grow = (el: XmlElement, count: number, added: string[]) => {
      if (!added.length) return;
      const open = withAttributes(el, { count: String(count) }, false);
      if (el.selfClosing) splices.push({ start: el.start, end: el.end, text: `${open}${added.join("")}</${el.name}>` });
      else splices.push({ start: el.start, end: el.openEnd, text: open }, appendChildren(el, added.join("")));
    };
    if (this.numFmtElement) grow(this.numFmtElement, this.formats.size, this.addedFormats);
    else if (this.addedFormats.length) {
      splices.push({ start: this.root.openEnd, end: this.root.openEnd, text: `<${this.p}numFmts count="${this.addedFormats.length}">${this.addedFormats.join("")}</${this.p}numFmts>` });
    }
    grow(this.fonts.element!, this.fonts.items.length, this.fonts.added);
    grow(this.fills.element!, this.fills.items.length, this.fills.added);
    grow(this.xfs.element!, this.xfs.items.length, this.xfs.added);
    return applySplices(this.xml, splices);
  }
}

/** A patch as a key: a fill alone (the usual patch, one per cell) is its colour, with no new string made. */
function patchKey(p: CellStylePatch): string {
  if (p.fillXml === undefined && p.font === undefined && p.bold === undefined && p.numFmt === undefined && !p.wrap) return p.fill === null ? "none" : (p.fill ?? "");
  return `${p.fill}|${p.fillXml}|${p.font}|${p.bold}|${p.numFmt}|${!!p.wrap}`;
}

/** What an xf looks like: its attributes but the apply* flags, and its children. */
function xfKey(attributes: Record<string, string>, inner: string): string {
  const shown = Object.entries(attributes).filter(([k]) => !k.startsWith("apply")).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(shown) + inner;
}

function isNoFill(fill: XmlElement): boolean {
  const pattern = childNamed(fill, "patternFill");
  return !!pattern && (pattern.attributes.patternType ?? "none") === "none" && pattern.children.length === 0;
}
