// xl/workbook.xml: the sheet list (names, tab order, visibility), the date system, defined names,
// the active tab and recalculation on open. Rewritten only when sheets are added or removed, or
// when values that formulas may depend on are written.
import { PackageError } from "./package-error";
import { breakReferencesTo } from "./sheet-references";
import { escapeText, openTag } from "./xml-escape";
import { applySplices, attributeByLocalName, childNamed, childrenNamed, localName, parseXmlTree, prefixOf, withAttributes, type Splice, type XmlElement } from "./xml-tree";

import type { SheetState } from "./types";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: SheetState;
  /** The <sheet> element in the original text; undefined for a sheet being added. */
  element?: XmlElement;
}

/** The tab order after a change: each slot an original sheet (by index) or a new one. */
export type SheetSlot = { original: number } | { added: SheetEntry };

export class WorkbookXml {
  readonly root: XmlElement;
  readonly sheets: SheetEntry[];
  readonly date1904: boolean;
  private readonly splices: Splice[] = [];
  /** The defined names as they will be written (set when the tab order changes), each with its sheet's new index. */
  private names: { name: string; localSheetId: number | undefined; xml: string }[] | undefined;
  /** The sheet names in their new tab order. */
  private order: string[];
  /** Rows to repeat at the top of each page, by sheet name (lower case): written as _xlnm.Print_Titles. */
  private readonly printTitles = new Map<string, string>();

  constructor(
    private readonly xml: string,
    readonly part: string,
  ) {
    this.root = parseXmlTree(xml, part);
    const ns = this.root.attributes[prefixOf(this.root) ? `xmlns:${prefixOf(this.root).slice(0, -1)}` : "xmlns"];
    if (ns === STRICT_NS) throw new PackageError("This workbook is saved as Strict Open XML Spreadsheet. Open it in Excel, save it as an Excel Workbook (.xlsx) and try again.");
    if (ns !== MAIN_NS) throw PackageError.notAWorkbook();
    const sheets = childNamed(this.root, "sheets");
    this.sheets = (sheets ? childrenNamed(sheets, "sheet") : []).map((el) => ({
      name: el.attributes.name ?? "",
      sheetId: Number(el.attributes.sheetId),
      relId: attributeByLocalName(el, "id") ?? "",
      state: (el.attributes.state as SheetState | undefined) ?? "visible",
      element: el,
    }));
    this.order = this.sheets.map((e) => e.name);
    const pr = childNamed(this.root, "workbookPr");
    this.date1904 = pr?.attributes.date1904 === "1" || pr?.attributes.date1904 === "true";
  }

  /** The attribute name for a relationship id ("r:id"), declaring the namespace when the root does not. */
  private relIdAttributes(relId: string): Record<string, string> {
    for (const [k, v] of Object.entries(this.root.attributes)) {
      if (v === RELATIONSHIPS_NS && k.startsWith("xmlns:")) return { [`${localName(k)}:id`]: relId };
    }
    return { "xmlns:r": RELATIONSHIPS_NS, "r:id": relId };
  }

  get changed(): boolean {
    return this.splices.length > 0 || this.names !== undefined || this.printTitles.size > 0;
  }

  toXml(): string {
    const names = this.definedNamesSplice();
    // First, so that <definedNames> goes before a <calcPr> inserted at the same place.
    return applySplices(this.xml, names ? [names, ...this.splices] : this.splices);
  }

  /**
   * The rows a sheet repeats at the top of each printed page (its _xlnm.Print_Titles, replacing
   * any it has): 1-based, first to last.
   */
  setPrintTitleRows(sheet: string, first: number, last: number): void {
    const name = this.sheets.find((e) => e.name.toLowerCase() === sheet.toLowerCase())?.name ?? sheet;
    this.printTitles.set(sheet.toLowerCase(), `'${name.replace(/'/g, "''")}'!$${first}:$${last}`);
  }

  /** The defined names as the original has them. */
  private originalNames(): { name: string; localSheetId: number | undefined; xml: string }[] {
    const namesEl = childNamed(this.root, "definedNames");
    return (namesEl ? childrenNamed(namesEl, "definedName") : []).map((el) => ({
      name: el.attributes.name ?? "",
      localSheetId: el.attributes.localSheetId === undefined ? undefined : Number(el.attributes.localSheetId),
      xml: this.xml.slice(el.start, el.end),
    }));
  }

  /** The splice that writes <definedNames>, when the names change. */
  private definedNamesSplice(): Splice | undefined {
    if (this.names === undefined && this.printTitles.size === 0) return undefined;
    const p = prefixOf(this.root);
    let names = this.names ?? this.originalNames();
    for (const [sheet, formula] of this.printTitles) {
      const index = this.order.findIndex((n) => n.toLowerCase() === sheet);
      if (index < 0) throw new PackageError(`There is no sheet '${sheet}' to set the print titles of.`);
      names = names.filter((n) => !(n.name.toLowerCase() === "_xlnm.print_titles" && n.localSheetId === index));
      names.push({ name: "_xlnm.Print_Titles", localSheetId: index, xml: `${openTag(`${p}definedName`, { name: "_xlnm.Print_Titles", localSheetId: String(index) })}${escapeText(formula)}</${p}definedName>` });
    }
    const namesEl = childNamed(this.root, "definedNames");
    const inner = names.map((n) => n.xml).join("");
    if (namesEl) return { start: namesEl.start, end: namesEl.end, text: inner ? `${openTag(namesEl.name, namesEl.attributes)}${inner}</${namesEl.name}>` : "" };
    if (!inner) return undefined;
    // After the sheets (and any function groups and external references), before calcPr.
    const after = ["externalReferences", "functionGroups", "sheets"].map((n) => childNamed(this.root, n)).find((el) => el);
    if (!after) throw PackageError.damaged(`${this.part} has no sheet list`);
    return { start: after.end, end: after.end, text: `<${p}definedNames>${inner}</${p}definedNames>` };
  }

  /**
   * Asks Excel to recalculate every formula when it opens the workbook (calcPr fullCalcOnLoad), so
   * formulas that read the cells written do not show their old results.
   */
  recalculateOnOpen(): void {
    const calcPr = childNamed(this.root, "calcPr");
    if (calcPr) {
      if (calcPr.attributes.fullCalcOnLoad !== "1") this.splices.push({ start: calcPr.start, end: calcPr.openEnd, text: withAttributes(calcPr, { fullCalcOnLoad: "1" }) });
      return;
    }
    const before = ["definedNames", "externalReferences", "functionGroups", "sheets"].map((n) => childNamed(this.root, n)).find((el) => el);
    if (before) this.splices.push({ start: before.end, end: before.end, text: `<${prefixOf(this.root)}calcPr fullCalcOnLoad="1"/>` });
  }

  /**
   * A new tab order. Defined names local to a removed sheet go; others are renumbered; references
   * to a removed sheet that nothing replaces become #REF!. The active tab follows its sheet, or
   * moves to the first visible one.
   */
  setSheets(slots: SheetSlot[], brokenSheets: Set<string>): void {
    const splices = this.splices;
    const p = prefixOf(this.root);
    const sheetsEl = childNamed(this.root, "sheets");
    if (!sheetsEl) throw PackageError.damaged(`${this.part} has no sheet list`);
    const newIndex = new Map<number, number>();
    slots.forEach((s, i) => "original" in s && newIndex.set(s.original, i));
    const entries = slots.map((s) => ("original" in s ? this.sheets[s.original] : s.added));
    const sheetXml = entries
      .map((e) => {
        if (e.element) return this.xml.slice(e.element.start, e.element.end);
        const state: Record<string, string> = e.state === "visible" ? {} : { state: e.state };
        return openTag(`${p}sheet`, { name: e.name, sheetId: String(e.sheetId), ...state, ...this.relIdAttributes(e.relId) }, true);
      })
      .join("");
    splices.push({ start: sheetsEl.start, end: sheetsEl.end, text: `${openTag(sheetsEl.name, sheetsEl.attributes)}${sheetXml}</${sheetsEl.name}>` });

    this.order = entries.map((e) => e.name);
    const namesEl = childNamed(this.root, "definedNames");
    if (namesEl) {
      const kept: { name: string; localSheetId: number | undefined; xml: string }[] = [];
      for (const el of childrenNamed(namesEl, "definedName")) {
        const local = el.attributes.localSheetId;
        const index = local === undefined ? undefined : newIndex.get(Number(local));
        if (local !== undefined && index === undefined) continue;
        const formula = breakReferencesTo(el.text, brokenSheets);
        const localSheetId = index === undefined ? undefined : String(index);
        const name = el.attributes.name ?? "";
        if (formula === el.text && localSheetId === local) kept.push({ name, localSheetId: index, xml: this.xml.slice(el.start, el.end) });
        else kept.push({ name, localSheetId: index, xml: `${withAttributes(el, { localSheetId }, false)}${escapeText(formula)}</${el.name}>` });
      }
      this.names = kept;
    }

    const firstVisible = Math.max(0, entries.findIndex((e) => e.state === "visible"));
    const views = childNamed(this.root, "bookViews");
    for (const view of views ? childrenNamed(views, "workbookView") : []) {
      const follow = (attribute: string) => {
        const old = Number(view.attributes[attribute] ?? 0);
        const i = newIndex.get(old) ?? slots.findIndex((s) => "added" in s && s.added.name.toLowerCase() === this.sheets[old]?.name.toLowerCase());
        return i >= 0 && entries[i].state === "visible" ? i : firstVisible;
      };
      const activeTab = follow("activeTab");
      const firstSheet = Math.min(follow("firstSheet"), activeTab);
      const changes = {
        activeTab: activeTab || view.attributes.activeTab ? String(activeTab) : undefined,
        firstSheet: firstSheet || view.attributes.firstSheet ? String(firstSheet) : undefined,
      };
      if (changes.activeTab !== view.attributes.activeTab || changes.firstSheet !== view.attributes.firstSheet) {
        splices.push({ start: view.start, end: view.openEnd, text: withAttributes(view, changes) });
      }
    }
  }
}
