// What a run or a clear changes in a workbook file, as edits for the package-preserving writer:
// the results cells, fills and widths on the schools sheet, the fills put back, the summary sheet
// and the run record. Everything else in the file is copied as it was.
import { STORE_SHEET, storeGrid, type CellRef, type CellStyle, type CellValue, type FillGroup, type FillSnapshot, type OutputPlan, type PlannedDropdown, type PrintLayout, type RunDecision, type SheetPrintLayout, type StoreContents } from "../../engine";
import { parseXmlTree, type XmlElement } from "../xlsx-package/xml-tree";
import { CellEditList, type CellStylePatch, type ListValidation, type NewSheet, type PackageEdits, type PageSetupPatch } from "../xlsx-package";

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
    paper: layout.paper,
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

/** The officer fills to put back: one style per fill, shared by its cells. */
function restoreEdits(groups: FillGroup[], into = new CellEditList()): CellEditList {
  for (const { fill, cells } of groups) {
    const style = restoreOf(fill);
    for (const c of cells) into.add(c.row, c.column, undefined, style);
  }
  return into;
}

/**
 * The results cells' styles by place in the plan's values (row i, column j at i * width + j); cells
 * outside the values (none, in a plan as made) are listed apart. Each group's style is made once.
 */
function resultStyles(plan: OutputPlan, decision: RunDecision) {
  const width = plan.headers.length;
  const inside: (CellStylePatch | undefined)[] = new Array(plan.values.length * width);
  const outside: { cell: CellRef; style: CellStylePatch }[] = [];
  for (const g of decision.styles.results) {
    const style = patchOf(g.style);
    for (const cell of g.cells) {
      const i = cell.row - plan.headerRow - 1;
      const j = cell.column - plan.firstColumn;
      if (i < 0 || i >= plan.values.length || j < 0 || j >= width) outside.push({ cell, style });
      else inside[i * width + j] = inside[i * width + j] ? { ...inside[i * width + j], ...style } : style;
    }
  }
  return { inside, outside };
}

/**
 * The schools sheet's cell edits, in the order they merge: fills put back, headers, the results
 * (each cell's value and style in one edit), the officer cells' fills. Cells share style objects.
 */
function schoolsCells(plan: OutputPlan, decision: RunDecision, print?: PrintLayout): CellEditList {
  const { values, headerRow, firstColumn } = plan;
  const width = plan.headers.length;
  const officerCells = decision.styles.officer.reduce((n, g) => n + g.cells.length, 0);
  const cells = restoreEdits(decision.restore, new CellEditList(values.length * width + officerCells + 1024));
  const headerStyle = patchOf(plan.headerStyle);
  plan.headers.forEach((h, j) => cells.add(headerRow, firstColumn + j, h, headerStyle));

  const results = resultStyles(plan, decision);
  const wrapped = new Set((print?.wrapColumns ?? []).map((c) => c - firstColumn));
  const date: CellStylePatch = { numFmt: DATE_FORMAT };
  const wrap: CellStylePatch = { wrap: true };
  /** A value's own style with a results style over it, made once for each pair. */
  const merged = new Map<CellStylePatch, Map<CellStylePatch, CellStylePatch>>();
  const withResult = (own: CellStylePatch | undefined, result: CellStylePatch) => {
    if (!own) return result;
    const byOwn = merged.get(result) ?? merged.set(result, new Map()).get(result)!;
    let style = byOwn.get(own);
    if (!style) byOwn.set(own, (style = { ...own, ...result }));
    return style;
  };
  for (let i = 0; i < values.length; i++) {
    const row = values[i];
    for (let j = 0; j < width || j < row.length; j++) {
      const value = j < row.length ? row[j] : null;
      const result = j < width ? results.inside[i * width + j] : undefined;
      if (value === null || value === undefined) {
        if (result) cells.add(headerRow + 1 + i, firstColumn + j, undefined, result);
        continue;
      }
      const own = value instanceof Date ? date : wrapped.has(j) ? wrap : undefined;
      cells.add(headerRow + 1 + i, firstColumn + j, value, result ? withResult(own, result) : own);
    }
  }
  for (const { cell, style } of results.outside) cells.add(cell.row, cell.column, undefined, style);
  // Officer cells only ever take a fill.
  for (const g of decision.styles.officer) {
    const style = { fill: g.fill };
    for (const c of g.cells) cells.add(c.row, c.column, undefined, style);
  }
  return cells;
}

/**
 * The edits of a run, as the re-run policy decided them. `store` is the record to keep; `print`
 * the page setup (engine/output/print-layout.ts): wrapped results texts and the sheets' pages.
 */
export function runEdits(plan: OutputPlan, decision: RunDecision, store: StoreContents, sheetNames: readonly string[], storeRows: readonly CellValue[][] = [], print?: PrintLayout): PackageEdits {
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
    cells: [],
    cellList: schoolsCells(plan, decision, print),
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
    sheets: [{ sheet, cells: [], cellList: restoreEdits(decision.restore), ...(decision.clear ? { clearArea: decision.clear } : {}) }],
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
