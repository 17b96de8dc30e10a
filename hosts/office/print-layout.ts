/// <reference types="office-js" />
// The engine's print layout through Office.js (ExcelApi 1.9, which the manifest requires): the
// schools sheet's own page setup is read with a request the run makes anyway, and the layout is
// written with the summary's, so printing costs no request of its own.
import type { HeaderFooterText, PrintSetupFound, SheetPrintLayout } from "../../engine";

const POINTS_PER_INCH = 72;

/** Whether a print title or area is set, and where. */
const NULL_AND_ADDRESS = "isNullObject,address";

/** A sheet's page setup, queued to load with the next request. */
export interface PrintRead {
  layout: Excel.PageLayout;
  titleRows: Excel.Range;
  titleColumns: Excel.Range;
  area: Excel.RangeAreas;
  rowBreaks: OfficeExtension.ClientResult<number>;
  columnBreaks: OfficeExtension.ClientResult<number>;
  texts: Excel.HeaderFooter;
}

/** Queues the reads of a sheet's page setup (printSetupFound reads them after the next sync). */
export function queuePrintRead(ws: Excel.Worksheet): PrintRead {
  const layout = ws.pageLayout;
  layout.load("orientation,zoom,leftMargin,rightMargin,topMargin,bottomMargin,headerMargin,footerMargin");
  const [titleRows, titleColumns, area] = [layout.getPrintTitleRowsOrNullObject(), layout.getPrintTitleColumnsOrNullObject(), layout.getPrintAreaOrNullObject()];
  for (const range of [titleRows, titleColumns, area]) range.load(NULL_AND_ADDRESS);
  const texts = layout.headersFooters.defaultForAllPages;
  texts.load("leftHeader,centerHeader,rightHeader,leftFooter,centerFooter,rightFooter");
  return { layout, titleRows, titleColumns, area, rowBreaks: ws.horizontalPageBreaks.getCount(), columnBreaks: ws.verticalPageBreaks.getCount(), texts };
}

/** What the sheet has of its own, for the engine's printLayout: read once the request is synced. */
export function printSetupFound(read: PrintRead): PrintSetupFound {
  const { layout, texts } = read;
  const zoom = layout.zoom ?? {};
  const fitted = typeof zoom.horizontalFitToPages === "number" || typeof zoom.verticalFitToPages === "number";
  const rows = read.titleRows.isNullObject ? null : /\$?(\d+):\$?(\d+)$/.exec(read.titleRows.address);
  const inches = (points: number) => Math.round((points / POINTS_PER_INCH) * 1000) / 1000;
  return {
    orientation: layout.orientation === "Landscape" ? "landscape" : "portrait",
    scale: typeof zoom.scale === "number" ? zoom.scale : 100,
    fitTo: fitted ? { width: zoom.horizontalFitToPages ?? 0, height: zoom.verticalFitToPages ?? 0 } : null,
    titleRows: rows ? { first: Number(rows[1]), last: Number(rows[2]) } : null,
    titleColumns: !read.titleColumns.isNullObject,
    printArea: !read.area.isNullObject,
    pageBreaks: read.rowBreaks.value + read.columnBreaks.value > 0,
    header: parts(texts.leftHeader, texts.centerHeader, texts.rightHeader),
    footer: parts(texts.leftFooter, texts.centerFooter, texts.rightFooter),
    margins: {
      left: inches(layout.leftMargin), right: inches(layout.rightMargin), top: inches(layout.topMargin),
      bottom: inches(layout.bottomMargin), header: inches(layout.headerMargin), footer: inches(layout.footerMargin),
    },
  };
}

const parts = (left: string, center: string, right: string): HeaderFooterText | null =>
  left || center || right ? { left: left ?? "", center: center ?? "", right: right ?? "" } : null;

/**
 * Queues a sheet's page setup. `ours`: the sheet is the add-in's own (the summary), so its old
 * page breaks go first; on the officer's sheet none are ever removed.
 */
export function queuePrintLayout(ws: Excel.Worksheet, layout: SheetPrintLayout, ours: boolean): void {
  const p = ws.pageLayout;
  p.orientation = layout.orientation === "landscape" ? "Landscape" : "Portrait";
  // layout.paper is not set here: Office.js always reports a paper size, so a sheet's own choice
  // (A3, say) cannot be told from none, and Excel already uses the officer's printer's paper.
  p.zoom = { horizontalFitToPages: layout.fitTo.width, verticalFitToPages: layout.fitTo.height };
  const m = layout.margins;
  if (m) {
    p.leftMargin = m.left * POINTS_PER_INCH;
    p.rightMargin = m.right * POINTS_PER_INCH;
    p.topMargin = m.top * POINTS_PER_INCH;
    p.bottomMargin = m.bottom * POINTS_PER_INCH;
    p.headerMargin = m.header * POINTS_PER_INCH;
    p.footerMargin = m.footer * POINTS_PER_INCH;
  }
  const footer = p.headersFooters.defaultForAllPages;
  footer.leftFooter = layout.footer.left;
  footer.centerFooter = layout.footer.center;
  footer.rightFooter = layout.footer.right;
  if (layout.titleRows) p.setPrintTitleRows(`$${layout.titleRows.first}:$${layout.titleRows.last}`);
  if (ours) ws.horizontalPageBreaks.removePageBreaks();
  for (const row of layout.rowBreaks) ws.horizontalPageBreaks.add(`A${row}`);
}

/**
 * Queues the wrap of the results columns that hold long texts, over the data rows. Excel grows the
 * rows to fit, as when Wrap Text is clicked; a row height the officer set stays as it is.
 */
export function queueWrap(ws: Excel.Worksheet, firstRow: number, rows: number, columns: number[]): void {
  if (!rows) return;
  for (const c of columns) ws.getRangeByIndexes(firstRow - 1, c - 1, rows, 1).format.wrapText = true;
}
