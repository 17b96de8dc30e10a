// A worksheet's page setup elements as patchSheet writes them (sheetPr's pageSetUpPr, pageMargins,
// pageSetup, headerFooter, rowBreaks), where each goes in CT_Worksheet's order, and headers and
// footers in Excel's codes ("&LLeft&CCentre&RRight") both ways.
import { escapeText, openTag } from "./xml-escape";
import type { PageSetupPatch } from "./types";

/** CT_Worksheet's children in the order the schema requires (Excel refuses a sheet out of order). */
const WORKSHEET_ORDER = [
  "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios",
  "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
  "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
  "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
];
const RANK = new Map(WORKSHEET_ORDER.map((name, i) => [name, i]));

/** An element's place in CT_Worksheet's order, or -1 for one the schema does not list (mc:AlternateContent). */
export const worksheetRank = (local: string): number => RANK.get(local) ?? -1;

export type PrintElement = "pageMargins" | "pageSetup" | "headerFooter" | "rowBreaks";

/** The elements a patch writes, in schema order. */
export function printElements(patch: PageSetupPatch): PrintElement[] {
  const out: PrintElement[] = [];
  if (patch.margins) out.push("pageMargins");
  if (patch.orientation || patch.fitTo || patch.paper) out.push("pageSetup");
  if (patch.footer) out.push("headerFooter");
  if (patch.rowBreaks?.length) out.push("rowBreaks");
  return out;
}

/**
 * An element's text; `existing` is the start tag's attributes of the sheet's own <pageSetup>,
 * which keeps those the patch does not set (paper size, printer settings).
 */
export function printElementXml(p: string, element: PrintElement, patch: PageSetupPatch, existing: Record<string, string> = {}): string {
  switch (element) {
    case "pageMargins": {
      const m = patch.margins!;
      return openTag(`${p}pageMargins`, { left: String(m.left), right: String(m.right), top: String(m.top), bottom: String(m.bottom), header: String(m.header), footer: String(m.footer) }, true);
    }
    case "pageSetup":
      return openTag(`${p}pageSetup`, pageSetupAttributes(existing, patch), true);
    case "headerFooter":
      return `<${p}headerFooter><${p}oddFooter>${escapeText(headerFooterCodes(patch.footer!))}</${p}oddFooter></${p}headerFooter>`;
    case "rowBreaks": {
      const rows = [...new Set(patch.rowBreaks!)].sort((a, b) => a - b);
      // A break's id is the last row above it (0-based: the first row of the new page).
      const breaks = rows.map((r) => openTag(`${p}brk`, { id: String(r - 1), max: "16383", man: "1" }, true)).join("");
      return `<${p}rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${breaks}</${p}rowBreaks>`;
    }
  }
}

/** <pageSetup>'s attributes with the patch's orientation and fit set, the others kept in their order. */
export function pageSetupAttributes(existing: Record<string, string>, patch: PageSetupPatch): Record<string, string> {
  const out = { ...existing };
  if (patch.orientation) out.orientation = patch.orientation;
  // paperSize 9 is A4; a sheet's own paper (any paperSize, or a custom paperHeight/paperWidth) stays.
  if (patch.paper === "A4" && out.paperSize === undefined && out.paperHeight === undefined && out.paperWidth === undefined) out.paperSize = "9";
  if (patch.fitTo) {
    out.fitToWidth = String(patch.fitTo.width);
    out.fitToHeight = String(patch.fitTo.height);
  }
  return out;
}

/** <pageSetUpPr> asks for the fit when the patch fits to pages. */
export const fitToPageAttributes = (existing: Record<string, string>): Record<string, string> => ({ ...existing, fitToPage: "1" });

/** Left, centre and right as Excel's codes: "&L…&C…&R…", empty parts left out. */
export function headerFooterCodes(f: { left?: string; center?: string; right?: string }): string {
  return (f.left ? `&L${f.left}` : "") + (f.center ? `&C${f.center}` : "") + (f.right ? `&R${f.right}` : "");
}

/** Excel's codes read into their three parts (text before any &L, &C or &R is the centre), or null when empty. */
export function parseHeaderFooter(codes: string): { left: string; center: string; right: string } | null {
  const parts = { left: "", center: "", right: "" };
  let part: keyof typeof parts = "center";
  for (let i = 0; i < codes.length; i++) {
    const ch = codes[i];
    const next = codes[i + 1];
    if (ch === "&" && (next === "L" || next === "C" || next === "R")) {
      part = next === "L" ? "left" : next === "C" ? "center" : "right";
      i++;
    } else if (ch === "&" && next !== undefined) {
      parts[part] += ch + next;
      i++;
    } else parts[part] += ch;
  }
  return parts.left || parts.center || parts.right ? parts : null;
}
