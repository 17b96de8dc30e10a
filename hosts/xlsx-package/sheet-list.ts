// Adding and removing sheets: the tab order, new part names and relationship ids that collide with
// nothing, the workbook's relationships and content types, and the sheet names in docProps/app.xml.
// The parts only a removed sheet used are pruned afterwards (patch-workbook.ts).
import { withWorksheetNames } from "./app-properties";
import { WORKSHEET_TYPE } from "./content-types";
import { PackageError } from "./package-error";
import { folderOf, relativeTarget } from "./part-names";
import { REL } from "./relationships";
import type { NewSheet, PackageEdits } from "./types";
import type { WorkbookPackage } from "./workbook-package";
import type { SheetEntry, SheetSlot } from "./workbook-xml";

/** Writes the new sheets and app.xml, and sets the workbook's sheets; buildSheet gives a new sheet's XML. */
export function addAndRemoveSheets(pkg: WorkbookPackage, edits: PackageEdits, buildSheet: (s: NewSheet) => Uint8Array[], write: (part: string, content: string | Uint8Array[]) => void): void {
  const sheets = pkg.workbook.sheets;
  const isWorksheet = new Map(sheets.map((e) => [e, pkg.contentTypes.typeOf(pkg.sheetPart(e) ?? "") === WORKSHEET_TYPE]));
  const removed = new Set((edits.removeSheets ?? []).map((name) => pkg.sheet(name).index));
  const added = edits.addSheets ?? [];
  for (const n of added) {
    const i = sheets.findIndex((s) => s.name.toLowerCase() === n.name.toLowerCase());
    if (i >= 0 && !removed.has(i)) throw new PackageError(`The workbook already has a sheet called '${sheets[i].name}'; list it in the sheets to remove to replace it.`);
  }

  const slots: (SheetSlot | undefined)[] = sheets.map((_, i) => (removed.has(i) ? undefined : { original: i }));
  const taken = new Set(pkg.entries.map((e) => e.name.toLowerCase()));
  const folder = `${folderOf(pkg.workbookPart)}worksheets/`;
  let sheetId = Math.max(0, ...sheets.map((s) => s.sheetId || 0));
  let n = 1;
  for (const sheet of added) {
    while (taken.has(`${folder}sheet${n}.xml`.toLowerCase())) n++;
    const part = `${folder}sheet${n}.xml`;
    taken.add(part.toLowerCase());
    const relId = pkg.workbookRels.add(REL.worksheet, relativeTarget(pkg.workbookPart, part));
    pkg.contentTypes.addOverride(part, WORKSHEET_TYPE);
    write(part, buildSheet(sheet));
    const entry: SheetEntry = { name: sheet.name, sheetId: ++sheetId, relId, state: sheet.state ?? "visible" };
    const replaced = sheets.findIndex((s, i) => removed.has(i) && s.name.toLowerCase() === sheet.name.toLowerCase());
    if (replaced >= 0) slots[replaced] = { added: entry };
    else slots.push({ added: entry });
  }
  const order = slots.filter((s): s is SheetSlot => !!s);
  const entries = order.map((s) => ("original" in s ? sheets[s.original] : s.added));
  if (!entries.some((e) => e.state === "visible")) throw new PackageError("A workbook must keep at least one visible sheet, so these sheets cannot all be removed or hidden.");

  for (const i of removed) pkg.workbookRels.remove(sheets[i].relId);
  const reAdded = new Set(added.map((s) => s.name.toLowerCase()));
  const broken = new Set([...removed].map((i) => sheets[i].name.toLowerCase()).filter((name) => !reAdded.has(name)));
  pkg.workbook.setSheets(order, broken);

  const appPart = pkg.relsOf("").list.find((r) => r.type === REL.extendedProperties)?.part;
  if (appPart && pkg.has(appPart)) {
    const names = (list: SheetEntry[]) => list.filter((e) => isWorksheet.get(e) ?? true).map((e) => e.name);
    const name = pkg.entry(appPart)!.name;
    const text = withWorksheetNames(pkg.text(name), name, names(sheets), names(entries));
    if (text !== undefined) write(name, text);
  }
}
