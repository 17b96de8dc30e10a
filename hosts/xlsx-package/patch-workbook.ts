// patchWorkbook: a copy of the workbook with the edits made. Only the parts the edits need are
// rewritten (edited sheets, styles; when sheets come and go the workbook, its relationships,
// content types and app.xml; the workbook's calcPr when values are written into a workbook with
// formulas); every other part is copied byte for byte, still compressed.
import { CONTENT_TYPES_PART } from "./content-types";
import { newSheetChanges, EMPTY_WORKSHEET } from "./new-sheet";
import { PackageError } from "./package-error";
import type { PartCache } from "./part-cache";
import { relativeTarget } from "./part-names";
import { pruneUnreachable, reachableParts } from "./reachable-parts";
import { REL } from "./relationships";
import { StreamingDeflate, type DeflatedPart } from "./part-deflate";
import { patchSheet, type SheetChanges } from "./sheet-patch";
import { addAndRemoveSheets } from "./sheet-list";
import type { CellEditList } from "./cell-edit-list";
import type { CellEdit, PackageEdits } from "./types";
import { validateEdits } from "./validate-edits";
import { WorkbookPackage } from "./workbook-package";
import { writeZip, type OutputEntry } from "./zip-write";

const STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
const encoder = new TextEncoder();

/** parts: the workbook's parts inflated before (part-cache.ts), so they are not inflated again. */
export function patchWorkbook(bytes: Uint8Array, edits: PackageEdits, parts?: PartCache): Uint8Array {
  // The sheets' cell edits are checked as each sheet's are read (sheet-patch.ts).
  validateEdits(edits, { cells: false });
  const pkg = new WorkbookPackage(bytes, parts);
  const styles = pkg.styles();
  const ctx = { styles: styles.sheet, date1904: pkg.workbook.date1904 };
  const reachableBefore = reachableParts(pkg);
  /** New parts' contents: small ones as text, new sheets as byte pieces, edited sheets deflated as they were patched. */
  const written = new Map<string, PartContent>();
  const write = (part: string, content: PartContent) => written.set(part, content);
  let formulasRemoved = false;

  const removing = new Set((edits.removeSheets ?? []).map((name) => pkg.sheet(name).index));
  const bySheet = changesBySheet(pkg, edits);
  // A calculation chain means the workbook has formulas, which may read the values written.
  const valuesWritten = [...bySheet.values()].some(
    (c) => c.clearArea || c.cells.some((e) => e.value !== undefined || e.clear) || !!c.cellLists?.some((list) => list.values.some((v) => v !== undefined)),
  );
  if (valuesWritten && pkg.workbookRels.list.some((r) => r.type === REL.calcChain)) pkg.workbook.recalculateOnOpen();
  for (const [index, changes] of bySheet) {
    const sheet = pkg.workbook.sheets[index];
    if (removing.has(index)) throw new PackageError(`The sheet '${sheet.name}' is both edited and removed.`);
    const part = pkg.worksheetPart(sheet);
    const deflate = new StreamingDeflate();
    const patched = patchSheet(pkg.data(part), part, changes, { ...ctx, sheet: sheet.name }, deflate.push);
    write(part, deflate.finish(patched.pieces));
    formulasRemoved ||= patched.formulasRemoved;
    const titles = changes.pageSetup?.titleRows;
    if (titles) pkg.workbook.setPrintTitleRows(sheet.name, titles.first, titles.last);
  }

  if (edits.addSheets?.length || removing.size) {
    const build = (s: Parameters<typeof newSheetChanges>[0]) => patchSheet(encoder.encode(EMPTY_WORKSHEET), s.name, newSheetChanges(s), { ...ctx, sheet: s.name }).pieces;
    addAndRemoveSheets(pkg, edits, build, write);
    for (const s of edits.addSheets ?? []) {
      const titles = s.pageSetup?.titleRows;
      if (titles) pkg.workbook.setPrintTitleRows(s.name, titles.first, titles.last);
    }
  }
  // Excel rebuilds the calculation chain when it is missing; a stale one makes it repair the file.
  if (formulasRemoved || removing.size) {
    for (const r of pkg.workbookRels.list.filter((x) => x.type === REL.calcChain)) pkg.workbookRels.remove(r.id);
  }

  if (pkg.workbook.changed) write(pkg.workbookPart, pkg.workbook.toXml());
  if (styles.sheet.changed) {
    const part = styles.part ?? styles.sheet.part;
    if (!styles.part) {
      pkg.workbookRels.add(REL.styles, relativeTarget(pkg.workbookPart, part));
      pkg.contentTypes.addOverride(part, STYLES_TYPE);
    }
    write(part, styles.sheet.toXml());
  }

  const removed = pruneUnreachable(pkg, reachableBefore);
  for (const rels of pkg.loadedRels()) {
    if (rels.changed && !removed.has(rels.relsPart.toLowerCase())) write(rels.relsPart, rels.toXml());
  }
  if (pkg.contentTypes.changed) write(CONTENT_TYPES_PART, pkg.contentTypes.toXml());

  const output: OutputEntry[] = [];
  for (const e of pkg.entries) {
    const key = e.name.toLowerCase();
    if (removed.has(key)) continue;
    const content = written.get(e.name);
    output.push(content === undefined ? { copy: e } : entryOf(e.name, content));
    written.delete(e.name);
  }
  for (const [name, content] of written) output.push(entryOf(name, content));
  return writeZip(bytes, output);
}

type PartContent = string | Uint8Array[] | DeflatedPart;

function entryOf(name: string, content: PartContent): OutputEntry {
  if (typeof content === "string") return { name, data: encoder.encode(content) };
  return Array.isArray(content) ? { name, data: content } : { name, deflated: content };
}

/** A list's edits as objects. */
function listEdits(list: CellEditList): CellEdit[] {
  return Array.from({ length: list.length }, (_, i) => {
    const value = list.values[i];
    const style = list.styles[i];
    return { row: list.rows[i], column: list.columns[i], ...(value !== undefined ? { value } : {}), ...(style ? { style } : {}) };
  });
}

/** The edits of each sheet (by index), several SheetEdits of one sheet taken together. */
function changesBySheet(pkg: WorkbookPackage, edits: PackageEdits): Map<number, SheetChanges> {
  const bySheet = new Map<number, SheetChanges>();
  for (const e of edits.sheets ?? []) {
    const { index, name } = pkg.sheet(e.sheet);
    const old = bySheet.get(index);
    if (old?.clearArea && e.clearArea) throw new PackageError(`The sheet '${name}' is given two areas to clear; give one edit per sheet.`);
    // Edits given as objects after a list: the list's edits must come first, so it is read out.
    const listed = old?.cellLists?.length && e.cells.length ? [...old.cellLists] : [];
    bySheet.set(index, {
      cells: old ? [...old.cells, ...listed.flatMap(listEdits), ...e.cells] : e.cells,
      cellLists: [...(listed.length ? [] : (old?.cellLists ?? [])), ...(e.cellList ? [e.cellList] : [])],
      clearArea: old?.clearArea ?? e.clearArea,
      columnWidths: [...(old?.columnWidths ?? []), ...(e.columnWidths ?? [])],
      validations: [...(old?.validations ?? []), ...(e.validations ?? [])],
      pageSetup: e.pageSetup ?? old?.pageSetup,
      rowHeights: new Map([...(old?.rowHeights ?? []), ...(e.rowHeights ?? []).map((h) => [h.row, h.height] as [number, number])]),
    });
  }
  return bySheet;
}
