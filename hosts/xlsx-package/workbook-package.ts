// An opened .xlsx/.xlsm package: its zip entries, content types, relationships and workbook part.
// Parts are decompressed only when read.
import { ContentTypes, CONTENT_TYPES_PART, WORKSHEET_TYPE } from "./content-types";
import { PackageError } from "./package-error";
import { cacheFor, type PartCache } from "./part-cache";
import { relsPartOf } from "./part-names";
import { REL, Relationships } from "./relationships";
import { EMPTY_STYLES, StyleSheet } from "./style-sheet";
import { WorkbookXml, type SheetEntry } from "./workbook-xml";
import { entryBytes, readZip, type ZipEntry } from "./zip-read";

const MACRO_WORKBOOK_TYPES = ["application/vnd.ms-excel.sheet.macroEnabled.main+xml", "application/vnd.ms-excel.template.macroEnabled.main+xml", "application/vnd.ms-excel.addin.macroEnabled.main+xml"];
const WORKBOOK_TYPES = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml", ...MACRO_WORKBOOK_TYPES];
const VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";

const decoder = new TextDecoder("utf-8");

export class WorkbookPackage {
  readonly entries: ZipEntry[];
  readonly contentTypes: ContentTypes;
  readonly workbookPart: string;
  readonly workbook: WorkbookXml;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly rels = new Map<string, Relationships>();

  /** Parts inflated before from the same bytes; parts inflated now are kept there too. */
  readonly cache: PartCache | undefined;

  /** cache: used only when it was made for these bytes. */
  constructor(
    readonly bytes: Uint8Array,
    cache?: PartCache,
  ) {
    this.cache = cacheFor(cache, bytes);
    try {
      this.entries = readZip(bytes);
    } catch (e) {
      throw e instanceof PackageError ? e : PackageError.notAWorkbook();
    }
    for (const e of this.entries) if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
    if (!this.has(CONTENT_TYPES_PART) || !this.has("_rels/.rels")) throw notExcel("it has no Office package structure");
    this.contentTypes = new ContentTypes(this.text(CONTENT_TYPES_PART));
    const main = this.relsOf("").list.find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    if (!main?.part || !this.has(main.part)) throw notExcel("it has no document part");
    this.workbookPart = this.entry(main.part)!.name;
    const type = this.contentTypes.typeOf(this.workbookPart) ?? "";
    if (type.includes("wordprocessingml")) throw notExcel("it is a Word document");
    if (type.includes("presentationml")) throw notExcel("it is a PowerPoint presentation");
    if (type.includes("sheet.binary")) throw new PackageError("This is a binary workbook (.xlsb). Open it in Excel, save it as an Excel Workbook (.xlsx) and try again.");
    if (!WORKBOOK_TYPES.includes(type)) throw notExcel(`its main part is '${type}'`);
    this.workbook = new WorkbookXml(this.text(this.workbookPart), this.workbookPart);
  }

  entry(part: string): ZipEntry | undefined {
    return this.byName.get(part.toLowerCase());
  }

  has(part: string): boolean {
    return this.byName.has(part.toLowerCase());
  }

  /** The uncompressed bytes of a part. */
  data(part: string): Uint8Array {
    const e = this.entry(part);
    if (!e) throw PackageError.damaged(`part ${part} is missing`);
    const kept = this.cache?.get(e);
    if (kept) return kept;
    const data = entryBytes(this.bytes, e);
    this.cache?.keep(e, data);
    return data;
  }

  text(part: string): string {
    return decoder.decode(this.data(part));
  }

  /** The relationships of a part ("" for the package's own), empty when it has none. */
  relsOf(part: string): Relationships {
    let r = this.rels.get(part);
    if (!r) {
      const relsPart = relsPartOf(part);
      const name = this.entry(relsPart)?.name ?? relsPart;
      r = this.has(name) ? new Relationships(part, name, this.text(name)) : new Relationships(part, name);
      this.rels.set(part, r);
    }
    return r;
  }

  /** The relationships objects read so far (those changed must be written back). */
  loadedRels(): Relationships[] {
    return [...this.rels.values()];
  }

  get workbookRels(): Relationships {
    return this.relsOf(this.workbookPart);
  }

  get macroEnabled(): boolean {
    const type = this.contentTypes.typeOf(this.workbookPart) ?? "";
    return MACRO_WORKBOOK_TYPES.includes(type) || this.workbookRels.list.some((r) => r.type === VBA_PROJECT);
  }

  /** The sheet of that name (Excel ignores case), or a PackageError naming the sheets there are. */
  sheet(name: string): SheetEntry & { index: number } {
    const index = this.workbook.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (index < 0) {
      throw new PackageError(`The workbook has no sheet called '${name}'. Its sheets are: ${this.workbook.sheets.map((s) => `'${s.name}'`).join(", ")}.`);
    }
    return { ...this.workbook.sheets[index], index };
  }

  /** The part of a sheet, undefined when the workbook's relationships do not lead to one. */
  sheetPart(sheet: SheetEntry): string | undefined {
    const part = this.workbookRels.byId(sheet.relId)?.part;
    return part && this.has(part) ? this.entry(part)!.name : undefined;
  }

  /** The part of a worksheet that can be edited, or a PackageError saying why not. */
  worksheetPart(sheet: SheetEntry): string {
    const part = this.sheetPart(sheet);
    if (!part) throw PackageError.damaged(`the sheet '${sheet.name}' has no part`);
    if (this.contentTypes.typeOf(part) !== WORKSHEET_TYPE) throw new PackageError(`'${sheet.name}' is a chart sheet or dialog sheet, not a worksheet, so it cannot hold cells.`);
    return part;
  }

  /** The part the workbook's first relationship of this type leads to, undefined when there is none. */
  workbookPartOfType(type: string): string | undefined {
    const part = this.workbookRels.list.find((r) => r.type === type)?.part;
    return part && this.has(part) ? this.entry(part)!.name : undefined;
  }

  /** Whether a sheet is a worksheet (not a chart sheet, dialog sheet or macro sheet). */
  isWorksheet(sheet: SheetEntry): boolean {
    return this.contentTypes.typeOf(this.sheetPart(sheet) ?? "") === WORKSHEET_TYPE;
  }

  /** The styles part (undefined when the workbook has none) and its parsed contents. */
  styles(): { part: string | undefined; sheet: StyleSheet } {
    const existing = this.workbookPartOfType(REL.styles);
    return { part: existing, sheet: new StyleSheet(existing ? this.text(existing) : EMPTY_STYLES, existing ?? "xl/styles.xml") };
  }
}

function notExcel(why: string): PackageError {
  return new PackageError(`This file is a zip archive but not an Excel workbook (${why}). If it is an .xls or .csv file, open it in Excel and save it as an Excel Workbook (.xlsx), then try again.`);
}
