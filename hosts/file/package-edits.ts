// What a run or a clear changes in a workbook file, as edits for the package-preserving writer:
// the results cells, fills and widths on the schools sheet, the fills put back, the summary sheet
// and the run record. Everything else in the file is copied as it was.
import { STORE_SHEET, storeGrid, type CellStyle, type CellValue, type FillGroup, type FillSnapshot, type OutputPlan, type PlannedDropdown, type PrintLayout, type RunDecision, type SheetPrintLayout, type StoreContents } from "../../engine";
import { parseXmlTree, type XmlElement } from "../xlsx-package/xml-tree";
import type { CellEdit, CellStylePatch, ListValidation, NewSheet, PackageEdits, PageSetupPatch } from "../xlsx-package";

const DATE_FORMAT = "dd/mm/yyyy";

const patchOf = (s: CellStyle): CellStylePatch => ({
  ...(s.fill ? { fill: s.fill } : {}),
  ...(s.font ? { font: s.font } : {}),
  ...(s.bold ? { bold: true } : {}),
  ...(s.numberFormat ? { numFmt: s.numberFormat } : {}),
});

/** The engine's page setup as the package writer takes it. */
function pageSetupOf(layout: SheetPrintLayout): PageSetupPatch {
  return {
    orientation: layout.orientation,
    fitTo: layout.fitTo,
    ...(layout.margins ? { margins: layout.margins } : {}),
    footer: layout.footer,
    ...(layout.rowBreaks.length ? { rowBreaks: layout.rowBreaks } : {}),
    ...(layout.titleRows ? { titleRows: layout.titleRows } : {}),
  };
}

/** An officer cell's own fill, as recorded: the exact fill the file had, else its colour. */
function restoreOf(fill: FillSnapshot): CellStylePatch {
  if (fill.xml && isPlainFill(fill.xml)) return { fillXml: fill.xml };
  return { fill: fill.color };
}

const restoreEdits = (groups: FillGroup[]): CellEdit[] => groups.flatMap(({ fill, cells }) => cells.map((c) => ({ ...c, style: restoreOf(fill) })));

/**
 * The edits of a run, as the re-run policy decided them. `store` is the record to keep; `print`
 * the page setup (engine/output/print-layout.ts): wrapped results texts and the sheets' pages.
 */
export function runEdits(plan: OutputPlan, decision: RunDecision, store: StoreContents, sheetNames: readonly string[], storeRows: readonly CellValue[][] = [], print?: PrintLayout): PackageEdits {
  const cells: CellEdit[] = restoreEdits(decision.restore);
  plan.headers.forEach((h, j) => cells.push({ row: plan.headerRow, column: plan.firstColumn + j, value: h, style: patchOf(plan.headerStyle) }));
  const wrap = new Set((print?.wrapColumns ?? []).map((c) => c - plan.firstColumn));
  plan.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      const style: CellStylePatch | undefined = v instanceof Date ? { numFmt: DATE_FORMAT } : wrap.has(j) ? { wrap: true } : undefined;
      cells.push({ row: plan.headerRow + 1 + i, column: plan.firstColumn + j, value: v, ...(style ? { style } : {}) });
    }),
  );
  for (const g of decision.styles.results) for (const c of g.cells) cells.push({ ...c, style: patchOf(g.style) });
  // Officer cells only ever take a fill.
  for (const g of decision.styles.officer) for (const c of g.cells) cells.push({ ...c, style: { fill: g.fill } });

  const summary = summarySheet(plan, decision.summaryName, print?.summary);
  const dropdowns = plan.dropdowns ?? [];
  // Dropdowns on the schools sheet and history sheets; the officer's own validations are kept.
  const validations = new Map<string, ListValidation[]>();
  for (const d of dropdowns) {
    const list = validations.get(d.sheet) ?? validations.set(d.sheet, []).get(d.sheet)!;
    list.push({ area: { top: d.firstRow, left: d.column, bottom: d.lastRow, right: d.column }, list: d.inline ? d.values.join(",") : d.source, inline: d.inline, title: d.title, prompt: d.prompt, error: d.error });
  }
  const schools = {
    sheet: plan.sheet,
    clearArea: decision.clear,
    cells,
    columnWidths: plan.columnWidths.map((width, j) => ({ column: plan.firstColumn + j, width })),
    validations: validations.get(plan.sheet) ?? [],
    ...(print?.schools ? { pageSetup: pageSetupOf(print.schools) } : {}),
    ...(print?.rowHeights.length ? { rowHeights: print.rowHeights } : {}),
  };
  const others = [...validations].filter(([sheet]) => sheet !== plan.sheet).map(([sheet, list]) => ({ sheet, cells: [], validations: list }));
  return {
    sheets: [schools, ...others],
    removeSheets: [summary.name, STORE_SHEET].filter((n) => sheetNames.includes(n)),
    addSheets: [summary, storeSheet(store, dropdowns, storeRows)],
  };
}

/** The edits of a clear (the dropdowns' lists in `storeRows` stay: Clear leaves the dropdowns). */
export function clearEdits(
  sheet: string,
  decision: { clear: RunDecision["clear"] | null; restore: FillGroup[]; dropSummary: string | null; store: StoreContents },
  sheetNames: readonly string[],
  storeRows: readonly CellValue[][] = [],
): PackageEdits {
  const drop = decision.dropSummary && sheetNames.includes(decision.dropSummary) ? [decision.dropSummary] : [];
  const keepStore = sheetNames.includes(STORE_SHEET);
  return {
    sheets: [{ sheet, cells: restoreEdits(decision.restore), ...(decision.clear ? { clearArea: decision.clear } : {}) }],
    removeSheets: [...drop, ...(keepStore ? [STORE_SHEET] : [])],
    addSheets: keepStore ? [storeSheet(decision.store, [], storeRows)] : [],
  };
}

function summarySheet(plan: OutputPlan, name: string, print?: SheetPrintLayout): NewSheet {
  const s = plan.summary;
  const width = (i: number) => s.rows[i]?.length ?? 0;
  const bold = [0, ...(s.headerRows ?? [])].flatMap((i) => Array.from({ length: Math.max(1, width(i)) }, (_, j) => ({ row: i + 1, column: j + 1, style: { bold: true } })));
  return {
    name,
    rows: s.rows,
    cellStyles: [...bold, ...(s.cellStyles ?? []).map((c) => ({ row: c.row + 1, column: c.column + 1, style: patchOf(c.style) }))],
    columnWidths: (s.columnWidths ?? []).map((w, j) => ({ column: j + 1, width: w })),
    ...(print ? { pageSetup: pageSetupOf(print) } : {}),
  };
}

/**
 * The hidden record sheet: the store in columns A and B, and each dropdown's list in its own
 * column (the plan's listColumn, from D), its cells named in row 1, as the Office host keeps them.
 */
function storeSheet(store: StoreContents, dropdowns: readonly PlannedDropdown[] = [], keep: readonly CellValue[][] = []): NewSheet {
  const rows: CellValue[][] = storeGrid(store).map((r) => [...r]);
  // Lists kept from before (columns from C on), where this write does not give them anew.
  keep.forEach((r, i) => {
    if (r.length <= 2) return;
    const row = rows[i] ?? (rows[i] = []);
    while (row.length < 2) row.push(null);
    for (let c = 2; c < r.length; c++) row[c] = r[c] ?? null;
  });
  for (const d of dropdowns) {
    [d.listHeader, ...d.values].forEach((v, i) => {
      const row = rows[i] ?? (rows[i] = []);
      while (row.length < d.listColumn - 1) row.push(null);
      row[d.listColumn - 1] = v;
    });
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: STORE_SHEET, rows, state: "veryHidden" };
}

/** The elements and attributes a cell fill may have (CT_Fill); anything else is not restored. */
const FILL_SHAPE: Record<string, string[]> = {
  fill: [],
  patternFill: ["patternType"],
  gradientFill: ["type", "degree", "left", "right", "top", "bottom"],
  fgColor: ["auto", "indexed", "rgb", "theme", "tint"],
  bgColor: ["auto", "indexed", "rgb", "theme", "tint"],
  stop: ["position"],
  color: ["auto", "indexed", "rgb", "theme", "tint"],
};

/**
 * A recorded fill is written back only if it is a plain OOXML fill: known elements and
 * attributes, short values. The record comes from the workbook, so it is not trusted.
 */
export function isPlainFill(xml: string): boolean {
  if (xml.length > 4_000) return false;
  let root: XmlElement;
  try {
    root = parseXmlTree(xml, "recorded fill");
  } catch {
    return false;
  }
  const ok = (el: XmlElement): boolean =>
    Object.prototype.hasOwnProperty.call(FILL_SHAPE, el.local) &&
    Object.entries(el.attributes).every(([k, v]) => k === "xmlns" || k.startsWith("xmlns:") || (FILL_SHAPE[el.local].includes(k) && /^[\w.#+-]{0,40}$/.test(v))) &&
    el.children.every(ok);
  return root.local === "fill" && ok(root);
}

/** The edits that replace the run record (and stored ruleset) alone, the dropdowns' lists kept. */
export function storeEdits(store: StoreContents, sheetNames: readonly string[], storeRows: readonly CellValue[][] = []): PackageEdits {
  return { removeSheets: sheetNames.includes(STORE_SHEET) ? [STORE_SHEET] : [], addSheets: [storeSheet(store, [], storeRows)] };
}
