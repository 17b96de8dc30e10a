// The test workbooks: written by ExcelJS (comments, an image, a defined name, a table, conditional
// formats, merged cells, data validation, officer fills and fonts, dates), then given by hand the parts
// ExcelJS cannot write: a chart, a pivot table and its cache, an external link, customXml, a
// sensitivity label in docProps/custom.xml, sparklines and an x14 data validation in a sheet's extLst.
// Variants: dates in the 1904 system, and an .xlsm with a VBA project.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from "fflate";

export const SCHOOLS = "Schools";
export const LISTS = "Lists";
export const PIVOT = "Pivot";
export const OLD = "Old summary";

/** The officer's own formatting, checked after a patch. */
export const OFFICER = {
  /** B3: yellow fill, bold red font. */
  solid: { row: 3, column: 2, fill: "#FFFF00", font: "#C00000" },
  /** C4: a pattern fill in theme colours (no plain RGB). */
  pattern: { row: 4, column: 3 },
  /** D2:D11 are numbers with a grey fill and a border. */
};

export const LABEL_ID = "3c0b7d2e-9f4a-4b6e-8f31-2a1d5c7e9b10";

export interface CorpusOptions {
  date1904?: boolean;
  macro?: boolean;
}

export const SCHOOL_ROWS: [number, string, string, number, Date, number, string][] = [
  [124001, "Abbey Primary", "Primary", 210, new Date(Date.UTC(1998, 8, 1)), 4.1, "Stable"],
  [124002, "Brook Academy", "Secondary", 1120, new Date(Date.UTC(2011, 3, 1)), 7.9, "New head"],
  [124003, "Castle Infants", "Primary", 180, new Date(Date.UTC(1975, 0, 6)), 5.2, ""],
  [124004, "Dale High", "Secondary", 950, new Date(Date.UTC(2003, 8, 2)), 9.4, "Monitor"],
  [124005, "Elm Tree Primary", "Primary", 420, new Date(Date.UTC(1988, 8, 5)), 3.8, ""],
  [124006, "Fern Special", "Special", 96, new Date(Date.UTC(2015, 0, 5)), 11.2, "=not a formula"],
  [124007, "Grange Junior", "Primary", 240, new Date(Date.UTC(1969, 8, 1)), 4.6, ""],
  [124008, "Heath College", "Secondary", 1400, new Date(Date.UTC(2009, 8, 1)), 6.3, ""],
  [124009, "Ivy Lane Primary", "Primary", 315, new Date(Date.UTC(1994, 3, 18)), 4.9, ""],
  [124010, "Juniper Academy", "Secondary", 870, new Date(Date.UTC(2019, 8, 3)), 8.1, "Tom & Jerry <test>"],
];

async function excelJsWorkbook(opts: CorpusOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet(SCHOOLS);
  ws.addTable({
    name: "SchoolTable",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleLight9", showRowStripes: true },
    columns: ["URN", "School", "Phase", "Pupils", "Opened", "Absence %", "Notes"].map((name) => ({ name })),
    rows: SCHOOL_ROWS.map((r) => [...r]),
  });
  ws.getColumn(2).width = 24;
  ws.getColumn(5).width = 12;
  for (let r = 2; r <= 11; r++) {
    ws.getCell(r, 5).numFmt = "dd/mm/yyyy";
    ws.getCell(r, 4).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEEEEE" } };
    ws.getCell(r, 4).border = { bottom: { style: "thin", color: { argb: "FF999999" } } };
    ws.getCell(r, 4).numFmt = "#,##0";
  }
  const solid = ws.getCell(OFFICER.solid.row, OFFICER.solid.column);
  solid.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  solid.font = { bold: true, color: { argb: "FFC00000" }, name: "Calibri", size: 11 };
  ws.getCell(OFFICER.pattern.row, OFFICER.pattern.column).fill = { type: "pattern", pattern: "darkTrellis", fgColor: { theme: 4, tint: 0.3999755851924192 } as unknown as ExcelJS.Color, bgColor: { theme: 0 } as unknown as ExcelJS.Color };
  ws.getCell("I1").value = "Merged note";
  ws.mergeCells("I1:J1");
  ws.getCell("A2").note = "Officer comment: visited in March";
  (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add("C2:C11", { type: "list", allowBlank: true, formulae: ['"Primary,Secondary,Special"'] });
  ws.addConditionalFormatting({
    ref: "F2:F11",
    rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["8"], priority: 1, style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }],
  });
  const image = wb.addImage({ buffer: readFileSync(join(__dirname, "../../assets/icon-32.png")) as unknown as ExcelJS.Buffer, extension: "png" });
  ws.addImage(image, { tl: { col: 11, row: 1 }, ext: { width: 32, height: 32 } });
  wb.definedNames.add(`'${SCHOOLS}'!$A$1:$G$11`, "SchoolList");

  const lists = wb.addWorksheet(LISTS);
  lists.addRows([["Phase", "Schools"], ["Primary", 5], ["Secondary", 4], ["Special", 1]]);
  const pivot = wb.addWorksheet(PIVOT);
  pivot.getCell("A3").value = "Row Labels";
  pivot.getCell("B3").value = "Sum of Pupils";
  pivot.addRows([]);
  [["Primary", 1365], ["Secondary", 4340], ["Special", 96], ["Grand Total", 5801]].forEach(([k, v], i) => {
    pivot.getCell(4 + i, 1).value = k;
    pivot.getCell(4 + i, 2).value = v;
  });
  const old = wb.addWorksheet(OLD);
  old.getCell("A1").value = "Last year's summary";
  old.getCell("A1").note = "Superseded";
  old.addImage(image, { tl: { col: 3, row: 1 }, ext: { width: 32, height: 32 } });
  wb.definedNames.add(`'${OLD}'!$A$1`, "OldTitle");
  old.pageSetup.printArea = "A1:C5";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Parts added by hand, by name; the content types they need. */
function injectedParts(): { parts: Record<string, string>; overrides: Record<string, string> } {
  const parts: Record<string, string> = {
    "xl/charts/chart1.xml":
      XML_DECL +
      `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}">` +
      `<c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
      `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${LISTS}!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Schools</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
      `<c:cat><c:strRef><c:f>${LISTS}!$A$2:$A$4</c:f><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>Primary</c:v></c:pt><c:pt idx="1"><c:v>Secondary</c:v></c:pt><c:pt idx="2"><c:v>Special</c:v></c:pt></c:strCache></c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${LISTS}!$B$2:$B$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>5</c:v></c:pt><c:pt idx="1"><c:v>4</c:v></c:pt><c:pt idx="2"><c:v>1</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>` +
      `<c:gapWidth val="150"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
      `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="1002"/></c:catAx>` +
      `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1001"/></c:valAx>` +
      `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`,
    "xl/drawings/drawing9.xml":
      XML_DECL +
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
    "xl/drawings/_rels/drawing9.xml.rels": rels([["rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart", "../charts/chart1.xml"]]),
    "xl/pivotCache/pivotCacheDefinition1.xml":
      XML_DECL +
      `<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshedBy="Officer" refreshedDate="45000.5" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="3">` +
      `<cacheSource type="worksheet"><worksheetSource ref="C1:D4" sheet="${SCHOOLS}"/></cacheSource><cacheFields count="2">` +
      `<cacheField name="Phase" numFmtId="0"><sharedItems count="3"><s v="Primary"/><s v="Secondary"/><s v="Special"/></sharedItems></cacheField>` +
      `<cacheField name="Pupils" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="96" maxValue="1400"/></cacheField>` +
      `</cacheFields></pivotCacheDefinition>`,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels([["rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords", "pivotCacheRecords1.xml"]]),
    "xl/pivotCache/pivotCacheRecords1.xml": XML_DECL + `<pivotCacheRecords xmlns="${MAIN}" xmlns:r="${R}" count="3"><r><x v="0"/><n v="210"/></r><r><x v="1"/><n v="1120"/></r><r><x v="2"/><n v="96"/></r></pivotCacheRecords>`,
    "xl/pivotTables/pivotTable1.xml":
      XML_DECL +
      `<pivotTableDefinition xmlns="${MAIN}" name="PivotTable1" cacheId="1" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1">` +
      `<location ref="A3:B7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2">` +
      `<pivotField axis="axisRow" showAll="0"><items count="4"><item x="0"/><item x="1"/><item x="2"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>` +
      `<rowFields count="1"><field x="0"/></rowFields><rowItems count="4"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems>` +
      `<dataFields count="1"><dataField name="Sum of Pupils" fld="1" baseField="0" baseItem="0"/></dataFields>` +
      `<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>`,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": rels([["rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition", "../pivotCache/pivotCacheDefinition1.xml"]]),
    "xl/externalLinks/externalLink1.xml":
      XML_DECL +
      `<externalLink xmlns="${MAIN}" xmlns:r="${R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Funding"/></sheetNames>` +
      `<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
    "xl/externalLinks/_rels/externalLink1.xml.rels":
      XML_DECL + `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="funding%202024.xlsx" TargetMode="External"/></Relationships>`,
    "customXml/item1.xml": XML_DECL + `<ct:contentTypeSchema xmlns:ct="http://schemas.microsoft.com/office/2006/metadata/contentType" ct:_="" ma:_="" ma:contentTypeName="Document" xmlns:ma="http://schemas.microsoft.com/office/2006/metadata/properties/metaAttributes"/>`,
    "customXml/itemProps1.xml": XML_DECL + `<ds:datastoreItem ds:itemID="{6D2C2B9E-1A3F-4C77-9E43-0F6C3A4C2B11}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/contentType"/></ds:schemaRefs></ds:datastoreItem>`,
    "customXml/_rels/item1.xml.rels": rels([["rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps", "itemProps1.xml"]]),
    "docProps/custom.xml":
      XML_DECL +
      `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      [["Enabled", "true"], ["SetDate", "2024-05-01T09:00:00Z"], ["Method", "Privileged"], ["Name", "OFFICIAL-SENSITIVE"], ["SiteId", "0f5e2c1a-1111-2222-3333-444455556666"], ["ContentBits", "2"]]
        .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="MSIP_Label_${LABEL_ID}_${k}"><vt:lpwstr>${v}</vt:lpwstr></property>`)
        .join("") +
      `</Properties>`,
  };
  const overrides = {
    "/xl/charts/chart1.xml": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "/xl/drawings/drawing9.xml": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "/xl/pivotCache/pivotCacheDefinition1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
    "/xl/pivotCache/pivotCacheRecords1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
    "/xl/pivotTables/pivotTable1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
    "/xl/externalLinks/externalLink1.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
    "/customXml/itemProps1.xml": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "/docProps/custom.xml": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  };
  return { parts, overrides };
}

function rels(list: [string, string, string][]): string {
  return XML_DECL + `<Relationships xmlns="${PKG_REL}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;
}

/** Adds relationships to a .rels part (creating it when missing). */
function addRels(files: Unzipped, part: string, list: [string, string, string][]) {
  const existing = files[part] ? strFromU8(files[part]) : rels([]);
  const added = list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("");
  files[part] = strToU8(existing.replace("</Relationships>", `${added}</Relationships>`));
}

function edit(files: Unzipped, part: string, change: (xml: string) => string) {
  const before = strFromU8(files[part]);
  const after = change(before);
  if (after === before) throw new Error(`corpus: no change made to ${part}`);
  files[part] = strToU8(after);
}

/** The sheet part of a sheet name, from workbook.xml and its rels as ExcelJS wrote them. */
export function sheetPartOf(files: Unzipped, name: string): string {
  const wb = strFromU8(files["xl/workbook.xml"]);
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(strFromU8(files["xl/_rels/workbook.xml.rels"]))!;
  return "xl/" + (target[1] ?? target[2]).replace(/^\/?xl\//, "");
}

const X14_EXT =
  `<extLst>` +
  `<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
  `<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>${LISTS}!$A$2:$A$4</xm:f></x14:formula1><xm:sqref>G2:G11</xm:sqref></x14:dataValidation></x14:dataValidations></ext>` +
  `<ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
  `<x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/>` +
  `<x14:sparklines><x14:sparkline><xm:f>${SCHOOLS}!D2:F2</xm:f><xm:sqref>K2</xm:sqref></x14:sparkline><x14:sparkline><xm:f>${SCHOOLS}!D3:F3</xm:f><xm:sqref>K3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>` +
  `</extLst>`;

/** Bytes that stand for a VBA project: a compound-file header and filler (never run). */
export const VBA_PROJECT = Uint8Array.from({ length: 1536 }, (_, i) => [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1][i] ?? (i * 7) % 251);

/** The test workbook as bytes. */
export async function buildCorpus(opts: CorpusOptions = {}): Promise<Uint8Array> {
  const files = unzipSync(await excelJsWorkbook(opts));
  const { parts, overrides } = injectedParts();
  Object.assign(files, Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));

  const listsPart = sheetPartOf(files, LISTS);
  const pivotPart = sheetPartOf(files, PIVOT);
  const schoolsPart = sheetPartOf(files, SCHOOLS);
  const relsOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");
  edit(files, listsPart, (x) => x.replace("</worksheet>", `<drawing r:id="rIdChart"/></worksheet>`));
  addRels(files, relsOf(listsPart), [["rIdChart", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing", "../drawings/drawing9.xml"]]);
  addRels(files, relsOf(pivotPart), [["rIdPivot", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable", "../pivotTables/pivotTable1.xml"]]);
  edit(files, schoolsPart, (x) => x.replace("</worksheet>", `${X14_EXT}</worksheet>`));

  addRels(files, "xl/_rels/workbook.xml.rels", [
    ["rIdCache", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition", "pivotCache/pivotCacheDefinition1.xml"],
    ["rIdLink", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink", "externalLinks/externalLink1.xml"],
    ["rIdCustomXml", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml", "../customXml/item1.xml"],
  ]);
  edit(files, "xl/workbook.xml", (x) =>
    x
      .replace("</sheets>", `</sheets><externalReferences><externalReference r:id="rIdLink"/></externalReferences>`)
      .replace(/(<calcPr[^>]*\/>)/, `$1<pivotCaches><pivotCache cacheId="1" r:id="rIdCache"/></pivotCaches>`),
  );
  addRels(files, "_rels/.rels", [["rIdCustom", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties", "docProps/custom.xml"]]);

  let types = strFromU8(files["[Content_Types].xml"]);
  const extra = Object.entries(overrides).map(([name, type]) => `<Override PartName="${name}" ContentType="${type}"/>`);
  if (opts.macro) {
    files["xl/vbaProject.bin"] = VBA_PROJECT;
    addRels(files, "xl/_rels/workbook.xml.rels", [["rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"]]);
    types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    extra.unshift(`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`);
  }
  files["[Content_Types].xml"] = strToU8(types.replace("</Types>", `${extra.join("")}</Types>`));

  const ordered: Unzipped = { "[Content_Types].xml": files["[Content_Types].xml"] };
  for (const [k, v] of Object.entries(files)) if (!(k in ordered)) ordered[k] = v;
  return zipSync(ordered);
}
