// readPrintSetup: a sheet's own page setup, read before a run decides whether to set its own
// (sheetPr's fit, pageSetup, pageMargins, headerFooter, row and column breaks, and the workbook's
// print titles and print area for the sheet). Only the XML outside <sheetData> is parsed.
import { parseHeaderFooter } from "./page-setup-xml";
import type { PartCache } from "./part-cache";
import type { PrintSetupRead } from "./types";
import { WorkbookPackage } from "./workbook-package";
import { childNamed, childrenNamed, parseXmlTree, type XmlElement } from "./xml-tree";

const utf8 = new TextDecoder();

export function readPrintSetup(bytes: Uint8Array, sheet: string, parts?: PartCache): PrintSetupRead {
  const pkg = new WorkbookPackage(bytes, parts);
  const entry = pkg.sheet(sheet);
  const part = pkg.worksheetPart(entry);
  const root = parseXmlTree(outsideSheetData(pkg.data(part)), part);
  const setup = childNamed(root, "pageSetup")?.attributes ?? {};
  const fit = childNamed(childNamed(root, "sheetPr") ?? root, "pageSetUpPr")?.attributes.fitToPage;
  const margins = childNamed(root, "pageMargins")?.attributes;
  const headerFooter = childNamed(root, "headerFooter");
  const codes = (name: string) => (headerFooter ? childrenNamed(headerFooter, name).map((el) => el.text).join("") : "");
  const names = childNamed(pkg.workbook.root, "definedNames");
  const own = (names ? childrenNamed(names, "definedName") : []).filter((el) => el.attributes.localSheetId === String(entry.index));
  const titles = own.find((el) => el.attributes.name?.toLowerCase() === "_xlnm.print_titles")?.text ?? "";
  // "'Schools'!$A:$B,'Schools'!$1:$1": columns, rows or both.
  const ranges = titles ? titles.split(",").map((r) => r.replace(/^.*!/, "").replace(/\$/g, "").trim()) : [];
  const rows = ranges.map((r) => /^(\d+):(\d+)$/.exec(r)).find((m) => m);
  const number = (v: string | undefined, fallback: number) => (v !== undefined && Number.isFinite(Number(v)) ? Number(v) : fallback);
  return {
    orientation: setup.orientation === "landscape" ? "landscape" : "portrait",
    scale: number(setup.scale, 100),
    fitTo: fit === "1" || fit === "true" ? { width: number(setup.fitToWidth, 1), height: number(setup.fitToHeight, 1) } : null,
    titleRows: rows ? { first: Number(rows[1]), last: Number(rows[2]) } : null,
    titleColumns: ranges.some((r) => /^[A-Z]+:[A-Z]+$/i.test(r)),
    printArea: own.some((el) => el.attributes.name?.toLowerCase() === "_xlnm.print_area"),
    pageBreaks: ["rowBreaks", "colBreaks"].some((name) => hasBreaks(childNamed(root, name))),
    header: parseHeaderFooter(codes("oddHeader") + codes("evenHeader") + codes("firstHeader")),
    footer: parseHeaderFooter(codes("oddFooter") + codes("evenFooter") + codes("firstFooter")),
    margins: margins
      ? { left: number(margins.left, 0.7), right: number(margins.right, 0.7), top: number(margins.top, 0.75), bottom: number(margins.bottom, 0.75), header: number(margins.header, 0.3), footer: number(margins.footer, 0.3) }
      : null,
  };
}

const hasBreaks = (el: XmlElement | undefined) => !!el && childrenNamed(el, "brk").length > 0;

/**
 * The sheet's XML without its <sheetData> (which may be most of a big sheet): the text before
 * its start and after its end, still well formed.
 */
function outsideSheetData(data: Uint8Array): string {
  const start = find(data, "<sheetData", 0) ?? find(data, ":sheetData", 0);
  if (start === undefined) return utf8.decode(data);
  const open = data[start] === 60 ? start : data.lastIndexOf(60, start);
  const tagEnd = data.indexOf(62, start);
  if (tagEnd < 0) return utf8.decode(data);
  // <sheetData/>: the tag is all of it; otherwise its end tag is the last "sheetData>" in the part.
  const end = data[tagEnd - 1] === 47 ? tagEnd + 1 : lastEnd(data);
  return utf8.decode(data.subarray(0, open)) + utf8.decode(data.subarray(end));
}

const encoder = new TextEncoder();

function find(data: Uint8Array, text: string, from: number): number | undefined {
  const needle = encoder.encode(text);
  outer: for (let i = data.indexOf(needle[0], from); i >= 0 && i <= data.length - needle.length; i = data.indexOf(needle[0], i + 1)) {
    for (let k = 1; k < needle.length; k++) if (data[i + k] !== needle[k]) continue outer;
    // "<sheetData" and not "<sheetDataX…": the name ends there.
    const after = data[i + needle.length];
    if (after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13) return i;
  }
  return undefined;
}

/** Just after the last "sheetData>" (the end tag, prefix or not). */
function lastEnd(data: Uint8Array): number {
  const needle = encoder.encode("sheetData>");
  for (let i = data.length - needle.length; i >= 0; i--) {
    let k = 0;
    while (k < needle.length && data[i + k] === needle[k]) k++;
    if (k === needle.length) return i + needle.length;
  }
  return data.length;
}
