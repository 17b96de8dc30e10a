// A small, plain Word document made from paragraphs: how the bundled letter templates are made
// (scripts/make-letter-templates.ts), and what tests build odd templates with. A4, Arial, a
// first-page header for the letterhead, bulleted lists with Word's own numbering.
import { zipSync, strToU8, type Zippable } from "fflate";
import { encodeXml } from "./word-xml";

export interface DocxRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type ParagraphStyle = "Normal" | "Title" | "Heading1" | "ListBullet" | "Letterhead" | "Note" | "Address";

export interface DocxParagraph {
  /** Text, or runs (each run is one <w:r>, so a placeholder may be split across runs on purpose). */
  runs: string | (string | DocxRun)[];
  style?: ParagraphStyle;
  align?: "right" | "center";
}

export interface NewDocx {
  title: string;
  body: DocxParagraph[];
  /** Shown on the first page of each letter only (the letterhead). */
  firstPageHeader?: DocxParagraph[];
  /** On every page. */
  footer?: DocxParagraph[];
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Parts are stamped with this time, so the same input makes the same bytes. */
const STAMP = new Date(2025, 0, 1);

function runXml(run: string | DocxRun): string {
  const r = typeof run === "string" ? { text: run } : run;
  const props = `${r.bold ? "<w:b/>" : ""}${r.italic ? "<w:i/>" : ""}`;
  const lines = r.text.split("\n").map((l) => `<w:t xml:space="preserve">${encodeXml(l)}</w:t>`);
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}${lines.join("<w:br/>")}</w:r>`;
}

function paragraphXml(p: DocxParagraph): string {
  const props = `${p.style && p.style !== "Normal" ? `<w:pStyle w:val="${p.style}"/>` : ""}${p.align ? `<w:jc w:val="${p.align === "center" ? "center" : "right"}"/>` : ""}`;
  const runs = typeof p.runs === "string" ? [p.runs] : p.runs;
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs.map(runXml).join("")}</w:p>`;
}

const STYLES = `${DECL}<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/><w:ind w:left="567" w:hanging="283"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Letterhead"><w:name w:val="Letterhead"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="7F7F7F"/><w:left w:val="single" w:sz="6" w:space="4" w:color="7F7F7F"/><w:bottom w:val="single" w:sz="6" w:space="4" w:color="7F7F7F"/><w:right w:val="single" w:sz="6" w:space="4" w:color="7F7F7F"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:spacing w:after="0"/><w:jc w:val="right"/></w:pPr><w:rPr><w:color w:val="404040"/><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Address"><w:name w:val="Address"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
</w:styles>`;

const NUMBERING = `${DECL}<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;

const part = (root: "hdr" | "ftr", paragraphs: DocxParagraph[]) => `${DECL}<w:${root} ${W}>${paragraphs.map(paragraphXml).join("")}</w:${root}>`;

export function newDocx(doc: NewDocx): Uint8Array {
  const header = doc.firstPageHeader ?? [];
  const footer = doc.footer ?? [];
  const rels = [
    ["rId1", "styles", "styles.xml"],
    ["rId2", "numbering", "numbering.xml"],
    ["rId3", "settings", "settings.xml"],
    ...(header.length ? [["rId4", "header", "header1.xml"]] : []),
    ...(footer.length ? [["rId5", "footer", "footer1.xml"]] : []),
  ];
  const sectPr =
    `<w:sectPr>${header.length ? '<w:headerReference w:type="first" r:id="rId4"/>' : ""}${footer.length ? '<w:footerReference w:type="default" r:id="rId5"/><w:footerReference w:type="first" r:id="rId5"/>' : ""}` +
    `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>${header.length ? "<w:titlePg/>" : ""}</w:sectPr>`;
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
        `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
        `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
        `<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
        (header.length ? `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` : "") +
        (footer.length ? `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` : "") +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    "docProps/core.xml": strToU8(
      `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${encodeXml(doc.title)}</dc:title></cp:coreProperties>`,
    ),
    "word/document.xml": strToU8(`${DECL}<w:document ${W}><w:body>${doc.body.map(paragraphXml).join("")}${sectPr}</w:body></w:document>`),
    "word/styles.xml": strToU8(STYLES),
    "word/numbering.xml": strToU8(NUMBERING),
    "word/settings.xml": strToU8(`${DECL}<w:settings ${W}><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`),
    "word/_rels/document.xml.rels": strToU8(
      `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels
        .map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`)
        .join("")}</Relationships>`,
    ),
    ...(header.length ? { "word/header1.xml": strToU8(part("hdr", header)) } : {}),
    ...(footer.length ? { "word/footer1.xml": strToU8(part("ftr", footer)) } : {}),
  };
  return zipSync(files, { level: 6, mtime: STAMP });
}
